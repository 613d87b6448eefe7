import type { KoaContextWithOIDC } from "oidc-provider";

/**
 * RFC 6749 5.2 names two refusals differently from oidc-provider, which answers both as
 * invalid_request: a grant type the client may not use is "unauthorized_client", and a
 * request with no client authentication at all is "invalid_client" (401). The descriptions
 * matched are oidc-provider's, pinned by its version in package.json and by our tests.
 */
const RFC6749_CODES: Record<string, { error: string; status: number }> = {
  "requested grant type is not allowed for this client": { error: "unauthorized_client", status: 400 },
  "no client authentication mechanism provided": { error: "invalid_client", status: 401 },
};

/** After oidc-provider answered a client endpoint. */
export function correctErrorCode(ctx: KoaContextWithOIDC): void {
  const body = ctx.body as { error?: string; error_description?: string } | undefined;
  const correct = body?.error === "invalid_request" ? RFC6749_CODES[body.error_description ?? ""] : undefined;
  if (!correct) return;
  body!.error = correct.error;
  ctx.status = correct.status;
}
