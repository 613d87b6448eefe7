import { z } from "zod";
import { ZSecretInput } from "./secret";
import { ZCorsOrigins, ZRedirectUris } from "./urls";

export const CLIENT_TYPES = ["client-credentials", "authorization-code", "hybrid"] as const;
export type TClientType = (typeof CLIENT_TYPES)[number];

export const CLIENT_TYPE_LABELS: Record<TClientType, string> = {
  "client-credentials": "Client-credentials",
  "authorization-code": "Authorization code",
  hybrid: "Hybrid",
};

/** Types whose clients authenticate with secrets (the others are public clients). */
export const CONFIDENTIAL_TYPES: readonly TClientType[] = ["client-credentials", "hybrid"];

export const TOKEN_LIFETIME = { min: 60, max: 3600, default: 3600 } as const;

export const ZTokenLifetime = z.coerce
  .number({ error: "Token lifetime must be a number of seconds" })
  .int("Token lifetime must be a whole number of seconds")
  .min(TOKEN_LIFETIME.min, `Token lifetime must be at least ${TOKEN_LIFETIME.min} seconds`)
  .max(TOKEN_LIFETIME.max, `Token lifetime can be at most ${TOKEN_LIFETIME.max} seconds (one hour)`);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Stored lower-case so "ABC…" and "abc…" cannot become two clients.
export const ZClientId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(GUID, "Client Id must be a GUID, e.g. 3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a");

export const ZClientName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(100, "Name can be at most 100 characters");

export const ZClientDescription = z.string().trim().max(500, "Description can be at most 500 characters").default("");

// Role ids chosen in addition to Account Member, which every client has regardless.
export const ZRoleIds = z.array(z.string().min(1)).max(100).default([]);

const common = {
  name: ZClientName,
  description: ZClientDescription,
  clientId: z.union([z.literal(""), ZClientId]).optional(),
  /** Empty: the tenant's first environment (Development for new tenants). */
  environmentId: z.string().optional(),
  tokenLifetime: ZTokenLifetime.default(TOKEN_LIFETIME.default),
};

export const ZCreateClientCredentialsClient = z.object({
  type: z.literal("client-credentials"),
  ...common,
  roleIds: ZRoleIds,
  secret: ZSecretInput,
});

export const ZCreateAuthorizationCodeClient = z.object({
  type: z.literal("authorization-code"),
  ...common,
  redirectUris: ZRedirectUris.refine((uris) => uris.length > 0, "Enter at least one redirect URL"),
  postLogoutRedirectUris: ZRedirectUris.default([]),
  corsOrigins: ZCorsOrigins.default([]),
});

export const ZCreateHybridClient = z.object({
  type: z.literal("hybrid"),
  ...common,
  allowRefreshToken: z.boolean().default(false),
  redirectUris: ZRedirectUris.refine((uris) => uris.length > 0, "Enter at least one redirect URL"),
  postLogoutRedirectUris: ZRedirectUris.default([]),
  secret: ZSecretInput,
});

export const ZCreateClient = z.discriminatedUnion("type", [
  ZCreateClientCredentialsClient,
  ZCreateAuthorizationCodeClient,
  ZCreateHybridClient,
]);
export type TCreateClient = z.input<typeof ZCreateClient>;
export type TCreateClientParsed = z.output<typeof ZCreateClient>;
export type TCreateClientCredentialsClient = z.input<typeof ZCreateClientCredentialsClient>;
export type TCreateAuthorizationCodeClient = z.input<typeof ZCreateAuthorizationCodeClient>;
export type TCreateHybridClient = z.input<typeof ZCreateHybridClient>;
