import { parseArgs, type ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type Command = {
  /** e.g. "clients create" */
  name: string;
  usage: string;
  options: Options;
  /** Resolves to the exit code when it is not 0 (e.g. 2: the command was printed for the operator to run). */
  run(values: Values, out: Output): Promise<void | number>;
};

export type Output = { json: boolean; print(text: string): void; printJson(value: unknown): void };

/** Wrong or missing arguments: reported on one line, exit code 2. */
export class UsageError extends Error {}

export function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

/** A string option's value, or undefined when it was not given. */
export function optional(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

export function list(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export const JSON_OPTION = { json: { type: "boolean" } } as const satisfies Options;
export const TENANT_OPTION = { tenant: { type: "string" } } as const satisfies Options;
export const CLIENT_OPTION = { client: { type: "string" } } as const satisfies Options;

/**
 * parseArgs with one change: the word after a string option is its value even when it
 * begins with "-" (about 1 in 64 signing-key ids does; so may a pasted description).
 * parseArgs alone calls `--kid -abc` ambiguous. The exception is a word that is itself one
 * of the command's options or `--`, so a forgotten value (`--kid --json`) is still reported.
 * `--option=value` works as well.
 */
export function parseCommandArgs(options: Options, args: string[]): Values {
  const joined: string[] = [];
  // Object.hasOwn, not `in`: `--constructor` is no option of any command.
  const isOwnOption = (word: string) => word === "--" || (word.startsWith("--") && Object.hasOwn(options, word.slice(2).split("=")[0]!));
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const name = word.slice(2);
    const option = word.startsWith("--") && !word.includes("=") && Object.hasOwn(options, name) ? options[name] : undefined;
    const next = args[i + 1];
    if (option?.type !== "string" || next === undefined) {
      joined.push(word);
    } else if (isOwnOption(next)) {
      throw new UsageError(`${word} needs a value`);
    } else {
      joined.push(`${word}=${next}`);
      i++;
    }
  }
  return parseArgs({ args: joined, options, strict: true, allowPositionals: false }).values;
}
