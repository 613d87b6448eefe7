import "server-only";
import { createHash } from "node:crypto";

/**
 * The few pages the token service renders itself (sign-out confirmation, signed out,
 * errors at the authorization endpoint), in the portal's look. Everything is inline: no
 * font, script or stylesheet from anywhere (oidc-provider's defaults load Google Fonts,
 * which air-gapped sites cannot reach).
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:12vh auto;padding:1.5rem}
.brand{font-size:.8rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#1e40af}
h1{font-size:1.5rem;font-weight:600;margin:.25rem 0 .75rem}
p{line-height:1.5;color:#334155}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.25rem;margin-top:1rem}
.error{border-color:#fecaca;background:#fef2f2;color:#7f1d1d}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin-top:1.25rem}
button{font:inherit;font-weight:500;border-radius:.375rem;padding:.5rem 1rem;cursor:pointer;border:1px solid #cbd5e1;background:#fff;color:#0f172a}
button.primary{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
button:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
`;

/** The pages' one stylesheet, as a Content-Security-Policy source (token-service-headers.ts). */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Latchkey</title><style>${STYLE}</style></head><body><main><p class="brand">Latchkey</p>${body}</main></body></html>`;
}

/**
 * The value of Latchkey's own Sign out button: oidc-provider's auto-submitted form sends
 * logout=yes, so only this says a person confirmed (lib/oauth/portal-sign-out.ts).
 */
export const SIGN_OUT_CONFIRMED = "confirmed";

/** RP-initiated logout: oidc-provider's form (with its CSRF token) and our two buttons. */
export function signOutConfirmationPage(form: string, clientName: string | undefined): string {
  return page(
    "Sign out",
    `<h1>Sign out?</h1>
<p>${clientName ? `<strong>${escapeHtml(clientName)}</strong> asks to sign you out.` : "An application asks to sign you out."} This signs you out of Latchkey in this browser.</p>
${form}
<div class="actions"><button class="primary" autofocus type="submit" form="op.logoutForm" value="${SIGN_OUT_CONFIRMED}" name="logout">Sign out</button><button type="submit" form="op.logoutForm">Stay signed in</button></div>`,
  );
}

/** After a sign-out request: what actually happened, as the portal's cookie tells it. */
export function signedOutPage({ clientName, stillSignedIn }: { clientName: string | undefined; stillSignedIn: boolean }): string {
  if (stillSignedIn) {
    return page(
      "Still signed in",
      `<h1>You are still signed in</h1><p>${clientName ? `You signed out of ${escapeHtml(clientName)} only.` : "Nothing was signed out."} You are still signed in to Latchkey in this browser. You can close this window.</p>`,
    );
  }
  return page(
    "Signed out",
    `<h1>You are signed out</h1><p>${clientName ? `You signed out of ${escapeHtml(clientName)} and Latchkey.` : "You signed out of Latchkey."} You can close this window.</p>`,
  );
}

/** oidc-provider's error (error and error_description only) for a person, not a program. */
export function errorPage(out: { error?: unknown; error_description?: unknown }): string {
  return page(
    "Sign-in problem",
    `<h1>This sign-in cannot continue</h1>
<div class="card error" role="alert"><p><strong>${escapeHtml(out.error_description ?? out.error ?? "Unknown error")}</strong></p><p>Error code: <code>${escapeHtml(out.error ?? "server_error")}</code></p></div>
<p>Return to the application and try again. If this keeps happening, tell the application's administrator the error code above.</p>`,
  );
}
