import { describe, expect, it } from "vitest";
import { GENERIC_SIGN_IN_ERROR, signInErrorMessage } from "./sign-in-error";

describe("signInErrorMessage", () => {
  it("has a message of its own for next-auth's codes", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("No Latchkey user with that email is a member of a tenant.");
  });

  it("says nothing without an error", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "Nope"])("answers %j with the generic message, a string", (code) => {
    expect(signInErrorMessage(code)).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("answers a repeated ?error= (an array) with the generic message", () => {
    expect(signInErrorMessage(["CredentialsSignin", "__proto__"])).toBe(GENERIC_SIGN_IN_ERROR);
  });
});
