import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ServerConfig } from "@/lib/config";
import { privateDirectory, privateFiles } from "@/lib/runtime/private-files";

/**
 * next-auth reads NEXTAUTH_URL and NEXTAUTH_SECRET. The URL follows LATCHKEY_BASE_URL; a
 * missing secret is generated once and kept in the data directory, so a quickstart needs
 * no setup and sessions survive restarts.
 */
export function prepareEnvironment(config: ServerConfig): void {
  // Air-gapped sites: never try to phone home.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  process.env.NEXTAUTH_URL ??= config.baseUrl;
  // The data directory and its keys are the owner's alone (also when an earlier version made them wider).
  const keys = path.join(config.dataDir, "keys");
  privateDirectory(config.dataDir);
  privateDirectory(keys);
  privateFiles(readdirSync(keys).map((name) => path.join(keys, name)));
  if (!process.env.NEXTAUTH_SECRET) {
    const file = path.join(config.dataDir, "keys", "session-secret");
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
  }
}
