import { defineConfig } from "@playwright/test";
import { CLUSTER_PORTS } from "./cluster-env";

// The cluster suite: PostgreSQL, two instances of the production build (`npm run build`
// first) and HAProxy, all started by the spec itself (lib/testing/start-cluster.ts), once
// for the file. `playwright test -c e2e/cluster`; scripts/test.sh runs it with PostgreSQL.
export default defineConfig({
  testDir: ".",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: `../../test-results-cluster-${CLUSTER_PORTS.balancer}`,
  use: {
    baseURL: `http://127.0.0.1:${CLUSTER_PORTS.balancer}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
