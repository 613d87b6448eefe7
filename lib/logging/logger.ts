// The server's one logger: JSON lines on stdout in production, for an operator's log
// shipper; pino-pretty's lines in development. Shared by the server, Next's bundle, the CLI
// and prisma.config.ts (through lib/db/database-url.ts), so no "server-only".
import pino, { type DestinationStream, type Logger } from "pino";
import { prettyFactory } from "pino-pretty";
import { logLevel } from "./log-level";
import { requestFields } from "./request-context";

// Field names whose values are credentials wherever they turn up, at any of the first three
// levels of a log line's fields; and the headers that carry them.
const SECRET_FIELDS = [
  "client_secret",
  "client_assertion",
  "code",
  "code_verifier",
  "refresh_token",
  "access_token",
  "id_token",
  "password",
  "secret",
  "token",
  "assertion",
  "authorization",
  "cookie",
  "plaintext",
  "clientSecret",
  "clientAssertion",
  "codeVerifier",
  "refreshToken",
  "accessToken",
  "idToken",
];
const SECRET_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie"];
export const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  ...SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
];
export const CENSOR = "[redacted]";

// An error's code is worth keeping (ENOENT, P2002), but "code" is redacted as the
// authorization code it also names: a code of that shape travels as errorCode instead.
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
function serializeError(error: unknown) {
  const { code, ...fields } = pino.stdSerializers.err(error as Error) as ReturnType<typeof pino.stdSerializers.err> & { code?: unknown };
  return typeof code === "string" && ERROR_CODE.test(code) ? { ...fields, errorCode: code } : fields;
}

let target: NodeJS.WriteStream = process.stdout;

/**
 * The CLI prints its results on stdout (as JSON for scripts): what the code it shares with
 * the server logs goes to stderr there.
 */
export function logToStderr(): void {
  target = process.stderr;
}

/**
 * Written through process.stdout (synchronous for files and pipes on Linux) rather than to
 * descriptor 1 directly, so a test that captures the process's output sees every line.
 */
function destination(pretty: boolean): DestinationStream {
  const format = pretty ? prettyFactory({ colorize: Boolean(process.stdout.isTTY), translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" }) : undefined;
  return { write: (line: string) => void target.write(format ? format(line) : line) };
}

/**
 * The request lines in production, one write per turn of the event loop rather than one per
 * line: a worker under load logs a line per token, and each write is a system call (about
 * 5 % of a worker's time at a few thousand tokens a second). A line waits at most until the
 * loop's next check phase (setImmediate), or less when 64 kB are waiting; on exit whatever
 * waits is written (writes to a pipe or file are synchronous on Linux), so only a process
 * killed outright can lose its last turn's lines. Every other line is written at once.
 */
const flushOnExit = new Set<() => void>();

function coalescedDestination(): DestinationStream {
  let waiting = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting === "") return;
    const text = waiting;
    waiting = "";
    target.write(text);
  };
  if (flushOnExit.size === 0) process.once("exit", () => flushOnExit.forEach((flushOne) => flushOne()));
  flushOnExit.add(flush);
  return {
    write: (line: string) => {
      waiting += line;
      if (waiting.length >= 64 * 1024) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

type LoggerOptions = { level?: string; pretty?: boolean; destination?: DestinationStream };

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(process.env),
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: requestFields,
      serializers: { err: serializeError },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
    },
    options.destination ?? destination(options.pretty ?? process.env.NODE_ENV !== "production"),
  );
}

/**
 * For the one line per request only (lib/logging/log-requests.ts), whose fields are all
 * Latchkey's own: the request id, method, query-less path, status and duration. Without the
 * redaction pass, which walked its wildcard paths on every line and cost the token service
 * a fifth of its CPU under load; nothing else may log through it.
 */
export function createRequestLogger(options: LoggerOptions = {}): Logger {
  return pino(
    { level: options.level ?? logLevel(process.env), timestamp: pino.stdTimeFunctions.isoTime },
    options.destination ?? ((options.pretty ?? process.env.NODE_ENV !== "production") ? destination(true) : coalescedDestination()),
  );
}

export const logger = createLogger();
export const requestLogger = createRequestLogger();

/** An error's message for a log line (the stack stays in `err`). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
