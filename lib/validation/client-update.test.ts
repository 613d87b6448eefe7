import { describe, expect, it } from "vitest";
import { withClientNamePolicy, ZCreateClientCredentialsClient, ZUpdateClient } from "./client";
import { fieldErrorsOf } from "./parse-input";

const clientId = "3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a";

describe("ZUpdateClient", () => {
  it("keeps only the fields the stated type has; absent fields stay absent (unchanged)", () => {
    expect(ZUpdateClient.parse({ type: "client-credentials", clientId, redirectUris: ["https://x.example.com"], allowRefreshToken: true })).toEqual({
      type: "client-credentials",
      clientId,
    });
    expect(ZUpdateClient.parse({ type: "hybrid", clientId, corsOrigins: "https://x.example.com" })).toEqual({ type: "hybrid", clientId });
  });

  it("reads URL lists typed one per line, like creation", () => {
    const parsed = ZUpdateClient.parse({
      type: "authorization-code",
      clientId,
      redirectUris: " https://a.example.com/cb \n\nhttp://localhost:3000/cb",
      corsOrigins: "https://c.example.com/",
    });
    expect(parsed).toMatchObject({ redirectUris: ["https://a.example.com/cb", "http://localhost:3000/cb"], corsOrigins: ["https://c.example.com"] });
  });

  it("requires a redirect URL when the list is sent, with every problem its own message", () => {
    expect(fieldErrorsOf(ZUpdateClient.safeParse({ type: "hybrid", clientId, redirectUris: "" }).error!)).toEqual({
      redirectUris: ["Enter at least one redirect URL"],
    });
    const errors = fieldErrorsOf(ZUpdateClient.safeParse({ type: "hybrid", clientId, redirectUris: "http://a.example.com/x#y" }).error!);
    expect(errors.redirectUris).toHaveLength(2);
  });

  it("names the client by a GUID and refuses an unknown type", () => {
    expect(ZUpdateClient.safeParse({ type: "hybrid", clientId: "nope" }).success).toBe(false);
    expect(ZUpdateClient.safeParse({ type: "password", clientId }).success).toBe(false);
  });
});

describe("withClientNamePolicy", () => {
  const create = { type: "client-credentials", secret: { expires: "never" } } as const;

  it("adds the tenant's rule on the name field, and nothing without a policy", () => {
    const strict = withClientNamePolicy(ZCreateClientCredentialsClient, "letters-digits-underscores-min5");
    expect(fieldErrorsOf(strict.safeParse({ ...create, name: "a b" }).error!)).toEqual({ name: [expect.stringMatching(/tenant policy/)] });
    expect(strict.safeParse({ ...create, name: "Plant_04" }).success).toBe(true);
    expect(withClientNamePolicy(ZCreateClientCredentialsClient, null).safeParse({ ...create, name: "a b" }).success).toBe(true);
  });

  it("leaves a client's current name alone, as updateClient does", () => {
    const schema = withClientNamePolicy(ZUpdateClient, "letters-digits-underscores-min5", "old name");
    expect(schema.safeParse({ type: "client-credentials", clientId, name: "old name" }).success).toBe(true);
    expect(schema.safeParse({ type: "client-credentials", clientId, name: "new name" }).success).toBe(false);
  });
});
