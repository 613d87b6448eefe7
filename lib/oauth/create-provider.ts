import "server-only";
import Provider, { errors, interactionPolicy, type Configuration, type SigningAlgorithm } from "oidc-provider";
import type { ServerConfig } from "@/lib/config";
import { accessTokenVerifier } from "./access-token-jwt";
import type { AuthFailureLimiter } from "./auth-failure-limiter";
import { findCachedClient } from "./client-cache";
import { clientLookup, compareClientSecret, isStandIn } from "./client-lookup";
import { corsOriginAllowed } from "./cors";
import { claimOnce, createAdapter, grantRefFor } from "./database-adapter";
import { LATCHKEY_CLIENT_PROPERTIES } from "./find-oauth-client";
import { LocalSigningKey } from "./local-signing-key";
import { extensionRoutes } from "./extension-routes";
import { countFailedAuthentications, delayFailedAuthentications, noteCorsRefusal } from "./failed-authentication-limit";
import { interactionMiddleware } from "./interaction";
import { measureTokenRequests } from "./measure-token-requests";
import type { LatchkeyClient } from "./latchkey-client";
import {
  addIssuerToEveryAuthorizationResponse,
  currentContext,
  expectCurrentContext,
  ignoreClientMetadataProblems,
  onApplicationError,
  overrideClientSecretComparison,
  replaceReplayDetection,
  wrapClientFind,
} from "./oidc-provider-internals";
import { errorPage, signedOutPage, signOutConfirmationPage } from "./pages";
import { readPortalSession, type PortalSession } from "./portal-session";
import { recordCredentialUse } from "./record-credential-use";
import type { KeySet } from "./signing-keys";
import { tokenServiceCookieAttributes, tokenServiceCookieNames } from "./token-service-cookies";
import { tokenServiceHeaders } from "./token-service-headers";
import { TOKEN_SERVICE_ROUTES } from "./token-service-urls";
import { mayIntrospect, structuredTokens } from "./structured-tokens";
import { findTenantMember, memberClaims, SCOPE_CLAIMS, USER_SCOPES } from "./tenant-member";
import { logger } from "@/lib/logging/logger";

export type ProviderOptions = { config: ServerConfig; keys: KeySet; cookieKeys: string[]; limiter: AuthFailureLimiter; prefix: string };

// No plaintext secrets exist on the server, so nothing may be keyed by a client secret:
// only asymmetric algorithms are enabled (HS256 & co. would use client_secret as the key),
// and client_secret_jwt is not offered.
const ASYMMETRIC: SigningAlgorithm[] = ["ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA"];
const SIGNING: SigningAlgorithm[] = ["ES256", "RS256"];
// A client assertion must expire within this, so the replay store holds little (RFC 7523 3: "The JWT MUST contain an exp").
const MAX_ASSERTION_LIFETIME_S = 600;
// A client's clock may run ahead a little; an assertion "issued" further ahead than this
// was made to be used later (kept for replay after its jti's record is gone).
const MAX_ASSERTION_FUTURE_IAT_S = 60;
const DAY_S = 86_400;
// Refresh tokens (hybrid clients that allow them) rotate on every use; a family ends after
// 14 days without use, and 30 days after its sign-in however much it is used.
const REFRESH_IDLE_S = 14 * DAY_S;
const REFRESH_ABSOLUTE_S = 30 * DAY_S;
// The portal session the login check found, for the token service session's lifetime.
const PORTAL_SESSION = Symbol("latchkey portal session");
// A session no portal session vouches for holds at most a sign-in in progress: it lasts as
// long as the interaction it waits for (shorter would break a slow sign-in at the company's
// identity provider: the interaction names the session).
const INTERACTION_S = 15 * 60;
const UNVOUCHED_SESSION_S = INTERACTION_S;
// The registered key a client assertion names, noted while it is checked and recorded as
// used once the assertion also passed the replay check.
const ASSERTION_KEY = Symbol("latchkey assertion key");

/**
 * The token service: oidc-provider configured on our database for the three client types
 * (find-oauth-client.ts says which client may do what). Built anew whenever the signing
 * keys change (identity-handler.ts); everything it stores lives in the database.
 */
