import { defineConfig } from "@playwright/test";
import { COMPANY_IDP, E2E_BASE_URL, E2E_PORT, E2E_SERVER_LOG, e2eServerEnv } from "./e2e/support/e2e-env";

// Runs against the production build (`next build` first) on its own database and data
// directory; E2E_DATABASE_URL picks PostgreSQL, otherwise a fresh SQLite file.
export default defineConfig({
  testDir: "e2e",
  // The cluster suite starts its own instances and balancer: e2e/cluster/playwright.config.ts.
  testIgnore: /\/e2e\/cluster\//,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // Per port, as the data directory is: the two databases' suites run side by side (scripts/test.sh),
  // and one run's clean-up of its artifacts would pull the other's traces from under it.
  outputDir: E2E_PORT === 3210 ? "test-results" : `test-results-${E2E_PORT}`,
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not reachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      // The company's identity provider the portal signs in through (LATCHKEY_OIDC_ISSUER).
      command: "tsx --tsconfig tsconfig.node.json e2e/support/run-company-idp.ts",
      url: `${COMPANY_IDP.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The server's output is kept in a file too, so specs can prove no secret is logged.
      command: `tsx --tsconfig tsconfig.node.json e2e/support/reset-e2e.ts && npm start 2>&1 | tee ${E2E_SERVER_LOG}`,
      url: `${E2E_BASE_URL}/signin`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: e2eServerEnv(),
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
