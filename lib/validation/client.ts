import { z } from "zod";
import { CLIENT_ID_IN_USE, ZClientId, ZOptionalClientId } from "./client-id";
import { ZPublicKeyInput } from "./client-key";
import { ZSecretInput } from "./secret";
import { CLIENT_NAME_POLICIES, type TClientNamePolicy } from "./tenant-settings";
import { ZCorsOrigins, ZRedirectUris } from "./urls";

export { CLIENT_ID_IN_USE, ZClientId };

export const CLIENT_TYPES = ["client-credentials", "authorization-code", "hybrid"] as const;
export type TClientType = (typeof CLIENT_TYPES)[number];

export const CLIENT_TYPE_LABELS: Record<TClientType, string> = {
  "client-credentials": "Client-credentials",
  "authorization-code": "Authorization code",
  hybrid: "Hybrid",
};

/** Types whose clients authenticate with secrets (the others are public clients). */
export const CONFIDENTIAL_TYPES: readonly TClientType[] = ["client-credentials", "hybrid"];

/**
 * How a client-credentials client proves who it is (seed 004's "Security type"): a client
 * secret, or a JWT it signs with its own private key (private_key_jwt, RFC 7523), whose
 * public key is registered instead. Chosen at creation; it cannot change later.
 */
export const SECURITY_TYPES = ["client-secret", "signed-jwt"] as const;
export type TSecurityType = (typeof SECURITY_TYPES)[number];
export const SECURITY_TYPE_LABELS: Record<TSecurityType, string> = {
  "client-secret": "Client secret",
  "signed-jwt": "Signed JWT",
};

/** The algorithm that signs a client's access and ID tokens: ES256 unless a resource server only knows RSA. */
export const TOKEN_SIGNING_ALGS = ["ES256", "RS256"] as const;
export type TTokenSigningAlg = (typeof TOKEN_SIGNING_ALGS)[number];
export const ZTokenSigningAlg = z.enum(TOKEN_SIGNING_ALGS, { error: "Token signing algorithm must be ES256 or RS256" });

export const TOKEN_LIFETIME = { min: 60, max: 3600, default: 3600 } as const;

export const ZTokenLifetime = z.coerce
  .number({ error: "Token lifetime must be a number of seconds" })
  .int("Token lifetime must be a whole number of seconds")
  .min(TOKEN_LIFETIME.min, `Token lifetime must be at least ${TOKEN_LIFETIME.min} seconds`)
  .max(TOKEN_LIFETIME.max, `Token lifetime can be at most ${TOKEN_LIFETIME.max} seconds (one hour)`);

const TYPE_MESSAGE = "Type must be client-credentials, authorization-code or hybrid";
const ZClientType = <T extends TClientType>(type: T) => z.literal(type, { error: TYPE_MESSAGE });

export const ZClientName = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(100, "Name can be at most 100 characters");

const ZClientDescriptionText = z.string({ error: "Enter the description as text" }).trim().max(500, "Description can be at most 500 characters");
export const ZClientDescription = ZClientDescriptionText.default("");

// Role ids chosen in addition to Account Member, which every client has regardless.
const ROLE_IDS_MESSAGE = "Choose roles from the list";
export const ZRoleIds = z
  .array(z.string({ error: ROLE_IDS_MESSAGE }).min(1, ROLE_IDS_MESSAGE).max(100, ROLE_IDS_MESSAGE), { error: ROLE_IDS_MESSAGE })
  .max(100, "Choose at most 100 roles")
  .default([]);

const ZEnvironmentId = z.string({ error: "Choose an environment" }).max(100, "Choose an environment");

const common = {
  name: ZClientName,
  description: ZClientDescription,
  clientId: ZOptionalClientId,
  /** Empty: the tenant's first environment (Development for new tenants). */
  environmentId: ZEnvironmentId.optional(),
  tokenLifetime: ZTokenLifetime.default(TOKEN_LIFETIME.default),
  tokenSigningAlg: ZTokenSigningAlg.default("ES256"),
};

const ZRequiredRedirectUris = ZRedirectUris.refine((uris) => uris.length > 0, "Enter at least one redirect URL");

// A client secret client starts with a secret, a signed JWT client with a public key.
export const ZCreateClientCredentialsClient = z
  .object({
    type: ZClientType("client-credentials"),
    ...common,
    roleIds: ZRoleIds,
    securityType: z.enum(SECURITY_TYPES, { error: "Security type must be client-secret or signed-jwt" }).default("client-secret"),
    secret: ZSecretInput.optional(),
    publicKey: ZPublicKeyInput.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.securityType === "client-secret" && !value.secret)
      ctx.addIssue({ code: "custom", path: ["secret", "expires"], message: "Choose when the secret expires" });
    if (value.securityType === "signed-jwt" && !value.publicKey)
      ctx.addIssue({ code: "custom", path: ["publicKey", "key"], message: "Paste the client's public key (JWK or PEM)" });
  });