export function createProvider({ config, keys, cookieKeys, limiter, prefix }: ProviderOptions): Provider {
  const audience = config.tokenAudience;
  const sessionLifetime = config.session.lifetimeSeconds;

  // interactionPolicy (base(), Check) is oidc-provider's documented API for login checks,
  // not an internal, so it is used here rather than in oidc-provider-internals.ts.
  const policy = interactionPolicy.base();
  const login = policy.get("login")!;
  // The person must still be signed in to the portal with the very sign-in this session
  // came from (same user and sign-in time: a session of an earlier, ended sign-in is not
  // carried over), and be a member of the client's tenant; otherwise the interaction asks
  // again (prompt=none: login_required).
  login.checks.add(
    new interactionPolicy.Check("portal_session", "End-User must be signed in to Latchkey", "login_required", async (ctx) => {
      const session = await readPortalSession(ctx.req, ctx.oidc.issuer);
      if (!session || session.userId !== ctx.oidc.session?.accountId || session.authTime !== ctx.oidc.session.loginTs)
        return interactionPolicy.Check.REQUEST_PROMPT;
      // Only the portal session this token service session belongs to sets its lifetime.
      Object.assign(ctx, { [PORTAL_SESSION]: session });
      return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  login.checks.add(
    new interactionPolicy.Check("tenant_member", "End-User must be a member of the client's tenant", async (ctx) => {
      const client = ctx.oidc.client as LatchkeyClient;
      const accountId = ctx.oidc.session?.accountId;
      return accountId && (await findTenantMember(client.latchkey_tenant_id, accountId))
        ? interactionPolicy.Check.NO_NEED_TO_PROMPT
        : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  const configuration: Configuration = {
    adapter: createAdapter,
    // Where each endpoint is, from the module the portal's Connect tab reads too.
    routes: TOKEN_SERVICE_ROUTES,
    jwks: { keys: keys.jwks.keys.map((jwk) => new LocalSigningKey(jwk)) },
    cookies: {
      keys: cookieKeys,
      names: tokenServiceCookieNames(config.baseUrl),
      ...tokenServiceCookieAttributes(config.baseUrl),
    },
    extraClientMetadata: { properties: [...LATCHKEY_CLIENT_PROPERTIES] },
    scopes: ["openid", "email", "profile", "offline_access"],
    claims: Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    responseTypes: ["code id_token", "code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"],
    // PKCE (S256 only; oidc-provider refuses "plain") for every code flow. The hybrid
    // "code id_token" flow binds its code to the ID token's nonce and c_hash instead.
    pkce: { required: (ctx) => ctx.oidc.params?.response_type === "code" },
    interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}`, policy },
    features: {
      devInteractions: { enabled: false },
      // Our keys sign through LocalSigningKey (local-signing-key.ts says why).
      externalSigningSupport: { enabled: true, ack: "experimental-01" },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) =>
          mayIntrospect(client as LatchkeyClient, {
            clientId: token.clientId!,
            tenantId: (await findCachedClient(token.clientId!))?.metadata.latchkey_tenant_id,
          }),
      },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = "html";
          ctx.body = signOutConfirmationPage(form, ctx.oidc.client?.clientName);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = "html";
          // "Stay signed in" lands here too: say so when the portal session is still there.
          ctx.body = signedOutPage({ clientName: ctx.oidc.client?.clientName, stillSignedIn: Boolean(await readPortalSession(ctx.req, ctx.oidc.issuer)) });
        },
      },
      resourceIndicators: {
        enabled: true,
        // Access tokens are for our APIs: one audience, the default when a client names none.
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          // Never a token for the stand-in of an unknown id, whatever let it this far.
          if (isStandIn(client)) throw new errors.InvalidClient("client authentication failed");
          if (resource !== audience) throw new errors.InvalidTarget(`unknown resource; this server issues tokens for ${audience}`);
          const c = client as LatchkeyClient;
          const alg = c.latchkey_token_signing_alg as keyof KeySet["signingKids"];
          return {
            // Tokens of people carry their OIDC scopes, so userinfo can serve them.
            scope: c.latchkey_type === "client-credentials" ? "" : USER_SCOPES,
            audience,
            accessTokenTTL: c.latchkey_token_lifetime,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg, kid: keys.signingKids[alg] } },
          };
        },
      },
    },
    clientBasedCORS: (ctx, origin, client) => {
      const c = client as LatchkeyClient;
      const allowed = corsOriginAllowed({ type: c.latchkey_type, redirectUris: c.redirectUris ?? [], corsOrigins: c.latchkey_cors_origins }, origin);
      if (!allowed) noteCorsRefusal(ctx);
      return allowed;
    },
    findAccount: async (ctx, sub) => {
      const client = ctx.oidc.client as LatchkeyClient | undefined;
      const member = client ? await findTenantMember(client.latchkey_tenant_id, sub) : null;
      if (!member) return undefined;
      // The roles ride along for extraTokenClaims, which runs in the same request.
      return { accountId: sub, roles: member.roles, claims: async (_use, scope) => ({ sub, ...memberClaims(member, (scope ?? "openid").split(" ")) }) };
    },
    // No consent screen: a tenant's clients get what they ask for, as its members.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session?.grantIdFor(client!.clientId);
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      if (existing) return existing;
      if (!session?.accountId) return undefined;
      const grant = new provider.Grant({ clientId: client!.clientId, accountId: session.accountId });
      grant.addOIDCScope(USER_SCOPES);
      grant.addResourceScope(audience, USER_SCOPES);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    // A refresh token is there to outlive the sign-in session (oidc-provider would tie it to
    // the session unless offline_access was consented to); signing out at the application's
    // request still revokes it, with the whole grant.
    expiresWithSession: async (ctx) => !ctx.oidc.client!.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    extraTokenClaims: async (ctx, token) => {
      const client = (ctx.oidc.client ?? undefined) as LatchkeyClient | undefined;
      if (!client) return undefined;
      if (isStandIn(client)) throw new errors.InvalidClient("client authentication failed");
      const accountId = "accountId" in token ? (token.accountId as string | undefined) : undefined;
      // A person's token: oidc-provider has just loaded the person (findAccount) for it.
      const account = ctx.oidc.account as { accountId?: string; roles?: string[] } | undefined;
      const roles = !accountId
        ? client.latchkey_roles
        : account?.accountId === accountId && account.roles
          ? account.roles
          : ((await findTenantMember(client.latchkey_tenant_id, accountId))?.roles ?? []);
      // A person's token names its grant, so revoking the grant makes it inactive (access-token-jwt.ts).
      const grantId = "grantId" in token ? (token.grantId as string | undefined) : undefined;
      return {
        tenant_id: client.latchkey_tenant_id,
        tenant: client.latchkey_tenant,
        environment: client.latchkey_environment,
        roles,
        ...(grantId ? { grant_ref: await grantRefFor(grantId) } : {}),
      };
    },
    ttl: {
      // The client's own token lifetime, carried by the resource server info above.
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600,
      IdToken: 3600,
      AuthorizationCode: 60,
      Interaction: INTERACTION_S,
      // Never past the end of the portal session it came from (the login check found it);
      // without one in this request, never longer than it already had, and a new one that
      // no portal session vouches for lasts only as long as a sign-in in progress.
      Session: (ctx, session) => {
        const now = Date.now() / 1000;
        const portal = (ctx as unknown as Record<symbol, PortalSession | undefined>)[PORTAL_SESSION];
        const end = portal ? portal.expiresAt.getTime() / 1000 : (session.exp ?? now + UNVOUCHED_SESSION_S);
        return Math.max(1, Math.floor(Math.min(sessionLifetime, end - now)));
      },
      // A grant is reused by the sign-ins of one session, so it outlives the last family's 30 days.
      Grant: sessionLifetime + REFRESH_ABSOLUTE_S,
      RefreshToken: (ctx) => {
        const rotated = ctx?.oidc.entities.RotatedRefreshToken;
        const familyStart = rotated ? (rotated.iiat ?? rotated.iat!) : Math.floor(Date.now() / 1000);
        return Math.max(1, Math.min(REFRESH_IDLE_S, familyStart + REFRESH_ABSOLUTE_S - Math.floor(Date.now() / 1000)));
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = errorPage(out);
    },
    enabledJWA: {
      clientAuthSigningAlgValues: ASYMMETRIC,
      idTokenSigningAlgValues: SIGNING,
      requestObjectSigningAlgValues: ASYMMETRIC,
      userinfoSigningAlgValues: SIGNING,
      introspectionSigningAlgValues: SIGNING,
      authorizationSigningAlgValues: SIGNING,
    },
    assertJwtClientAuthClaimsAndHeader: async (ctx, claims, header, client) => {
      const now = Math.floor(Date.now() / 1000);
      if (Number(claims.exp) - now > MAX_ASSERTION_LIFETIME_S) {
        throw new errors.InvalidClientAuth(`client assertions must expire within ${MAX_ASSERTION_LIFETIME_S} seconds`);
      }
      if (typeof claims.iat === "number" && claims.iat - now > MAX_ASSERTION_FUTURE_IAT_S) {
        throw new errors.InvalidClientAuth(`client assertion issued in the future (iat more than ${MAX_ASSERTION_FUTURE_IAT_S} seconds ahead)`);
      }
      // The key that verified: the one the assertion names (or the only one).
      const registered = (await findCachedClient(client.clientId))?.keys ?? [];
      const key = registered.find((k) => k.kid === header.kid) ?? (registered.length === 1 ? registered[0] : undefined);
      Object.assign(ctx, { [ASSERTION_KEY]: key?.id });
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.trustProxy;
  // Behind proxies, the client's address is the one the nearest trusted proxy saw: Koa's
  // default would take the leftmost X-Forwarded-For entry, which the client writes itself.
  provider.maxIpsCount = config.trustedProxyHops;

  // Where oidc-provider is patched, through the one module allowed to (oidc-provider-internals.ts).
  expectCurrentContext();
  overrideClientSecretComparison(provider, compareClientSecret);
  // Hybrid clients ("code id_token") count as implicit-flow clients to oidc-provider, which
  // then wants https redirect URLs. The portal's own URL rules (lib/validation/urls.ts)
  // already require https except on loopback addresses, where local development runs; the
  // two codes are the hook oidc-provider documents for relaxing exactly this.
  ignoreClientMetadataProblems(provider, ["implicit-force-https", "implicit-forbid-localhost"]);
  // One insert decides whether a client's assertion id was seen (database-adapter.ts).
  replaceReplayDetection(provider, async (iss, jti, exp) => {
    const first = await claimOnce("ReplayDetection", `${iss} ${jti}`, new Date(exp * 1000));
    const keyId = currentContext<{ [ASSERTION_KEY]?: string }>()?.[ASSERTION_KEY];
    if (first && keyId) recordCredentialUse("key", keyId, new Date());
    return first;
  });
  wrapClientFind(provider, clientLookup(provider, limiter));
  addIssuerToEveryAuthorizationResponse(provider);

  countFailedAuthentications(provider, limiter, config.authFailureLimits.alertPerClient);
  provider.use(tokenServiceHeaders(config.baseUrl));
  provider.use(measureTokenRequests());
  provider.use(delayFailedAuthentications(config.authFailureMinMs));
  provider.use(
    extensionRoutes({
      tokens: structuredTokens(accessTokenVerifier(publicJwks(keys), config.issuer, audience), config.issuer),
      interaction: interactionMiddleware(provider, prefix),
    }),
  );

  provider.on("server_error", (_ctx, error) => {
    // The error only: request parameters could carry a client secret or assertion.
    logger.error({ err: error }, "token service error");
  });
  // Koa's own errors (e.g. a client hanging up mid-body): one line, no request data, and
  // none for what is the client's doing.
  onApplicationError(provider, (error) => {
    if (error.expose || error.code === "ECONNRESET" || error.code === "HPE_INVALID_EOF_STATE") return;
    logger.error({ error: error.message }, "token service request failed");
  });
  return provider;
}

function publicJwks(keys: KeySet) {
  return { keys: keys.jwks.keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub) };
}
