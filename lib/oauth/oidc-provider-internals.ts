/**
 * The only module allowed to touch oidc-provider's internals: methods it does not document
 * as hooks, properties its type declarations leave out, the shape of what it passes to its
 * events. Every other file goes through the functions below, so an upgrade of oidc-provider
 * is checked here and in oidc-provider-internals.test.ts, which exercises each override
 * against the installed version. Each override first checks that what it replaces is still
 * there with the shape it was written for, and refuses to start otherwise: a silent no-op
 * (a secret compared in plaintext, an assertion replayed) would be worse than no server.
 */
import type { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

type ClientInstance = InstanceType<Provider["Client"]>;
type Find = (id: string) => Promise<ClientInstance | undefined>;

export class InternalsChanged extends Error {
  constructor(what: string) {
    super(`oidc-provider internals changed: ${what} (see lib/oauth/oidc-provider-internals.ts)`);
  }
}

/** The function `owner[name]`, checked to exist and to take `arity` declared arguments. */
function expectFunction(owner: object, name: string, arity: number, label: string): (...args: unknown[]) => unknown {
  const value = (owner as Record<string, unknown>)[name];
  if (typeof value !== "function") throw new InternalsChanged(`${label} is not a function`);
  if (value.length !== arity) throw new InternalsChanged(`${label} takes ${value.length} arguments, not ${arity}`);
  return value as (...args: unknown[]) => unknown;
}

/**
 * Client secrets (client_secret_basic/_post) are compared by Client#compareClientSecret;
 * its maintainer suggests overriding it for hashed secrets (node-oidc-provider#631).
 */
export function overrideClientSecretComparison(provider: Provider, compare: (client: ClientInstance, presented: string) => Promise<boolean>): void {
  const prototype = provider.Client.prototype as unknown as Record<string, unknown>;
  expectFunction(prototype, "compareClientSecret", 1, "Client#compareClientSecret");
  prototype.compareClientSecret = function (this: ClientInstance, presented: unknown) {
    return typeof presented === "string" ? compare(this, presented) : Promise.resolve(false);
  };
}

/**
 * Client metadata is validated by Client.Schema (public, but left out of the type
 * declarations), which reports each problem through invalidate(message, code). Problems
 * with these codes are let through.
 */
export function ignoreClientMetadataProblems(provider: Provider, codes: readonly string[]): void {
  const Schema: unknown = (provider.Client as unknown as { Schema?: unknown }).Schema;
  if (typeof Schema !== "function") throw new InternalsChanged("Client.Schema is not a class");
  const prototype = Schema.prototype as Record<string, unknown>;
  const invalidate = expectFunction(prototype, "invalidate", 2, "Client.Schema#invalidate");
  prototype.invalidate = function (this: unknown, message: string, code?: string) {
    if (code !== undefined && codes.includes(code)) return;
    return invalidate.call(this, message, code);
  };
}

/**
 * Whether a client assertion's id (jti) was seen before: ReplayDetection.unique(iss, jti,
 * exp) answers, by default with a find then a save, which two processes could both pass.
 */
export function replaceReplayDetection(provider: Provider, unique: (iss: string, jti: string, exp: number) => Promise<boolean>): void {
  const ReplayDetection = provider.ReplayDetection as unknown as Record<string, unknown>;
  expectFunction(ReplayDetection, "unique", 3, "ReplayDetection.unique");
  ReplayDetection.unique = unique;
}

/**
 * Every lookup of a client by id goes through Client.find; `wrap` gets the id and the
 * original lookup (which validates the adapter's metadata into a Client).
 */
export function wrapClientFind(provider: Provider, wrap: (id: string, find: Find) => Promise<ClientInstance | undefined>): void {
  const Client = provider.Client as unknown as Record<string, unknown>;
  const find = (expectFunction(Client, "find", 1, "Client.find") as Find).bind(provider.Client);
  Client.find = (id: unknown) => (typeof id === "string" ? wrap(id, find) : Promise.resolve(undefined));
}

/**
 * A Client built from metadata that no adapter holds (oidc-provider builds Clients itself
 * inside Client.find; its constructor is not documented API).
 */
export function clientFromMetadata(provider: Provider, metadata: Record<string, unknown>): ClientInstance {
  const Client = provider.Client as unknown as new (metadata: Record<string, unknown>) => ClientInstance;
  if (typeof Client !== "function" || Client.length < 1) throw new InternalsChanged("Client's constructor no longer takes metadata");
  return new Client(metadata);
}

/**
 * The request being handled, where oidc-provider calls us without it (Client.find,
 * compareClientSecret, ReplayDetection.unique). Provider.ctx reads its AsyncLocalStorage;
 * the type declarations leave it out.
 */
export function currentContext<T extends object = object>(): (KoaContextWithOIDC & T) | undefined {
  return (Provider as unknown as { ctx?: KoaContextWithOIDC & T }).ctx;
}

/** Checked once at start-up: Provider.ctx must still be the getter currentContext reads. */
export function expectCurrentContext(): void {
  const descriptor = Object.getOwnPropertyDescriptor(Provider, "ctx");
  if (typeof descriptor?.get !== "function") throw new InternalsChanged("Provider.ctx is not a getter");
}

/**
 * RFC 9207: every authorization response carries iss. oidc-provider adds it except when
 * the response has an ID token (whose own iss it deems enough), e.g. hybrid "code
 * id_token"; its authorization.success event gets the very parameters it then sends.
 */
export function addIssuerToEveryAuthorizationResponse(provider: Provider): void {
  // Checked at start-up: the event must still be emitted with the very object then sent.
  const respond = readFileSync(createRequire(import.meta.url).resolve("oidc-provider/lib/actions/authorization/respond.js"), "utf8");
  if (!/emit\('authorization\.success', ctx, out\);\s*\n[\s\S]*?await handler\(ctx, params\.redirect_uri, omitBy\(out,/.test(respond)) {
    throw new InternalsChanged("authorization.success no longer gets the parameters the response sends");
  }
  (provider as unknown as EventEmitter).on("authorization.success", (ctx: KoaContextWithOIDC, out: Record<string, unknown>) => {
    if (!ctx.oidc.responseMode?.includes("jwt")) out.iss ??= provider.issuer;
  });
}

/**
 * Koa's own errors (a client hanging up mid-body, say): the Provider is a Koa application,
 * an EventEmitter, which its type declarations do not say.
 */
export function onApplicationError(provider: Provider, listener: (error: Error & { code?: string; expose?: boolean }) => void): void {
  (provider as unknown as EventEmitter).on("error", listener);
}
