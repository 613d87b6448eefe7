import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export type Command = {
  /** e.g. "clients create" */
  name: string;
  usage: string;
  options: Options;
  run(values: Values, out: Output): Promise<void>;
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
