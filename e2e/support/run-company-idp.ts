// The browser tests' company identity provider as its own process, started and stopped by
// Playwright (playwright.config.ts, webServer) beside Latchkey's server, on a port known
// before either starts, so the server's LATCHKEY_OIDC_ISSUER can name it.
import { startCompanyIdp } from "@/lib/testing/company-idp";
import { COMPANY_IDP, E2E_BASE_URL } from "./e2e-env";

const idp = await startCompanyIdp({
  port: COMPANY_IDP.port,
  clients: [{ clientId: COMPANY_IDP.clientId, clientSecret: COMPANY_IDP.clientSecret, redirectUris: [`${E2E_BASE_URL}/api/auth/callback/oidc`] }],
});
console.log(`company IdP on ${idp.issuer}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void idp.close().then(() => process.exit(0)));
