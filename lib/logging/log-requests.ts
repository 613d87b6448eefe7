// One log line per request, for the portal and the token service alike: what an operator
// needs to follow traffic (method, path, status, duration, request id), and nothing that can
// carry a credential: no headers, no bodies, no cookies, no query strings.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { ServerConfig } from "@/lib/config";
import { requestLogger } from "./logger";
import { runInRequest } from "./request-context";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_PATH_LENGTH = 512;
// The sign-in interaction's id is also the value of its cookies: logged as a placeholder.
const INTERACTION_ID = /^(\/identity\/(?:interaction|auth))\/[^/]+/i;

/**
 * The proxy's X-Request-Id when Latchkey trusts its proxy (LATCHKEY_TRUST_PROXY=1) and the id
 * is short and plain, so the proxy's log and Latchkey's can be joined; a new one otherwise,
 * so a client cannot write what it likes into the log.
 */
export function requestId(req: IncomingMessage, trustProxy: boolean): string {
  const given = req.headers["x-request-id"];
  return trustProxy && typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The path without its query string, anywhere: query strings carry authorization codes and
 * states (/identity/*, /api/auth/*), return addresses (?callbackUrl=) and what people search
 * for, and no allow-list of "safe" parameters would stay right as the routes change.
 */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "/").split(/[?#]/, 1)[0]!.replace(INTERACTION_ID, "$1/:uid");
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}…` : path;
}

/** Wraps the server's request handler: a request id for every request, and its line once it is answered (or given up). */
export function logRequests(config: Pick<ServerConfig, "trustProxy">, handler: RequestListener, log: Logger = requestLogger): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const reqId = requestId(req, config.trustProxy);
    // Read now: the token service's handler rewrites req.url below its prefix.
    const fields = { reqId, method: req.method, path: loggedPath(req.url) };
    res.setHeader("X-Request-Id", reqId);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const aborted = !res.writableFinished;
      const line = { ...fields, status: res.statusCode, durationMs, ...(aborted ? { aborted } : {}) };
      if (res.statusCode >= 500) log.error(line, "request");
      else log.info(line, "request");
    };
    res.once("finish", done);
    res.once("close", done);
    runInRequest({ reqId }, () => handler(req, res));
  };
}
