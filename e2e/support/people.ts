// Helpers for the roles and users journeys: reading the claims of an access token and
// finding a member's user id as the portal links to it.
import { expect, type Page } from "@playwright/test";
import { requestToken } from "./secrets";

/** Gets a token with client_credentials and returns its (unverified) claims. */
export async function tokenClaims(clientId: string, secret: string): Promise<{ roles?: string[] } & Record<string, unknown>> {
  const response = await requestToken(clientId, secret);
  expect(response.status).toBe(200);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { roles?: string[] };
}

/** The user id in the "Change roles" link of a member on the Users page. */
export async function memberUserId(page: Page, tenantSlug: string, email: string): Promise<string> {
  await page.goto(`/t/${tenantSlug}/users`);
  const href = await page.getByRole("link", { name: `Change roles of ${email}` }).getAttribute("href");
  const userId = href?.match(/\/users\/([^/]+)\/roles$/)?.[1];
  if (!userId) throw new Error(`no roles link for ${email}`);
  return userId;
}
