/** Where the token service is mounted: its issuer is <base URL>/identity. */
export const IDENTITY_PREFIX = "/identity";

/** The sign-in interaction, below the prefix (interaction.ts answers it). */
export const INTERACTION_ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})$/;
