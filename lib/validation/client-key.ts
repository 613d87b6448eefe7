import { z } from "zod";

/** Like secrets (seed 000): a client can hold at most 10 keys, so rotation has room. */
export const MAX_KEYS_PER_CLIENT = 10;

/**
 * A public key as an administrator pastes it: a JWK (or a JWKS with one key) or PEM
 * (public key or X.509 certificate). Its form is checked where it is turned into a JWK
 * (lib/client-keys/parse-public-key.ts), which needs the server's crypto.
 */
export const ZPublicKeyInput = z.object({
  key: z
    .string({ error: "Paste the client's public key (JWK or PEM)" })
    .trim()
    .min(1, "Paste the client's public key (JWK or PEM)")
    .max(16_384, "A public key is at most 16,384 characters; paste only the key"),
  description: z.string().trim().max(200, "Description can be at most 200 characters").default(""),
});
export type TPublicKeyInput = z.input<typeof ZPublicKeyInput>;
