import { expect, type APIRequestContext } from "@playwright/test";

/**
 * Signs in through next-auth's development credentials endpoint, not the UI (the UI is
 * covered by the sign-in spec). The request context shares cookies with the page.
 */
export async function signInAs(request: APIRequestContext, email: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/dev", {
    form: { email, csrfToken, callbackUrl: "/", json: "true" },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(email);
}
