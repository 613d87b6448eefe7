// What the sign-in page says for next-auth's ?error= codes. The value comes from the URL:
// only the codes below have their own message (an own property: "__proto__" or
// "constructor" is not one), anything else, an array included, gets the generic one.
const ERRORS: Record<string, string> = {
  NotAMember: "Your account is not a member of any Latchkey tenant. Ask an Account Administrator to add you.",
  CredentialsSignin: "No Latchkey user with that email is a member of a tenant.",
  OAuthSignin: "Could not reach the identity provider. Try again or contact your administrator.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
  AccessDenied: "Your account is not a member of any Latchkey tenant. Ask an Account Administrator to add you.",
};

export const GENERIC_SIGN_IN_ERROR = "Sign-in failed. Try again.";

/** The message for `?error=`, or null when there is none. */
export function signInErrorMessage(error: unknown): string | null {
  if (error === undefined || error === "") return null;
  return typeof error === "string" && Object.hasOwn(ERRORS, error) ? ERRORS[error]! : GENERIC_SIGN_IN_ERROR;
}
