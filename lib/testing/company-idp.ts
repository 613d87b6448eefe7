// A company's identity provider for tests: a separate oidc-provider instance on a loopback
// port, with its own accounts (email + password) and its own login page, that the portal's
// next-auth signs in through exactly as it would through the company's real provider.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";

export type CompanyIdpAccount = {
  /** What the person types on the login page; the email unless given. */
  username?: string;
  email: string;
  password: string;
  name?: string;
  /** What the provider asserts as email_verified; undefined leaves the claim out. */
  emailVerified?: boolean;
};

export type CompanyIdpClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type CompanyIdp = {
  issuer: string;
  /** Registers an account; returns its subject (a fresh one per account, as real providers do). */
  addAccount(account: CompanyIdpAccount): string;
  close(): Promise<void>;
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientName: string, error?: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Company IdP · Sign in</title></head><body><main>
<h1>Company IdP</h1><p>Sign in to continue to ${escape(clientName)}.</p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="username">Username</label> <input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in to Company IdP</button>
</form></main></body></html>`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const readForm = async (req: IncomingMessage) => new URLSearchParams(await readBody(req));
const readJson = async (req: IncomingMessage): Promise<unknown> => JSON.parse(await readBody(req));

export async function startCompanyIdp({ port = 0, clients }: { port?: number; clients: CompanyIdpClient[] }): Promise<CompanyIdp> {
  const accounts = new Map<string, CompanyIdpAccount & { sub: string }>();
  const byUsername = (name: string) => [...accounts.values()].find((a) => (a.username ?? a.email).toLowerCase() === name.trim().toLowerCase());
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const configuration: Configuration = {
    clients: clients.map((c) => ({ client_id: c.clientId, client_secret: c.clientSecret, redirect_uris: c.redirectUris, client_name: "Latchkey" })),
    jwks: { keys: [{ ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "company-idp" }] },
    cookies: {
      keys: [randomUUID()],
      names: { session: "_company_idp_session", interaction: "_company_idp_interaction", resume: "_company_idp_resume" },
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Email and name in the ID token, as the providers companies use put them there
    // (oidc-provider alone would keep them for userinfo); Latchkey reads the ID token.
    features: { devInteractions: { enabled: false } },
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
          ...(account.name ? { name: account.name } : {}),
        }),
      };
    },
    // A first-party client of the company: no consent screen.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) return provider.Grant.find(existing);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = "html";
      ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Company IdP error</title></head><body><h1>Company IdP error</h1><pre>${escape(JSON.stringify(out))}</pre></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL) {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(String(details.params.client_id));
    const clientName = client?.clientName ?? "an application";
    if (req.method === "POST" && url.pathname.endsWith("/login")) {
      const form = await readForm(req);
      const account = byUsername(form.get("username") ?? "");
      if (!account || account.password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return void res.end(loginPage(details.uid, clientName, "Wrong username or password."));
      }
      return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(loginPage(details.uid, clientName));
  }

  const idp: CompanyIdp = {
    issuer,
    addAccount(account) {
      const sub = randomUUID();
      accounts.set(sub, { ...account, sub });
      return sub;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  server.on("request", (req, res) => {
    const url = new URL(req.url!, issuer);
    // For tests in another process (the browser tests): register an account over HTTP.
    if (req.method === "POST" && url.pathname === "/test/accounts") {
      readJson(req).then(
        (account) => {
          res.writeHead(201, { "content-type": "application/json" });
          res.end(JSON.stringify({ sub: idp.addAccount(account as CompanyIdpAccount) }));
        },
        () => {
          res.writeHead(400);
          res.end();
        },
      );
      return;
    }
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url).catch((error: unknown) => {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end(`interaction failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      return;
    }
    callback(req, res);
  });
  return idp;
}
