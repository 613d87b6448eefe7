// Test data for the secrets journeys, created through the admin CLI (the same domain
// functions as the portal), and the token endpoint as an application would call it.
import { expect, type Page } from "@playwright/test";
import { latchkey } from "./cli";
import { E2E_BASE_URL } from "./e2e-env";

type CreatedSecret = { clientSecret: string; secret: { id: string; hint: string } };
export type CliClient = CreatedSecret & { clientId: string; name: string };

/**
 * The token service caches clients in each server process and promises changes within one
 * second on all of them: after this wait, every process must show the change.
 */
export function tokenServiceCacheSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1_100));
}

/** YYYY-MM-DD, `days` days from today (UTC). */
export function dateInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export function createClientCli(tenant: string, name: string, secret: { description?: string; expires?: string } = {}): CliClient {
  return latchkey<CliClient>([
    "clients",
    "create",
    "--tenant",
    tenant,
    "--type",
    "client-credentials",
    "--name",
    name,
    ...(secret.description ? ["--secret-description", secret.description] : []),
    ...(secret.expires ? ["--secret-expires", secret.expires] : []),
  ]);
}

export function createAuthorizationCodeClientCli(tenant: string, name: string, redirectUris = ["https://app.example.test/callback"]): { clientId: string } {
  return latchkey([
    "clients",
    "create",
    "--tenant",
    tenant,
    "--type",
    "authorization-code",
    "--name",
    name,
    ...redirectUris.flatMap((uri) => ["--redirect-uri", uri]),
  ]);
}

export function addSecretCli(tenant: string, clientId: string, secret: { description?: string; expires?: string } = {}): CreatedSecret {
  return latchkey<CreatedSecret>([
    "secrets",
    "add",
    "--tenant",
    tenant,
    "--client",
    clientId,
    ...(secret.description ? ["--description", secret.description] : []),
    ...(secret.expires ? ["--expires", secret.expires] : []),
  ]);
}

/** Sets the tenant's secret policy through the CLI (the settings screen is tested elsewhere). */
export function setSecretPolicy(tenant: string, policy: { maxDays: number | null; allowNever: boolean }): void {
  latchkey([
    "settings",
    "set",
    "--tenant",
    tenant,
    "--max-secret-lifetime-days",
    String(policy.maxDays ?? "none"),
    "--never-expiring",
    policy.allowNever ? "allow" : "deny",
  ]);
}

/** client_credentials at the token endpoint with client_secret_basic, as an application does. */
export function requestToken(clientId: string, secret: string): Promise<Response> {
  return fetch(`${E2E_BASE_URL}/identity/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
}

export type RecordedResponse = { kind: "action" | "rsc" | "document" | "other"; url: string; body: string };

/**
 * Every document, server-action and RSC response from now on, read in full. Routing (not
 * `page.on("response")`) because Chromium does not keep the bodies of streamed fetches.
 */
export async function recordResponses(page: Page): Promise<RecordedResponse[]> {
  const recorded: RecordedResponse[] = [];
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (!["document", "fetch", "xhr"].includes(request.resourceType())) return route.continue();
    const response = await route.fetch();
    const headers = request.headers();
    const kind = headers["next-action"] ? "action" : headers["rsc"] ? "rsc" : request.resourceType() === "document" ? "document" : "other";
    recorded.push({ kind, url: request.url(), body: await response.text() });
    await route.fulfill({ response });
  });
  return recorded;
}

/**
 * Reads the Client Id and secret from the one-time dialog (titled `title`, or the only
 * dialog), copies the secret as an administrator would, and closes the dialog.
 */
export async function copySecretAndClose(page: Page, title?: string): Promise<{ clientId: string; secret: string }> {
  const dialog = title ? page.getByRole("dialog", { name: title }) : page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const clientId = await dialog.getByRole("textbox", { name: "Client Id" }).inputValue();
  const secret = await dialog.getByRole("textbox", { name: "Client Secret" }).inputValue();
  await dialog.getByRole("button", { name: "Copy Client Secret" }).click();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  return { clientId, secret };
}
