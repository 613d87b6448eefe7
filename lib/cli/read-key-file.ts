import { readFileSync } from "node:fs";
import { UsageError } from "./command";

/**
 * A key from a file, or from standard input for "-". Keys come from files so they never
 * sit in the shell's history or the process list.
 */
export function readKeyFile(file: string, what = "the public key"): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${what} from ${file === "-" ? "standard input" : file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}
