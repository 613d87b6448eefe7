import { randomBytes } from "node:crypto";
import { test as base, expect } from "@playwright/test";
import { runScript } from "./cli";
import { replayActionsAsOutsiders } from "./replay-actions";
import { signInAs } from "./sign-in";
import { captureActions } from "./security";

export type TestTenant = { slug: string; admin: string; member: string };

/** A fresh tenant per test, with unique names, so tests never see each other's data. */
export function seedTenant(): TestTenant {
  const slug = `e2e-${randomBytes(4).toString("hex")}`;
  return JSON.parse(runScript("e2e/support/seed-tenant.ts", [slug])) as TestTenant;
}

export const test = base.extend<{ tenant: TestTenant; replayActions: void }, { outsider: TestTenant }>({
  tenant: async ({}, use) => use(seedTenant()),
  // Another tenant with its own administrator, shared by a worker's tests.
  outsider: [async ({}, use) => use(seedTenant()), { scope: "worker" }],
  // Every server action a test performs in its tenant is replayed afterwards by people who
  // must not be able to run it (see replay-actions.ts): refused, and nothing changed.
  replayActions: [
    async ({ page, tenant, outsider }, use, testInfo) => {
      const actions = captureActions(page);
      await use();
      if (testInfo.status === testInfo.expectedStatus) await replayActionsAsOutsiders(actions, tenant, outsider);
    },
    { auto: true },
  ],
});

export { expect, signInAs };
