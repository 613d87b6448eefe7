import { SECRET_ENV, type ConnectInput, type Snippet } from "./connect-input";
import { openidClientDiscovery } from "./openid-client-discovery";
import { commentLines, commentText, jsString } from "./quote";

// Shown where a client has no redirect URL yet (the portal requires one, so only defensively).
const REDIRECT_PLACEHOLDER = "https://your-app.example.com/callback";

function redirectOf({ client }: ConnectInput): string {
  return client.redirectUris[0] ?? REDIRECT_PLACEHOLDER;
}

/** The steps of the code flow as plain HTTP, for any language or library. */
function httpSteps(input: ConnectInput, confidential: boolean): Snippet {
  const { client, urls } = input;
  const redirect = redirectOf(input);
  const query = `response_type=code&client_id=${encodeURIComponent(client.clientId)}&redirect_uri=${encodeURIComponent(redirect)}&scope=${encodeURIComponent(input.userScopes)}`;
  const logout = client.postLogoutRedirectUris[0];
  return {
    id: "http",
    label: "HTTP",
    note: "The authorization code flow with PKCE (S256) step by step, for any language or library.",
    code: [
      "1. Make a random code_verifier (43 to 128 characters) and a random state; keep both for step 3.",
      "   code_challenge = BASE64URL(SHA-256(code_verifier))",
      "",
      "2. Send the browser to:",
      `   GET ${urls.authorization}?${query}&state=<state>&code_challenge=<code_challenge>&code_challenge_method=S256`,
      "",
      `3. Latchkey sends it back to ${redirect}?code=<code>&state=<state>&iss=${encodeURIComponent(urls.issuer)}`,
      "   Check that state is yours and iss is the issuer, then exchange the code:",
      `   POST ${urls.token}`,
      ...(confidential ? [`   Authorization: Basic BASE64(${client.clientId}:<the secret from ${SECRET_ENV}>)`] : []),
      "   Content-Type: application/x-www-form-urlencoded",
      "",
      `   grant_type=authorization_code&code=<code>&redirect_uri=${encodeURIComponent(redirect)}&code_verifier=<code_verifier>${confidential ? "" : `&client_id=${encodeURIComponent(client.clientId)}`}`,
      "",
      `4. The answer holds access_token (for your APIs, aud ${urls.audience}), id_token (who signed in)${confidential && client.allowRefreshToken ? " and refresh_token" : ""}.`,
      "   Call an API with: Authorization: Bearer <access_token>",
      ...(confidential && client.allowRefreshToken
        ? [
            "   A new access token: POST the same endpoint with grant_type=refresh_token&refresh_token=<refresh_token>.",
            "   Each refresh token works once: keep the new one from every answer.",
          ]
        : []),
      "",
      `5. Sign out: send the browser to ${urls.endSession}?id_token_hint=<id_token>${logout ? `&post_logout_redirect_uri=${encodeURIComponent(logout)}` : ""}`,
      "",
      `Discovery document: ${urls.discovery}`,
    ].join("\n"),
  };
}

