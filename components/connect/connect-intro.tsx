import Link from "next/link";
import { PRIVATE_KEY_ENV, SECRET_ENV, type ConnectFlow } from "@/lib/connect/connect-input";

type Props = { flow: ConnectFlow; clientHref: string; redirectUri: string | undefined; allowRefreshToken: boolean };

const linkClass = "text-blue-800 underline";

/** How the application gets its tokens, in a few sentences, by the client's type. */
export function ConnectIntro({ flow, clientHref, redirectUri, allowRefreshToken }: Props) {
  const bearer = (
    <>
      Your APIs get the access token in the <code>Authorization: Bearer …</code> header and check it against the issuer, the audience and the keys at the JWKS
      URL.
    </>
  );
  switch (flow) {
    case "client-secret":
      return (
        <p>
          The application asks the token endpoint for an access token with its Client Id and a client secret (the client credentials grant). {bearer} The code
          reads the secret from the <code>{SECRET_ENV}</code> environment variable: Latchkey shows a secret only once, when it is added on the{" "}
          <Link href={`${clientHref}/secrets`} className={linkClass}>
            Secrets
          </Link>{" "}
          tab.
        </p>
      );
    case "signed-jwt":
      return (
        <p>
          The application signs a short-lived JWT, the client assertion, with its own private key and exchanges it for an access token (private_key_jwt).
          Latchkey has only the public key (
          <Link href={`${clientHref}/keys`} className={linkClass}>
            Keys
          </Link>{" "}
          tab). {bearer} The code reads the private key from the PEM file named by <code>{PRIVATE_KEY_ENV}</code>.
        </p>
      );
    case "browser":
      return (
        <p>
          A browser app signs people in: it sends them to Latchkey, gets a code back at its redirect URL
          {redirectUri ? (
            <>
              {" "}
              (<code className="break-all">{redirectUri}</code>)
            </>
          ) : null}{" "}
          and exchanges the code for tokens with PKCE. There is no secret, since a browser cannot keep one; the token endpoint answers only the origins of the
          redirect URLs and the client’s CORS origins. {bearer}
        </p>
      );
    case "server":
      return (
        <p>
          A server-side web app signs people in: it sends the browser to Latchkey, gets a code back at its redirect URL
          {redirectUri ? (
            <>
              {" "}
              (<code className="break-all">{redirectUri}</code>)
            </>
          ) : null}{" "}
          and exchanges it on the server with PKCE and its client secret, read from the <code>{SECRET_ENV}</code> environment variable.{" "}
          {allowRefreshToken
            ? "It also gets a refresh token, which works once and is replaced with every new access token."
            : "It gets no refresh tokens: the person signs in again when the access token expires."}{" "}
          {bearer}
        </p>
      );
  }
}
