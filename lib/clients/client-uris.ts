export const URI_KINDS = {
  redirect: "redirect",
  postLogoutRedirect: "post-logout-redirect",
  corsOrigin: "cors-origin",
} as const;
export type UriKind = (typeof URI_KINDS)[keyof typeof URI_KINDS];

type WithUris = { redirectUris?: string[]; postLogoutRedirectUris?: string[]; corsOrigins?: string[] };

/** A list as it is stored: in the order entered, each URL once (the first time it appears). */
export const uriList = (uris: string[]): string[] => [...new Set(uris)];

/**
 * The ClientUri rows for a client's URL lists (validated by lib/validation/urls.ts), each
 * with its position in its list, so the lists read back in the order the admin entered.
 */
export function clientUriRows(input: WithUris): { kind: UriKind; uri: string; position: number }[] {
  const rows = (kind: UriKind, uris: string[] | undefined) => uriList(uris ?? []).map((uri, position) => ({ kind, uri, position }));
  return [
    ...rows(URI_KINDS.redirect, input.redirectUris),
    ...rows(URI_KINDS.postLogoutRedirect, input.postLogoutRedirectUris),
    ...rows(URI_KINDS.corsOrigin, input.corsOrigins),
  ];
}

/** The URL lists of a client, back from its ClientUri rows (read ordered by position). */
export function clientUriLists(rows: { kind: string; uri: string }[]) {
  const of = (kind: UriKind) => rows.filter((r) => r.kind === kind).map((r) => r.uri);
  return {
    redirectUris: of(URI_KINDS.redirect),
    postLogoutRedirectUris: of(URI_KINDS.postLogoutRedirect),
    corsOrigins: of(URI_KINDS.corsOrigin),
  };
}
