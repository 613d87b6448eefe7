import type { Metadata } from "next";
import { clientCredential } from "@/components/clients/client-credential";
import { ClientDeleteSection } from "@/components/clients/client-delete-section";
import { ClientDetailsForm } from "@/components/clients/client-details-form";
import { ClientDetailsView } from "@/components/clients/client-details-view";
import { Banner } from "@/components/ui/banner";
import { countRecentClientAuthFailures } from "@/lib/clients/count-client-auth-failures";
import { listEnvironments } from "@/lib/environments/list-environments";
import { formatDateTime } from "@/lib/secrets/secret-status";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { loadClientPage } from "./load-client-page";

type Props = { params: Promise<{ tenant: string; clientId: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, clientId } = await params;
  const { client } = await loadClientPage(tenant, clientId);
  return { title: client.name };
}

// How the "created" banner ends, by what the client authenticates with.
const CREDENTIAL_NOTE = { secrets: " and a secret", keys: " and a JWT signed with its own private key", none: "; it needs no secret" };

/** The Details tab: administrators edit and delete, members read. */
export default async function ClientDetailsPage({ params, searchParams }: Props) {
  const [{ tenant, clientId }, { created }] = await Promise.all([params, searchParams]);
  const { ctx, client } = await loadClientPage(tenant, clientId);
  const credential = clientCredential(client);
  const [[environments, settings], failures] = await Promise.all([
    ctx.isAdministrator ? Promise.all([listEnvironments(ctx), getTenantSettings(ctx)]) : Promise.resolve([[], null] as const),
    countRecentClientAuthFailures(ctx, client.clientId),
  ]);

  return (
    <div className="space-y-6">
      {created && (
        <Banner tone="success">
          Client “{client.name}” was created. The application signs users in with its Client Id (above)
          {CREDENTIAL_NOTE[credential ?? "none"]}.
        </Banner>
      )}
      {failures > 0 && (
        // Counted from every address; the token service blocks only the addresses that fail.
        <Banner tone="warning">
          {failures} failed sign-in{failures === 1 ? "" : "s"} in the last hour (wrong or expired credentials presented with this Client Id).
        </Banner>
      )}
      {ctx.isAdministrator && settings ? (
        <ClientDetailsForm
          // A saved change re-renders the page: start again from the stored (normalised) values.
          key={client.updatedAt.toISOString()}
          tenantSlug={ctx.tenantSlug}
          client={{ ...client, environmentId: client.environment.id }}
          environments={environments.map(({ id, name }) => ({ id, name }))}
          namePolicy={settings.clientNamePolicy}
        />
      ) : (
        <>
          <Banner tone="info">You can view this client. Changing it needs the Account Administrator role.</Banner>
          <ClientDetailsView client={client} />
        </>
      )}
      <p className="text-sm text-slate-600">
        Created {formatDateTime(client.createdAt)} by {client.createdByLabel}
      </p>
      {ctx.isAdministrator && <ClientDeleteSection tenantSlug={ctx.tenantSlug} client={{ clientId: client.clientId, name: client.name, credential }} />}
    </div>
  );
}
