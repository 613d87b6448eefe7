import "server-only";
import type { KoaContextWithOIDC } from "oidc-provider";
import { sessionCookie } from "@/lib/auth/session-cookies";
import { endPortalSession } from "@/lib/sessions/end-portal-session";
import { escapeHtml, SIGN_OUT_CONFIRMED, signOutConfirmationPage } from "./pages";
import { decodePortalCookie, portalSessionCookieNames, readPortalSession } from "./portal-session";

/** What Latchkey keeps in oidc-provider's sign-out state, beside its xsrf secret. */
type SignOutState = { secret?: unknown; latchkeyHintSub?: unknown };

/**
 * An application's sign-out request (RP-initiated logout). oidc-provider confirms it by
 * itself, with an auto-submitted logout=yes form, when it has no session of the person, and
 * any site can send a person there (a cross-site POST even arrives without the portal's
 * SameSite=Lax cookie). So the subject of a valid id_token_hint is remembered for the
 * confirmation (signOutOfPortal), and unless it names the person signed in to the portal,
 * they are asked first, on the same page as when the token service knows them.
 */
export async function askBeforePortalSignOut(ctx: KoaContextWithOIDC): Promise<void> {
  const { session, entities } = ctx.oidc;
  if (ctx.status !== 200 || !session) return;
  const state = session.state as SignOutState | undefined;
  if (typeof state?.secret !== "string") return;
  // oidc-provider sets IdTokenHint only for a hint it validated (it answers an error otherwise).
  const sub = (entities.IdTokenHint as { payload?: { sub?: unknown } } | undefined)?.payload?.sub;
  if (typeof sub === "string") {
    state.latchkeyHintSub = sub;
    // oidc-provider saved the session before this runs: save the remembered subject too.
    await session.persist();
  }
  if (session.accountId) return; // oidc-provider asked already (logoutSource in create-provider.ts)
  const portal = await readPortalSession(ctx.req, ctx.oidc.issuer);
  if (portal && sub === portal.userId) return;
  const form = `<form id="op.logoutForm" method="post" action="${escapeHtml(ctx.oidc.urlFor("end_session_confirm"))}"><input type="hidden" name="xsrf" value="${escapeHtml(state.secret)}"/></form>`;
  ctx.type = "html";
  ctx.body = signOutConfirmationPage(form, ctx.oidc.client?.clientName);
}

/**
 * After oidc-provider confirmed an application's sign-out request: the person is signed out
 * of the portal too, or the next sign-in would go straight through. Decided here, where the
 * portal cookie is present: only if the person pressed Latchkey's own Sign out button (a
 * value oidc-provider's auto-submitted form never sends), or the request carried a valid
 * id_token_hint of the person signed in to the portal.
 */
export async function signOutOfPortal(ctx: KoaContextWithOIDC): Promise<void> {
  const logout = ctx.oidc.params?.logout;
  if (!logout || ctx.status >= 400) return;
  if (logout !== SIGN_OUT_CONFIRMED) {
    const hinted = (ctx.oidc.session?.state as SignOutState | undefined)?.latchkeyHintSub;
    const portal = await readPortalSession(ctx.req, ctx.oidc.issuer);
    if (!portal || typeof hinted !== "string" || hinted !== portal.userId) return;
  }
  // (oidc-provider's own logout=yes, as when it ends an earlier person's session on this
  // browser at another's sign-in, never reaches here without that hint.) The session row
  // ends as well, so a copy of the cookie is refused like the cookie itself.
  await endPortalSession((await decodePortalCookie(ctx.req, ctx.oidc.issuer))?.sid);
  // With the attributes it was set with: a Secure cookie is only replaced by a Secure one.
  const { secure, sameSite } = sessionCookie(ctx.oidc.issuer).options;
  for (const name of portalSessionCookieNames(ctx.req)) {
    ctx.append(
      "Set-Cookie",
      `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=${sameSite === "none" ? "None" : "Lax"}${secure || name.startsWith("__") ? "; Secure" : ""}`,
    );
  }
}