/** An authorization code client: a browser app, a public client with PKCE and no secret. */
export function browserSignInSnippets(input: ConnectInput): Snippet[] {
  const { client, urls } = input;
  const redirect = redirectOf(input);
  const logout = client.postLogoutRedirectUris[0];
  const header = [`Browser sign-in for Latchkey client “${commentText(client.name)}” (authorization code with PKCE).`];
  return [
    {
      id: "oidc-client-ts",
      label: "oidc-client-ts",
      note: "For single-page apps: npm install oidc-client-ts. It uses PKCE (S256) by default; a browser app has no secret.",
      code: [
        commentLines("javascript", header),
        'import { UserManager } from "oidc-client-ts";',
        "",
        "const userManager = new UserManager({",
        `  authority: ${jsString(urls.issuer)},`,
        `  client_id: ${jsString(client.clientId)},`,
        `  redirect_uri: ${jsString(redirect)},`,
        ...(logout ? [`  post_logout_redirect_uri: ${jsString(logout)},`] : []),
        '  response_type: "code",',
        `  scope: ${jsString(input.userScopes)},`,
        "});",
        "",
        "// Sign in: off to Latchkey and back to redirect_uri.",
        "export const signIn = () => userManager.signinRedirect();",
        "",
        "// On the page at redirect_uri: finish the sign-in.",
        "export async function completeSignIn() {",
        "  const user = await userManager.signinRedirectCallback();",
        `  // user.access_token goes to your APIs as "Authorization: Bearer …" (its aud is ${commentText(urls.audience)}).`,
        "  return user;",
        "}",
        "",
        "export const signOut = () => userManager.signoutRedirect();",
      ].join("\n"),
    },
    {
      id: "openid-client-browser",
      label: "openid-client (browser)",
      note: "openid-client 6 runs in browsers too: npm install openid-client.",
      code: [
        commentLines("javascript", header),
        'import * as client from "openid-client";',
        "",
        `const config = await ${openidClientDiscovery(input, "client.None()")};`,
        `const redirectUri = ${jsString(redirect)};`,
        "",
        "// Sign in: keep a PKCE verifier and a state for the way back, then off to Latchkey.",
        "export async function signIn() {",
        "  const verifier = client.randomPKCECodeVerifier();",
        "  const state = client.randomState();",
        '  sessionStorage.setItem("latchkey.signin", JSON.stringify({ verifier, state }));',
        "  const url = client.buildAuthorizationUrl(config, {",
        "    redirect_uri: redirectUri,",
        `    scope: ${jsString(input.userScopes)},`,
        "    code_challenge: await client.calculatePKCECodeChallenge(verifier),",
        '    code_challenge_method: "S256",',
        "    state,",
        "  });",
        "  location.assign(url);",
        "}",
        "",
        "// On the page at redirectUri: exchange the code for tokens.",
        "export async function completeSignIn() {",
        '  const { verifier, state } = JSON.parse(sessionStorage.getItem("latchkey.signin") ?? "{}");',
        '  sessionStorage.removeItem("latchkey.signin");',
        "  const tokens = await client.authorizationCodeGrant(config, new URL(location.href), { pkceCodeVerifier: verifier, expectedState: state });",
        `  // tokens.access_token goes to your APIs (its aud is ${commentText(urls.audience)}); tokens.claims() says who signed in.`,
        "  return tokens;",
        "}",
      ].join("\n"),
    },
    httpSteps(input, false),
  ];
}

/** A hybrid client: a server-side web app that signs people in and keeps a client secret. */
export function serverSignInSnippets(input: ConnectInput): Snippet[] {
  const { client, urls } = input;
  const header = [
    `Server-side sign-in for Latchkey client “${commentText(client.name)}” (authorization code with PKCE and a client secret).`,
    `Runs on your server only: the secret comes from the ${SECRET_ENV} environment variable and never reaches a browser.`,
  ];
  const refresh = client.allowRefreshToken
    ? [
        "",
        "// 3. A new access token when the old one expires. Each refresh token works once: keep the new one.",
        "export async function refreshTokens(session) {",
        "  session.tokens = await client.refreshTokenGrant(config, session.tokens.refresh_token);",
        "  return session.tokens.access_token;",
        "}",
      ]
    : ["", "// This client gets no refresh tokens (Details tab: refresh tokens): sign the person in again when the access token expires."];
  return [
    {
      id: "node",
      label: "Node.js",
      note: "Needs Node.js 20 or later and openid-client 6: npm install openid-client. `session` is your framework's server-side session.",
      code: [
        commentLines("javascript", header),
        'import * as client from "openid-client";',
        "",
        `const secret = process.env.${SECRET_ENV};`,
        `if (!secret) throw new Error(${jsString(`Set ${SECRET_ENV} to the client secret`)});`,
        `const config = await ${openidClientDiscovery(input, "client.ClientSecretBasic(secret)")};`,
        `const redirectUri = ${jsString(redirectOf(input))};`,
        "",
        "// 1. Sign in: keep a PKCE verifier and a state in the session, then redirect the browser to the URL returned.",
        "export async function startSignIn(session) {",
        "  session.verifier = client.randomPKCECodeVerifier();",
        "  session.state = client.randomState();",
        "  return client.buildAuthorizationUrl(config, {",
        "    redirect_uri: redirectUri,",
        `    scope: ${jsString(input.userScopes)},`,
        "    code_challenge: await client.calculatePKCECodeChallenge(session.verifier),",
        '    code_challenge_method: "S256",',
        "    state: session.state,",
        "  });",
        "}",
        "",
        "// 2. At redirectUri: exchange the code; currentUrl is the full URL the browser came back to.",
        "export async function finishSignIn(session, currentUrl) {",
        "  const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: session.verifier, expectedState: session.state });",
        "  delete session.verifier;",
        "  delete session.state;",
        `  // tokens.access_token goes to your APIs (its aud is ${commentText(urls.audience)}).`,
        "  session.tokens = tokens;",
        "  return tokens.claims();",
        "}",
        ...refresh,
      ].join("\n"),
    },
    httpSteps(input, true),
  ];
}
