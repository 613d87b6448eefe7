export const URI_KINDS = {
  redirect: "redirect",
  postLogoutRedirect: "post-logout-redirect",
  corsOrigin: "cors-origin",
} as const;
export type UriKind = (typeof URI_KINDS)[keyof typeof URI_KINDS];

type WithUris = { redirectUris?: string[]; postLogoutRedirectUris?: string[]; corsOrigins?: string[] };

/** The ClientUri rows for a client's URL lists (validated by lib/validation/urls.ts). */
export function clientUriRows(input: WithUris): { kind: UriKind; uri: string }[] {
  return [
    ...(input.redirectUris ?? []).map((uri) => ({ kind: URI_KINDS.redirect, uri })),
    ...(input.postLogoutRedirectUris ?? []).map((uri) => ({ kind: URI_KINDS.postLogoutRedirect, uri })),
    ...(input.corsOrigins ?? []).map((uri) => ({ kind: URI_KINDS.corsOrigin, uri })),
  ];
}

/** The URL lists of a client, back from its ClientUri rows. */
export function clientUriLists(rows: { kind: string; uri: string }[]) {
  const of = (kind: UriKind) => rows.filter((r) => r.kind === kind).map((r) => r.uri);
  return {
    redirectUris: of(URI_KINDS.redirect),
    postLogoutRedirectUris: of(URI_KINDS.postLogoutRedirect),
    corsOrigins: of(URI_KINDS.corsOrigin),
  };
}
