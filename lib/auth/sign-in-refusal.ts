// What the sign-in-refused page says for each reason signInUser gives (lib/users/sign-in-user.ts).
import type { SignInRefusal } from "@/lib/users/sign-in-user";

export const SIGN_IN_REFUSALS: Record<SignInRefusal, { title: string; message: string }> = {
  "not-a-member": {
    title: "You are not a member of any tenant",
    message:
      "Your identity provider signed you in, but that account is not a member of any Latchkey tenant. Ask an Account Administrator to add you, with the email address your identity provider knows you by.",
  },
  "email-not-verified": {
    title: "Your email address is not confirmed",
    message:
      "Your identity provider did not confirm this email address; ask it to, or ask an administrator. Until it does, Latchkey cannot tell that the address is yours, so nothing was linked to your account.",
  },
  "invalid-identity": {
    title: "Your identity provider's answer was not usable",
    message:
      "The identity provider's sign-in named another issuer than the one Latchkey is configured for, or no subject (its identifier for you), so Latchkey cannot tell who you are. Ask an administrator to check the identity provider's configuration.",
  },
  "bound-to-another-identity": {
    title: "This email belongs to another sign-in",
    message:
      "The Latchkey user with this email address already signs in with another account at your identity provider, and Latchkey never moves it to a second one. Sign in with that account, or ask an administrator.",
  },
};

export function isSignInRefusal(value: unknown): value is SignInRefusal {
  return typeof value === "string" && Object.hasOwn(SIGN_IN_REFUSALS, value);
}

export function signInRefusedPath(reason: SignInRefusal): string {
  return `/signin/refused?reason=${reason}`;
}
