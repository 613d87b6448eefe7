// The request a line is logged for, so an error logged deep in the token service or a
// server action carries the same reqId as that request's line. On globalThis, because the
// custom server's bundle and Next's each have their own copy of this module.
import { AsyncLocalStorage } from "node:async_hooks";

type RequestContext = { reqId: string };

const KEY = Symbol.for("latchkey.request-context");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The fields every log line inside a request gets (none outside one). */
export function requestFields(): Partial<RequestContext> {
  const context = storage.getStore();
  return context ? { reqId: context.reqId } : {};
}
