import { serverConfig } from "@/lib/config";
import { KEY_ENCRYPTION_KEY_ENV, parseKeyEncryptionKey } from "@/lib/oauth/key-encryption";
import { rekeySigningKeys } from "@/lib/oauth/rekey-signing-keys";
import { DEFAULT_ACTIVATION_DELAY_S, listSigningKeys, revokeSigningKey, rotateSigningKey, type SigningKeyInfo } from "@/lib/oauth/signing-keys";
import { TOKEN_SIGNING_ALGS, type TTokenSigningAlg } from "@/lib/validation/client";
import { JSON_OPTION, UsageError, list, optional, required, type Command } from "../command";
import { readKeyFile } from "../read-key-file";

function describe(key: SigningKeyInfo): string {
  const when = { pending: `signs from ${key.activatesAt.toISOString()}`, signing: "signs now", retiring: "no longer signs" }[key.state];
  return `${key.kid}  ${key.alg}  ${key.state.padEnd(8)}  ${when}${key.retiresAt ? `, published until ${key.retiresAt.toISOString()}` : ""}`;
}

export const listSigningKeysCommand: Command = {
  name: "signing-keys list",
  usage: "signing-keys list [--json]",
  options: { ...JSON_OPTION },
  async run(_values, out) {
    const keys = await listSigningKeys();
    if (out.json) return out.printJson({ keys });
    for (const key of keys) out.print(describe(key));
  },
};

export const rotateSigningKeyCommand: Command = {
  name: "signing-keys rotate",
  usage: `signing-keys rotate [--alg ES256|RS256] [--activate-in SECONDS (default ${DEFAULT_ACTIVATION_DELAY_S})] [--json]`,
  options: { alg: { type: "string" }, "activate-in": { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const alg = optional(values, "alg") ?? "ES256";
    if (!(TOKEN_SIGNING_ALGS as readonly string[]).includes(alg)) throw new UsageError(`--alg must be one of ${TOKEN_SIGNING_ALGS.join(", ")}`);
    const delay = optional(values, "activate-in") ?? String(DEFAULT_ACTIVATION_DELAY_S);
    if (!/^\d{1,9}$/.test(delay)) throw new UsageError("--activate-in must be a number of seconds");
    const key = await rotateSigningKey(serverConfig(), alg as TTokenSigningAlg, Number(delay));
    if (out.json) return out.printJson({ key });
    out.print(`New ${alg} key ${key.kid} is published now and signs from ${key.activatesAt.toISOString()}.`);
    out.print("The key it replaces stays published until every token it signed has expired.");
  },
};

export const revokeSigningKeyCommand: Command = {
  name: "signing-keys revoke",
  usage: "signing-keys revoke --kid KID [--json]",
  options: { kid: { type: "string" }, ...JSON_OPTION },
  async run(values, out) {
    const kid = required(values, "kid");
    await revokeSigningKey(kid);
    if (out.json) return out.printJson({ revoked: kid });
    out.print(`Revoked ${kid}: it is withdrawn from the JWKS within a second, and tokens it signed no longer verify.`);
  },
};

export const rekeySigningKeysCommand: Command = {
  name: "signing-keys rekey",
  usage: "signing-keys rekey --new-key-file FILE|- [--old-key-file FILE]... [--json]",
  options: { "new-key-file": { type: "string" }, "old-key-file": { type: "string", multiple: true }, ...JSON_OPTION },
  async run(values, out) {
    const file = required(values, "new-key-file");
    const next = parseKeyEncryptionKey(readKeyFile(file, "the new key-encryption key"), file === "-" ? "standard input" : file);
    const old = list(values, "old-key-file").map((oldFile) => parseKeyEncryptionKey(readKeyFile(oldFile, "an old key-encryption key"), oldFile));
    const result = await rekeySigningKeys(serverConfig(), next, old);
    if (out.json) return out.printJson(result);
    out.print(`Re-encrypted ${result.rekeyed} signing key(s) under key-encryption key ${result.to} (was ${result.from}).`);
    out.print(
      result.replacedFile
        ? `${result.replacedFile} now holds the new key; every instance sharing it takes it up within a second, and instances with their own copy need the new one.`
        : `Now set ${KEY_ENCRYPTION_KEY_ENV} to the new key on every instance and restart them. Until then they sign with the keys they have loaded, even one that has since retired, and cannot take up new ones.`,
    );
    if (result.oldKeyFile) {
      out.print(
        `The old key is kept in ${result.oldKeyFile}: database backups from before now open only with it. Archive it apart from those backups, then delete it here.`,
      );
    }
  },
};