export const ZCreateAuthorizationCodeClient = z.object({
  type: ZClientType("authorization-code"),
  ...common,
  redirectUris: ZRequiredRedirectUris,
  postLogoutRedirectUris: ZRedirectUris.default([]),
  corsOrigins: ZCorsOrigins.default([]),
});

const ZAllowRefreshToken = z.boolean({ error: "Choose whether refresh tokens are allowed" });

export const ZCreateHybridClient = z.object({
  type: ZClientType("hybrid"),
  ...common,
  allowRefreshToken: ZAllowRefreshToken.default(false),
  redirectUris: ZRequiredRedirectUris,
  postLogoutRedirectUris: ZRedirectUris.default([]),
  secret: ZSecretInput,
});

export const ZCreateClient = z.discriminatedUnion("type", [ZCreateClientCredentialsClient, ZCreateAuthorizationCodeClient, ZCreateHybridClient], {
  error: TYPE_MESSAGE,
});
export type TCreateClient = z.input<typeof ZCreateClient>;
export type TCreateClientParsed = z.output<typeof ZCreateClient>;
export type TCreateClientCredentialsClient = z.input<typeof ZCreateClientCredentialsClient>;
export type TCreateAuthorizationCodeClient = z.input<typeof ZCreateAuthorizationCodeClient>;
export type TCreateHybridClient = z.input<typeof ZCreateHybridClient>;

// Changing a client: the type is stated and must be the stored one (a client's type cannot
// change). A field left out keeps its value; the portal's form always sends all of them.
const updateCommon = {
  clientId: ZClientId,
  name: ZClientName.optional(),
  description: ZClientDescriptionText.optional(),
  environmentId: ZEnvironmentId.min(1, "Choose an environment").optional(),
  tokenLifetime: ZTokenLifetime.optional(),
  tokenSigningAlg: ZTokenSigningAlg.optional(),
};

export const ZUpdateClientCredentialsClient = z.object({ type: ZClientType("client-credentials"), ...updateCommon });

export const ZUpdateAuthorizationCodeClient = z.object({
  type: ZClientType("authorization-code"),
  ...updateCommon,
  redirectUris: ZRequiredRedirectUris.optional(),
  postLogoutRedirectUris: ZRedirectUris.optional(),
  corsOrigins: ZCorsOrigins.optional(),
});

export const ZUpdateHybridClient = z.object({
  type: ZClientType("hybrid"),
  ...updateCommon,
  allowRefreshToken: ZAllowRefreshToken.optional(),
  redirectUris: ZRequiredRedirectUris.optional(),
  postLogoutRedirectUris: ZRedirectUris.optional(),
});

export const ZUpdateClient = z.discriminatedUnion("type", [ZUpdateClientCredentialsClient, ZUpdateAuthorizationCodeClient, ZUpdateHybridClient], {
  error: TYPE_MESSAGE,
});
export type TUpdateClient = z.input<typeof ZUpdateClient>;
export type TUpdateClientParsed = z.output<typeof ZUpdateClient>;

/**
 * What the Add client form asks while the admin fills it in: is this Client Id still free,
 * and does the tenant already have a client of this name. Either may be left out.
 */
export const ZCheckNewClient = z.object({
  name: z.string({ error: "Name must be text" }).trim().max(100, "Name can be at most 100 characters").optional(),
  clientId: common.clientId,
});
export type TCheckNewClient = z.input<typeof ZCheckNewClient>;

export const ZDeleteClient = z.object({ clientId: ZClientId });
export type TDeleteClient = z.input<typeof ZDeleteClient>;

/**
 * A form schema that also checks the tenant's client-name policy, so the admin sees the
 * rule broken at the field before submitting. The domain enforces it again
 * (lib/tenants/tenant-policy.ts), with the same rule and message. Like updateClient, it
 * leaves a client's current name alone: a policy adopted later applies to new names.
 */
export function withClientNamePolicy<S extends z.ZodType<{ name?: string }>>(schema: S, policy: TClientNamePolicy | null, currentName?: string): S {
  if (!policy) return schema;
  const rule = CLIENT_NAME_POLICIES[policy];
  return schema.superRefine((value, ctx) => {
    if (value.name === undefined || value.name === currentName) return;
    if (!rule.pattern.test(value.name)) ctx.addIssue({ code: "custom", path: ["name"], message: rule.message });
  });
}
