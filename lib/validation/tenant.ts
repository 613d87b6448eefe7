import { z } from "zod";

const SLUG_MESSAGE = "Slug must be 1–40 lowercase letters, digits or hyphens, not starting or ending with a hyphen";
export const ZTenantSlug = z
  .string({ error: SLUG_MESSAGE })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, SLUG_MESSAGE);

export const ZCreateTenant = z.object({
  slug: ZTenantSlug,
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(100, "Name can be at most 100 characters"),
});
export type TCreateTenant = z.input<typeof ZCreateTenant>;
