// LATCHKEY_LOG_LEVEL, apart from lib/config.ts: the logger is also loaded by prisma.config.ts
// (through lib/db/database-url.ts), where only relative imports resolve.
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How much the server logs (lib/logging/logger.ts): `info` unless set. */
export function logLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.LATCHKEY_LOG_LEVEL?.trim();
  if (!raw) return "info";
  const level = LOG_LEVELS.find((name) => name === raw.toLowerCase());
  if (!level) throw new Error(`LATCHKEY_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${raw}"`);
  return level;
}
