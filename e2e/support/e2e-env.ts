import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
// Per port, so several end-to-end runs (e.g. one per database) can share a checkout.
export const E2E_DATA_DIR = path.resolve(E2E_PORT === 3210 ? "data/e2e" : `data/e2e-${E2E_PORT}`);
export const E2E_SERVER_LOG = path.join(E2E_DATA_DIR, "server.log");

// The company's identity provider (e2e/support/company-idp.ts), 1000 ports above the server.
const IDP_PORT = E2E_PORT + 1000;
export const COMPANY_IDP = {
  port: IDP_PORT,
  issuer: `http://127.0.0.1:${IDP_PORT}`,
  name: "Company IdP",
  clientId: "latchkey-e2e",
  // Test-only: Latchkey's client at the test IdP, which lives as long as one run.
  clientSecret: "company-idp-e2e-client-secret",
};

/** The database the end-to-end server and its seeding share. */
export function e2eDatabaseUrl(): string {
  return process.env.E2E_DATABASE_URL ?? `file:${path.join(E2E_DATA_DIR, "latchkey-e2e.db")}`;
}

export function e2eServerEnv(): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    // Per port too: the two databases' suites run side by side.
    LATCHKEY_MANAGEMENT_PORT: String(E2E_PORT + 2000),
    LATCHKEY_BASE_URL: E2E_BASE_URL,
    LATCHKEY_DATA_DIR: E2E_DATA_DIR,
    // Development sign-in stays on: most specs sign in through it (sign-in.ts).
    LATCHKEY_DEV_SIGNIN: "1",
    LATCHKEY_OIDC_ISSUER: COMPANY_IDP.issuer,
    LATCHKEY_OIDC_CLIENT_ID: COMPANY_IDP.clientId,
    LATCHKEY_OIDC_CLIENT_SECRET: COMPANY_IDP.clientSecret,
    LATCHKEY_OIDC_NAME: COMPANY_IDP.name,
    DATABASE_URL: e2eDatabaseUrl(),
    // Every spec's requests come from 127.0.0.1; the per-address limit would add up across
    // specs. The per-client-and-address limit keeps its default and is tested (token-service-limits.spec.ts).
    LATCHKEY_AUTH_FAILURES_PER_ADDRESS: "100000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
