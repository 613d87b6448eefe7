// The browser tests' company identity provider (lib/testing/company-idp.ts, run by
// run-company-idp.ts): accounts are registered over HTTP, as the specs run in other processes.
import { expect, type APIRequestContext } from "@playwright/test";
import { COMPANY_IDP } from "./e2e-env";
import type { CompanyIdpAccount } from "@/lib/testing/company-idp";

/** Registers an account at the company IdP; returns its subject. */
export async function addIdpAccount(request: APIRequestContext, account: CompanyIdpAccount): Promise<string> {
  const response = await request.post(`${COMPANY_IDP.issuer}/test/accounts`, { data: account });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { sub: string }).sub;
}
