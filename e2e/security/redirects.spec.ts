// Guards: after signing in, nobody is sent off Latchkey's origin, whatever callbackUrl a
// link carries (backslash and tab tricks browsers read as "//host", malformed URLs that
// made next-auth answer 500), in each place that redirects: the sign-in page (whose cleaned
// path is all the development sign-in form navigates to) and next-auth's redirect callback.
import { E2E_BASE_URL } from "../support/e2e-env";
import { expect, signInAs, test } from "../support/fixtures";

const HOSTILE = [
  "%2F%5Cevil.example%2Fa",
  "%2F%09%2Fevil.example",
  "http%3A%2F%2Flocalhost%3A3000.evil.example%2Fx",
  "https%3A%2F%2Fevil.example%2F",
  "%2F%2Fevil.example",
];

test("the sign-in page of a signed-in person redirects only to its own origin", async ({ page, tenant }) => {
  await signInAs(page.request, tenant.admin);
  for (const callback of HOSTILE) {
    const response = await page.request.get(`/signin?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(response.status(), callback).toBe(307);
    const location = response.headers().location!;
    expect(new URL(location, E2E_BASE_URL).origin, `${callback} → ${location}`).toBe(E2E_BASE_URL);
    expect(location, callback).toBe("/");

    await page.goto(`/signin?callbackUrl=${callback}`);
    expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
  }
  // A path of the portal is still honoured.
  const kept = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(`/t/${tenant.slug}/users`)}`, { maxRedirects: 0 });
  expect(kept.headers().location).toBe(`/t/${tenant.slug}/users`);
});

test("next-auth answers a hostile callbackUrl with a URL of the portal, never a 500", async ({ page, tenant }) => {
  for (const callback of HOSTILE) {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await page.request.post("/api/auth/callback/dev", {
      form: { email: tenant.admin, csrfToken, callbackUrl: decodeURIComponent(callback), json: "true" },
    });
    expect(response.status(), callback).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).origin, `${callback} → ${url}`).toBe(E2E_BASE_URL);

    // The same through next-auth's sign-in route for the identity provider: its Location is the
    // provider, and the callback cookie the portal. From a clean slate, so the cookie read is this call's.
    await page.context().clearCookies();
    const fresh = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signin = await page.request.post(`/api/auth/signin/oidc`, {
      form: { csrfToken: fresh.csrfToken, callbackUrl: decodeURIComponent(callback), json: "true" },
    });
    expect(signin.status(), callback).toBe(200);
    const cookies = await page.context().cookies(E2E_BASE_URL);
    const stored = decodeURIComponent(cookies.find((c) => c.name === "next-auth.callback-url")!.value);
    expect(new URL(stored).origin, `${callback} → ${stored}`).toBe(E2E_BASE_URL);
  }
});

test("the development sign-in form, given the sign-in page's cleaned path, navigates only on its own origin", async ({ page, tenant }) => {
  for (const callback of ["%2F%5Cevil.example%2Fa", "%2F%09%2Fevil.example", "http%3A%2F%2Flocalhost%3A3000.evil.example%2Fx"]) {
    await page.context().clearCookies();
    const offSite: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== E2E_BASE_URL) offSite.push(request.url());
    });
    await page.goto(`/signin?callbackUrl=${callback}`);
    await page.getByLabel("Email").fill(tenant.admin);
    await page.getByRole("button", { name: "Sign in (development)" }).click();
    await expect(page).toHaveURL(`/t/${tenant.slug}/clients`);
    expect(offSite, callback).toEqual([]);
    page.removeAllListeners("request");
  }
});
