import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { sessionCookie } from "@/lib/auth/session-cookies";
import { publicBaseUrl } from "@/lib/http/site-security";
import { escapeHtml, signOutConfirmationPage } from "./pages";
import { portalSessionCookieNames, readPortalSession } from "./portal-session";

/**
 * An application's sign-out request (RP-initiated logout) when the token service has no
 * session of the person: oidc-provider then confirms it by itself, with an auto-submitted
 * form, and signOutOfPortal would end the portal session. Any site could send a signed-in
 * person there. So unless a valid id_token_hint names the person signed in to the portal,
 * they are asked first, on the same page as when the token service knows them.
 */
export async function askBeforePortalSignOut(ctx: KoaContextWithOIDC): Promise<void> {
  const { session, entities } = ctx.oidc;
  // An error, or oidc-provider asked already (logoutSource in create-provider.ts).
  if (ctx.status !== 200 || !session || session.accountId) return;
  const portal = await readPortalSession(ctx.req);
  if (!portal) return; // nobody to sign out of the portal
  // oidc-provider sets IdTokenHint only for a hint it could decode, and answers an error for one that does not validate.
  const hint = entities.IdTokenHint as { payload?: { sub?: unknown } } | undefined;
  if (hint?.payload?.sub === portal.userId) return;
  const secret = (session.state as { secret?: unknown } | undefined)?.secret;
  if (typeof secret !== "string") return;
  const form = `<form id="op.logoutForm" method="post" action="${escapeHtml(ctx.oidc.urlFor("end_session_confirm"))}"><input type="hidden" name="xsrf" value="${escapeHtml(secret)}"/></form>`;
  ctx.type = "html";
  ctx.body = signOutConfirmationPage(form, ctx.oidc.client?.clientName);
}

/**
 * After oidc-provider confirmed an application's sign-out request (RP-initiated logout):
 * the person is signed out of the portal too, or the next sign-in would go straight through.
 */
export function signOutOfPortal(ctx: KoaContextWithOIDC): void {
  if (!ctx.oidc.params?.logout || ctx.status >= 400) return;
  // With the attributes it was set with: a Secure cookie is only replaced by a Secure one.
  const { secure, sameSite } = sessionCookie(publicBaseUrl()).options;
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append(
      "Set-Cookie",
      `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=${sameSite === "none" ? "None" : "Lax"}${secure || name.startsWith("__") ? "; Secure" : ""}`,
    );
  }
}
