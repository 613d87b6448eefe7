import type Provider from "oidc-provider";
import type { OAuthClientMetadata } from "./find-oauth-client";

/** An oidc-provider Client with our extra metadata (find-oauth-client.ts) on it. */
export type LatchkeyClient = InstanceType<Provider["Client"]> &
  Pick<OAuthClientMetadata, (typeof import("./find-oauth-client"))["LATCHKEY_CLIENT_PROPERTIES"][number]>;
