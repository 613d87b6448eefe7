import { z } from "zod";
import { ZClientId } from "./client";
import { ZSecretInput } from "./secret";

// Inputs of the secrets page's actions. The secret's own fields sit under `secret`, the
// shape SecretFields edits (shared with the create-client forms).

export const ZAddClientSecret = z.object({
  clientId: ZClientId,
  secret: ZSecretInput,
});
export type TAddClientSecret = z.input<typeof ZAddClientSecret>;

export const ZDeleteClientSecret = z.object({
  clientId: ZClientId,
  secretId: z.string({ error: "Choose a secret" }).trim().min(1, "Choose a secret").max(100, "Choose a secret"),
});
export type TDeleteClientSecret = z.input<typeof ZDeleteClientSecret>;
