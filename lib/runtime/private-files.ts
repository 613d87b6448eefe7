// Latchkey's data (the SQLite database, the key-encryption key, the session secret) is for
// its own user only. Shared by the server, the CLI and prisma.config.ts, so no "server-only".
import { chmodSync, mkdirSync } from "node:fs";
import { logger } from "../logging/logger";

/** Makes `dir` (and any missing parent) mode 0700, tightening one an earlier version left wider. */
export function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  restrict(dir, 0o700);
}

/** Makes the files that exist among `files` mode 0600. */
export function privateFiles(files: string[]): void {
  for (const file of files) restrict(file, 0o600);
}

function restrict(file: string, mode: number) {
  try {
    chmodSync(file, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    // Not ours to change (another owner, a read-only mount): say so, and carry on.
    logger.warn({ file, mode: mode.toString(8), reason: code }, `latchkey: could not restrict ${file} to mode ${mode.toString(8)} (${code})`);
  }
}
