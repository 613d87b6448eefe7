import { z } from "zod";

/** A Client Id as stored: a GUID in lower case. */
export const CLIENT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A caller-chosen Client Id that some client (of any tenant: ids are global) already has. */
export const CLIENT_ID_IN_USE = "A client with this Client Id already exists. Leave it empty to generate one.";

// Its own module so that client.ts and client-key.ts can both use it without importing
// each other. Stored lower-case so "ABC…" and "abc…" cannot become two clients.
const CLIENT_ID_MESSAGE = "Client Id must be a GUID, e.g. 3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a";
export const ZClientId = z.string({ error: CLIENT_ID_MESSAGE }).trim().toLowerCase().regex(CLIENT_ID_PATTERN, CLIENT_ID_MESSAGE);

/** An optional Client Id: empty (the form's untouched field) means none. */
export const ZOptionalClientId = z.preprocess((value: string | undefined) => (value === "" ? undefined : value), ZClientId.optional());
