import type { ClientDetails } from "@/lib/clients/get-client";
import { SECURITY_TYPE_LABELS } from "@/lib/validation/client";
import { CORS_ORIGINS, LOGOUT_REDIRECT_URLS, REDIRECT_URLS } from "./url-list-copy";

/** What a member without Account Administrator sees of a client's details. */
export function ClientDetailsView({ client }: { client: ClientDetails }) {
  const lists =
    client.type === "client-credentials"
      ? []
      : [
          { label: REDIRECT_URLS.label, uris: client.redirectUris },
          { label: LOGOUT_REDIRECT_URLS.label.replace(" (optional)", ""), uris: client.postLogoutRedirectUris },
          ...(client.type === "authorization-code" ? [{ label: CORS_ORIGINS.label.replace(" (optional)", ""), uris: client.corsOrigins }] : []),
        ];
  return (
    <section aria-labelledby="details-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="details-heading" className="text-lg font-semibold">
        Details
      </h2>
      <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-[12rem_1fr]">
        <Item label="Name">{client.name}</Item>
        <Item label="Description">{client.description || <span className="text-slate-600">None</span>}</Item>
        <Item label="Environment">{client.environment.name}</Item>
        {client.type === "client-credentials" && <Item label="Security type">{SECURITY_TYPE_LABELS[client.securityType]}</Item>}
        <Item label="Token lifetime">{client.tokenLifetime} seconds</Item>
        <Item label="Token signing algorithm">{client.tokenSigningAlg}</Item>
        {client.type === "hybrid" && <Item label="Refresh token">{client.allowRefreshToken ? "Allowed" : "Not allowed"}</Item>}
        {lists.map((list) => (
          <Item key={list.label} label={list.label}>
            {list.uris.length === 0 ? (
              <span className="text-slate-600">None</span>
            ) : (
              <ul className="space-y-0.5 font-mono text-xs break-all">
                {list.uris.map((uri) => (
                  <li key={uri}>{uri}</li>
                ))}
              </ul>
            )}
          </Item>
        ))}
      </dl>
    </section>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
