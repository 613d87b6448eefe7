/**
 * Where the admin lands after adding a client of any type: its Connect tab, which shows the
 * success banner for `created=1`. Only that flag: a new secret never goes into a URL.
 */
export function createdClientHref(tenantSlug: string, clientId: string): string {
  return `/t/${tenantSlug}/clients/${clientId}/connect?created=1`;
}

/** Opens that page at its top (the router alone would scroll only its new part into view, below the menu). */
export function goToCreatedClient(router: { push: (href: string, options?: { scroll?: boolean }) => void }, tenantSlug: string, clientId: string): void {
  window.scrollTo({ top: 0 });
  router.push(createdClientHref(tenantSlug, clientId), { scroll: false });
}
