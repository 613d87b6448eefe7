import { z } from "zod";

export const ZTenantSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Slug must be 1–40 lowercase letters, digits or hyphens, not starting or ending with a hyphen");

export const ZCreateTenant = z.object({
  slug: ZTenantSlug,
  name: z.string().trim().min(1, "Enter a name").max(100, "Name can be at most 100 characters"),
});
export type TCreateTenant = z.input<typeof ZCreateTenant>;
