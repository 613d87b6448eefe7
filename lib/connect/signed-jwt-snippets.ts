import { clientCredentialsHeader } from "./client-secret-snippets";
import { PRIVATE_KEY_ENV, type ConnectInput, type Snippet } from "./connect-input";
import { openidClientDiscovery } from "./openid-client-discovery";
import { commentLines, jsString, pyString } from "./quote";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
// Without a registered key there is nothing to name: ES256 (EC P-256) is the common choice.
const DEFAULT_ALG = "ES256";
const KEY_LINE = `${PRIVATE_KEY_ENV} names the PEM file (PKCS#8) with the private key, which never leaves the application.`;

/**
 * The key the snippets name: the newest one (after a rotation, the one the application is
 * likely to hold), with a word on which to pick when there are several.
 */
function keyOf({ client }: ConnectInput): { kid: string | null; alg: string; lines: string[] } {
  const newest = client.keys.at(-1);
  if (!newest) return { kid: null, alg: DEFAULT_ALG, lines: ["No public key is registered yet: add the application's public key on the Keys tab first."] };
  const lines =
    client.keys.length > 1 ? [`This client has ${client.keys.length} keys: use the kid of the key this application holds (the newest is shown).`] : [];
  return { kid: newest.kid, alg: newest.alg, lines };
}

/**
 * A client-credentials client of the Signed JWT security type (private_key_jwt, RFC 7523):
 * the application signs a short-lived assertion, whose audience is the issuer (what
 * openid-client sends, and what the token service accepts).
 */
export function signedJwtSnippets(input: ConnectInput): Snippet[] {
  const { client, urls } = input;
  const key = keyOf(input);
  const header = [...clientCredentialsHeader(input, ", signed JWT"), KEY_LINE, ...key.lines];
  // oidc-provider knows Ed25519 signatures by their JOSE name, which openid-client does not send.
  const modify =
    key.alg === "EdDSA"
      ? [
          ", {",
          '  // The token service knows Ed25519 signatures as "EdDSA".',
          "  [client.modifyAssertion]: (jwtHeader) => {",
          '    jwtHeader.alg = "EdDSA";',
          "  },",
          "}",
        ]
      : [];
  const keyArgument = key.kid === null ? "{ key }" : `{ key, kid: ${jsString(key.kid)} }`;
  const readKey = [
    `const keyFile = process.env.${PRIVATE_KEY_ENV};`,
    `if (!keyFile) throw new Error(${jsString(`Set ${PRIVATE_KEY_ENV} to the private key's PEM file`)});`,
    `const key = await importPKCS8(readFileSync(keyFile, "utf8"), ${jsString(key.alg)});`,
  ];

  return [
    {
      id: "node",
      label: "Node.js (openid-client)",
      note: "Needs Node.js 20 or later: npm install openid-client jose. Save as token.mjs and run: node token.mjs",
      code: [
        commentLines("javascript", header),
        'import { readFileSync } from "node:fs";',
        'import { importPKCS8 } from "jose";',
        'import * as client from "openid-client";',
        "",
        ...readKey,
        "",
        `const auth = client.PrivateKeyJwt(${keyArgument}${modify.join("\n")});`,
        `const config = await ${openidClientDiscovery(input, "auth")};`,
        `const tokens = await client.clientCredentialsGrant(config, { resource: ${jsString(urls.audience)} });`,
        "console.log(tokens.access_token);",
      ].join("\n"),
    },
    {
      id: "node-jose",
      label: "Node.js (jose)",
      note: "Builds the assertion itself. Needs Node.js 20 or later: npm install jose. Save as token.mjs and run: node token.mjs",
      code: [
        commentLines("javascript", header),
        'import { randomUUID } from "node:crypto";',
        'import { readFileSync } from "node:fs";',
        'import { importPKCS8, SignJWT } from "jose";',
        "",
        `const clientId = ${jsString(client.clientId)};`,
        ...readKey,
        "",
        "// The client assertion: issued by and about the client, for the token service, valid 60 seconds, used once.",
        "const assertion = await new SignJWT()",
        `  .setProtectedHeader({ alg: ${jsString(key.alg)}${key.kid === null ? "" : `, kid: ${jsString(key.kid)}`} })`,
        "  .setIssuer(clientId)",
        "  .setSubject(clientId)",
        `  .setAudience(${jsString(urls.issuer)})`,
        "  .setIssuedAt()",
        '  .setExpirationTime("60s")',
        "  .setJti(randomUUID())",
        "  .sign(key);",
        "",
        `const response = await fetch(${jsString(urls.token)}, {`,
        '  method: "POST",',
        "  body: new URLSearchParams({",
        '    grant_type: "client_credentials",',
        "    client_id: clientId,",
        `    client_assertion_type: ${jsString(ASSERTION_TYPE)},`,
        "    client_assertion: assertion,",
        `    resource: ${jsString(urls.audience)},`,
        "  }),",
        "});",
        "if (!response.ok) throw new Error(`Token request failed: ${response.status} ${await response.text()}`);",
        "console.log((await response.json()).access_token);",
      ].join("\n"),
    },
    {
      id: "python",
      label: "Python",
      note: 'Needs PyJWT and requests: pip install "pyjwt[crypto]" requests',
      code: [
        commentLines("python", header),
        "import os",
        "import time",
        "import uuid",
        "",
        "import jwt",
        "import requests",
        "",
        `CLIENT_ID = ${pyString(client.clientId)}`,
        `with open(os.environ[${pyString(PRIVATE_KEY_ENV)}], "rb") as key_file:`,
        "    private_key = key_file.read()",
        "",
        "# The client assertion: issued by and about the client, for the token service, valid 60 seconds, used once.",
        "now = int(time.time())",
        "assertion = jwt.encode(",
        `    {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": ${pyString(urls.issuer)}, "iat": now, "exp": now + 60, "jti": str(uuid.uuid4())},`,
        "    private_key,",
        `    algorithm=${pyString(key.alg)},`,
        ...(key.kid === null ? [] : [`    headers={"kid": ${pyString(key.kid)}},`]),
        ")",
        "",
        "response = requests.post(",
        `    ${pyString(urls.token)},`,
        "    data={",
        '        "grant_type": "client_credentials",',
        '        "client_id": CLIENT_ID,',
        `        "client_assertion_type": ${pyString(ASSERTION_TYPE)},`,
        '        "client_assertion": assertion,',
        `        "resource": ${pyString(urls.audience)},`,
        "    },",
        "    timeout=30,",
        ")",
        "response.raise_for_status()",
        'print(response.json()["access_token"])',
      ].join("\n"),
    },
  ];
}
