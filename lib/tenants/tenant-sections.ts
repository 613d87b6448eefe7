/**
 * The tenant's pages and who may open them. The menu shows each person only what they may
 * open, and a page a member may not open refuses them by the same entry, so the two
 * cannot disagree. (Server actions check the Account Administrator role on their own.)
 */
export const TENANT_SECTIONS = [
  { path: "/clients", label: "Clients", administratorsOnly: false },
  { path: "/users", label: "Users", administratorsOnly: false },
  { path: "/roles", label: "Roles", administratorsOnly: false },
  { path: "/environments", label: "Environments", administratorsOnly: false },
  { path: "/audit", label: "Audit log", administratorsOnly: true },
  { path: "/settings", label: "Settings", administratorsOnly: false },
] as const;

export type TenantSection = (typeof TENANT_SECTIONS)[number];

type Viewer = { isAdministrator: boolean };

export function maySeeSection(viewer: Viewer, path: TenantSection["path"]): boolean {
  const section = TENANT_SECTIONS.find((s) => s.path === path);
  return !!section && (!section.administratorsOnly || viewer.isAdministrator);
}

/** The menu of a tenant for this person: the sections they may open, in menu order. */
export function visibleSections(viewer: Viewer): { path: string; label: string }[] {
  return TENANT_SECTIONS.filter((section) => maySeeSection(viewer, section.path)).map(({ path, label }) => ({ path, label }));
}
