import { z } from "zod";
import { ZClientId } from "./client-id";

/** Like secrets (seed 000): a client can hold at most 10 keys, so rotation has room. */
export const MAX_KEYS_PER_CLIENT = 10;

/**
 * A public key as an administrator pastes it: a JWK (or a JWKS with one key) or PEM
 * (public key or X.509 certificate). Its form is checked where it is turned into a JWK
 * (lib/client-keys/parse-public-key.ts), which needs the server's crypto.
 */
const PASTE_KEY = "Paste the client's public key (JWK or PEM)";
export const ZPublicKeyInput = z.object(
  {
    key: z.string({ error: PASTE_KEY }).trim().min(1, PASTE_KEY).max(16_384, "A public key is at most 16,384 characters; paste only the key"),
    description: z.string({ error: "Enter the description as text" }).trim().max(200, "Description can be at most 200 characters").default(""),
  },
  { error: PASTE_KEY },
);
export type TPublicKeyInput = z.input<typeof ZPublicKeyInput>;

// JWK members only a private or symmetric key has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037).
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"];

export const PRIVATE_KEY_REFUSED =
  "This is a private key. Paste only the public key: the private key must stay with the application. Nothing was sent, and the field was cleared.";

/**
 * Whether pasted text is (or holds) a private key. Checked in the browser, so a private key
 * pasted by mistake is refused before it leaves the administrator's machine; the server
 * refuses it again on its own (parse-public-key.ts).
 */
export function looksLikePrivateKey(text: string): boolean {
  if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File/.test(text)) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim());
  } catch {
    return false;
  }
  const jwks = isObject(parsed) && Array.isArray(parsed.keys) ? [parsed, ...parsed.keys] : [parsed];
  return jwks.some((jwk) => isObject(jwk) && PRIVATE_JWK_MEMBERS.some((member) => member in jwk));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A form schema with a pasted `publicKey`, refusing a private key at that field. */
export function withPrivateKeyRefusal<S extends z.ZodType<{ publicKey?: { key?: string } }>>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    if (value.publicKey?.key && looksLikePrivateKey(value.publicKey.key)) {
      ctx.addIssue({ code: "custom", path: ["publicKey", "key"], message: PRIVATE_KEY_REFUSED });
    }
  });
}

// Inputs of the keys page's actions. The key's own fields sit under `publicKey`, the shape
// PublicKeyFields edits (shared with the add-client form).

export const ZAddClientKey = withPrivateKeyRefusal(z.object({ clientId: ZClientId, publicKey: ZPublicKeyInput }));
export type TAddClientKey = z.input<typeof ZAddClientKey>;

export const ZDeleteClientKey = z.object({
  clientId: ZClientId,
  keyId: z.string({ error: "Choose a key" }).trim().min(1, "Choose a key").max(100, "Choose a key"),
});
export type TDeleteClientKey = z.input<typeof ZDeleteClientKey>;
