import { z } from "zod";

export const ENVIRONMENT_NAME_MAX = 40;

/**
 * An environment's name, e.g. "Staging". Tokens carry it in their `environment` claim.
 * Uniqueness per tenant ignores letter case and is checked by the domain
 * (lib/environments/assert-environment-name-free.ts), which knows the other names.
 */
export const ZEnvironmentName = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(ENVIRONMENT_NAME_MAX, `Name can be at most ${ENVIRONMENT_NAME_MAX} characters`)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, "Name cannot contain control characters");

const ZEnvironmentId = z.string({ error: "Choose an environment" }).trim().min(1, "Choose an environment").max(100, "Choose an environment");

export const ZCreateEnvironment = z.object({ name: ZEnvironmentName });
export type TCreateEnvironment = z.input<typeof ZCreateEnvironment>;

export const ZRenameEnvironment = z.object({ environmentId: ZEnvironmentId, name: ZEnvironmentName });
export type TRenameEnvironment = z.input<typeof ZRenameEnvironment>;

export const ZDeleteEnvironment = z.object({ environmentId: ZEnvironmentId });
export type TDeleteEnvironment = z.input<typeof ZDeleteEnvironment>;
