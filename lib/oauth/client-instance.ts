import "server-only";
import type Provider from "oidc-provider";
import type { OAuthClientMetadata, TokenServiceClient } from "./find-oauth-client";
import { clientFromMetadata, InternalsChanged } from "./oidc-provider-internals";

type ClientInstance = InstanceType<Provider["Client"]>;

// What tells one client-credentials client with secrets from another of the same kind.
const PER_CLIENT = [
  "client_id",
  "client_name",
  "latchkey_client_db_id",
  "latchkey_tenant_id",
  "latchkey_tenant",
  "latchkey_roles",
  "latchkey_environment",
  "latchkey_token_lifetime",
] as const satisfies readonly (keyof OAuthClientMetadata)[];
type PerClient = (typeof PER_CLIENT)[number];
// `layer` is what each small Client inherits from: the template with its private readers
// bound over it, so each request's Client only gets its own properties, set in one order.
type Shape = { template: ClientInstance; property: Record<PerClient, string>; layer: ClientInstance };
// The Client's members that read its private fields, which an inheriting object cannot reach
// (a TypeError, a 500): answered by the template itself, whose redirect URIs (none) and
// sector are every client's of its shape.
const PRIVATE_READERS = ["redirectUriAllowed", "postLogoutRedirectUriAllowed", "sectorIdentifier"];
// Kinds of client, not clients: the grant, the algorithm. Bounded all the same.
const MAX_SHAPES = 100;

/**
 * oidc-provider's Client for a cached record. Building one validates its metadata (a third
 * of a millisecond) and it holds every property oidc-provider knows (kilobytes): for a tenant
 * of 100,000 devices, on nearly every request and in most of the cache. Client-credentials
 * clients that authenticate with a secret differ only in the properties above, so each is a
 * small object over one validated template per kind of client, as the stand-ins for unknown
 * ids are (client-lookup.ts), made anew for each request (a microsecond): with 100,000 such
 * clients cached, keeping them would cost more memory than the records. Every other kind of
 * client (redirect URIs, keys, origins) is built in full by oidc-provider (`build`) and
 * kept as long as its record is.
 */
export function clientInstances(provider: Provider) {
  const shapes = new Map<string, Shape>();
  const built = new WeakMap<TokenServiceClient, ClientInstance>();
  // Which shape a record has, found once per record or per metadata the cache shares among
  // records (its key is a few microseconds of JSON).
  const shapeOfRecord = new WeakMap<object, Shape>();
  return async (record: TokenServiceClient, build: () => Promise<ClientInstance | undefined>): Promise<ClientInstance | undefined> => {
    const { metadata } = record;
    if (!sharesAShape(metadata)) {
      let client = built.get(record);
      if (!client) {
        client = await build();
        if (client) built.set(record, client);
      }
      return client;
    }
    let shape = shapeOfRecord.get(record.shared ?? record);
    if (!shape) {
      const key = JSON.stringify({ ...metadata, ...Object.fromEntries(PER_CLIENT.map((name) => [name, null])) });
      shape = shapes.get(key) ?? shapeOf(provider, metadata);
      if (shapes.size < MAX_SHAPES) shapes.set(key, shape);
      shapeOfRecord.set(record.shared ?? record, shape);
    }
    // Plain assignments in a fixed order: every Client of a shape gets the same hidden class,
    // where Object.create with property descriptors made each one a slow dictionary object.
    const client = Object.create(shape.layer) as Record<string, unknown>;
    for (const name of PER_CLIENT) client[shape.property[name]] = metadata[name];
    return client as unknown as ClientInstance;
  };
}

/** Whether the client is one of the kinds made as a small object over a template. */
export function sharesAShape(metadata: OAuthClientMetadata): boolean {
  return (
    metadata.latchkey_type === "client-credentials" &&
    metadata.token_endpoint_auth_method === "client_secret_basic" &&
    !metadata.jwks &&
    metadata.redirect_uris.length === 0 &&
    metadata.post_logout_redirect_uris.length === 0 &&
    metadata.latchkey_cors_origins.length === 0
  );
}

/** A template built from the metadata with a marker in each per-client property, to learn what oidc-provider names them. */
function shapeOf(provider: Provider, metadata: OAuthClientMetadata): Shape {
  const markers = Object.fromEntries(PER_CLIENT.map((name) => [name, `latchkey-shape-marker-${name}`]));
  const template = clientFromMetadata(provider, { ...metadata, ...markers, latchkey_roles: [markers.latchkey_roles], latchkey_token_lifetime: -1 });
  const property = {} as Record<PerClient, string>;
  for (const [own, value] of Object.entries(template)) {
    const marked = Array.isArray(value) ? value[0] : value;
    const name = PER_CLIENT.find((candidate) => (candidate === "latchkey_token_lifetime" ? marked === -1 : marked === markers[candidate]));
    if (name) property[name] = own;
  }
  const missing = PER_CLIENT.filter((name) => !property[name]);
  if (missing.length) throw new InternalsChanged(`Client no longer holds ${missing.join(", ")} as properties`);
  const privateReaders: PropertyDescriptorMap = {};
  const members = Object.getPrototypeOf(template) as object;
  for (const name of PRIVATE_READERS) {
    const member = Object.getOwnPropertyDescriptor(members, name);
    if (member?.get) privateReaders[name] = { get: () => member.get!.call(template) };
    else if (typeof member?.value === "function") privateReaders[name] = { value: (member.value as (...args: unknown[]) => unknown).bind(template) };
    else throw new InternalsChanged(`Client.${name} is gone`);
  }
  return { template, property, layer: Object.create(template, privateReaders) as ClientInstance };
}
