// Token requests as an application makes them, with openid-client: through the balancer,
// or pinned to one instance (the request goes to its port; everything else, the issuer
// and the token endpoint's URL included, stays the balancer's, as the instance sees it
// behind HAProxy, with the client's address in X-Forwarded-For).
import { allowInsecureRequests, ClientSecretBasic, clientCredentialsGrant, Configuration, customFetch, discovery, type ServerMetadata } from "openid-client";

export async function discoverMetadata(issuer: string): Promise<ServerMetadata> {
  return (await discovery(new URL(issuer), "discovery-only", undefined, undefined, { execute: [allowInsecureRequests] })).serverMetadata();
}

export type Route = { via?: string; forwardedFor?: string };

export function tokenClient(metadata: ServerMetadata, client: { clientId: string; secret: string }, route: Route = {}): Configuration {
  const config = new Configuration(metadata, client.clientId, client.secret, ClientSecretBasic(client.secret));
  allowInsecureRequests(config);
  config[customFetch] = (url, options) => {
    const target = new URL(url);
    if (route.via) {
      const via = new URL(route.via);
      [target.protocol, target.host] = [via.protocol, via.host];
    }
    const headers = new Headers(options.headers);
    if (route.forwardedFor) headers.set("x-forwarded-for", route.forwardedFor);
    // openid-client's body type admits a Uint8Array that DOM's RequestInit typing does not.
    return fetch(target, { ...(options as RequestInit), headers });
  };
  return config;
}

export type Attempt = { ok: true; accessToken: string } | { ok: false; status: number; error?: string; retryAfter?: string; message: string };

/** One client-credentials grant; a refusal is returned, not thrown. */
export async function requestToken(config: Configuration): Promise<Attempt> {
  try {
    return { ok: true, accessToken: (await clientCredentialsGrant(config)).access_token };
  } catch (error) {
    // ResponseBodyError and WWWAuthenticateChallengeError carry the response; other
    // refusals (no OAuth error body) carry it as their cause.
    const e = error as { status?: number; error?: string; response?: Response; cause?: unknown; message?: string };
    const response = e.response ?? (e.cause instanceof Response ? e.cause : undefined);
    let code = e.error;
    if (!code && response)
      code = (
        (await response
          .clone()
          .json()
          .catch(() => ({}))) as { error?: string }
      ).error;
    return {
      ok: false,
      status: e.status ?? response?.status ?? 0,
      error: code,
      retryAfter: response?.headers.get("retry-after") ?? undefined,
      message: e.message ?? String(error),
    };
  }
}
