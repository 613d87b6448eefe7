// Applications that sign people in through Latchkey, for the browser tests, each on its own
// origin (127.0.0.1, while the portal is localhost): a browser app that does PKCE and
// calls the token service across origins itself, and a server-side web app that uses
// openid-client with "code id_token" and form_post, as ASP.NET-style apps do.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { E2E_BASE_URL } from "./e2e-env";

export const ISSUER = `${E2E_BASE_URL}/identity`;

export type RelyingParty = { origin: string; setClient(clientId: string, secret?: string): void; close(): Promise<void> };

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

/**
 * `host` names the app's origin: 127.0.0.1 (the default) is another site than the portal's
 * localhost, "localhost" (another port) the same site.
 */
async function serve(handler: (origin: string) => Handler, host = "127.0.0.1"): Promise<RelyingParty & { state: { clientId: string; secret?: string } }> {
  const state: { clientId: string; secret?: string } = { clientId: "" };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  const handle = handler(origin);
  server.on("request", (req, res) => {
    Promise.resolve(handle(req, res, new URL(req.url!, origin))).catch((error: unknown) =>
      html(res, `<pre id="result">${JSON.stringify({ failed: String(error) })}</pre>`),
    );
  });
  return {
    origin,
    state,
    setClient(clientId, secret) {
      state.clientId = clientId;
      state.secret = secret;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function html(res: ServerResponse, body: string, status = 200) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!DOCTYPE html><html lang="en"><head><title>Test app</title></head><body><main><h1>Test app</h1>${body}</main></body></html>`);
}

/**
 * A single-page app: the page itself makes the PKCE pair, sends the person to /auth, and
 * on /callback exchanges the code and calls userinfo with fetch, across origins, so the
 * token service's CORS answers are what the browser enforces.
 */
export async function startBrowserApp({ host }: { host?: "localhost" } = {}): Promise<RelyingParty> {
  const rp = await serve(
    (origin) => (_req, res, url) => {
      if (url.pathname === "/bye") return html(res, `<p id="result">signed out</p>`);
      // Silent renew's landing page, inside the hidden iframe: hands the answer to the app.
      if (url.pathname === "/silent-callback") return html(res, `<script>parent.postMessage(location.search, location.origin)</script>`);
      const config = JSON.stringify({ issuer: ISSUER, clientId: rp.state.clientId, redirect: `${origin}/callback`, bye: `${origin}/bye` });
      html(res, `<pre id="result">working…</pre><script type="module">${BROWSER_APP.replace("__CONFIG__", config)}</script>`);
    },
    host,
  );
  return rp;
}

const BROWSER_APP = `
const { issuer, clientId, redirect, bye } = __CONFIG__;
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
const show = (value) => { document.getElementById("result").textContent = JSON.stringify(value); };
if (location.pathname === "/login") {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem("pkce", JSON.stringify({ verifier, state }));
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  location.assign(issuer + "/auth?" + new URLSearchParams({ client_id: clientId, response_type: "code", redirect_uri: redirect, scope: "openid email profile", code_challenge: challenge, code_challenge_method: "S256", state }));
} else if (location.pathname === "/callback") {
  const params = new URLSearchParams(location.search);
  const { verifier, state } = JSON.parse(sessionStorage.getItem("pkce"));
  if (params.get("error")) show({ error: params.get("error"), description: params.get("error_description") });
  else if (params.get("state") !== state) show({ error: "state mismatch" });
  else {
    const response = await fetch(issuer + "/token", { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code", code: params.get("code"), redirect_uri: redirect, client_id: clientId, code_verifier: verifier }) });
    const tokens = await response.json();
    const userinfo = await (await fetch(issuer + "/me", { headers: { authorization: "Bearer " + tokens.access_token } })).json();
    sessionStorage.setItem("idToken", tokens.id_token);
    show({ status: response.status, refreshToken: "refresh_token" in tokens, claims: JSON.parse(atob(tokens.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))), userinfo });
  }
} else if (location.pathname === "/silent") {
  // Silent renew (seed 003): prompt=none in a hidden iframe, answered at /silent-callback.
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  addEventListener("message", (event) => {
    if (event.origin !== location.origin) return;
    const params = new URLSearchParams(event.data);
    show({ code: params.has("code"), error: params.get("error") });
  });
  const frame = document.createElement("iframe");
  frame.hidden = true;
  frame.title = "Silent renew";
  frame.src = issuer + "/auth?" + new URLSearchParams({ client_id: clientId, response_type: "code", prompt: "none", redirect_uri: location.origin + "/silent-callback", scope: "openid", code_challenge: challenge, code_challenge_method: "S256", state: "silent" });
  document.body.append(frame);
} else if (location.pathname === "/frame") {
  // Any page of Latchkey's, framed by this app: frame-ancestors decides whether it shows.
  const frame = document.createElement("iframe");
  frame.title = "Framed";
  frame.src = new URLSearchParams(location.search).get("src");
  document.body.append(frame);
  show({ framed: true });
} else if (location.pathname === "/logout") {
  location.assign(issuer + "/session/end?" + new URLSearchParams({ id_token_hint: sessionStorage.getItem("idToken"), post_logout_redirect_uri: bye }));
}`;

/** A server-side web app: openid-client with response_type "code id_token" and form_post, and refresh tokens. */
export async function startServerApp(): Promise<RelyingParty> {
  const pending = new Map<string, string>(); // state → nonce
  let config: client.Configuration | undefined;
  const rp = await serve((origin) => async (req, res, url) => {
    config ??= await client.discovery(new URL(ISSUER), rp.state.clientId, rp.state.secret, client.ClientSecretBasic(rp.state.secret!), {
      execute: [client.allowInsecureRequests, client.useCodeIdTokenResponseType],
    });
    if (url.pathname === "/login") {
      const [state, nonce] = [randomBytes(16).toString("base64url"), randomBytes(16).toString("base64url")];
      pending.set(state, nonce);
      const target = client.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/callback`,
        scope: "openid email",
        response_mode: "form_post",
        state,
        nonce,
      });
      res.writeHead(302, { location: target.href });
      return void res.end();
    }
    if (url.pathname === "/callback" && req.method === "POST") {
      const body = await new Promise<string>((resolve) => {
        let text = "";
        req.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
      });
      const state = new URLSearchParams(body).get("state") ?? "";
      const request = new Request(`${origin}/callback`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
      const tokens = await client.authorizationCodeGrant(config, request, { expectedState: state, expectedNonce: pending.get(state) });
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      return html(
        res,
        `<pre id="result">${JSON.stringify({ claims: tokens.claims(), rotated: refreshed.refresh_token !== tokens.refresh_token, refreshedExpiresIn: refreshed.expires_in })}</pre>`,
      );
    }
    html(res, "<p>nothing here</p>", 404);
  });
  return rp;
}
