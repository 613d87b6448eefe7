import type { Metadata } from "next";
import { AddSecretForm } from "@/components/secrets/add-secret-form";
import { ADD_SECRET_REASON_ID, AddSecretButton, AddSecretProvider } from "@/components/secrets/add-secret-provider";
import { RotationNotice } from "@/components/secrets/rotation-notice";
import { SecretsTable } from "@/components/secrets/secrets-table";
import { Banner } from "@/components/ui/banner";
import { listClientSecrets } from "@/lib/secrets/list-client-secrets";
import { secretsDueForRotation } from "@/lib/secrets/secret-status";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
import { CONFIDENTIAL_TYPES } from "@/lib/validation/client";
import { MAX_SECRETS_PER_CLIENT } from "@/lib/validation/secret";
import { loadClientPage } from "../load-client-page";

type Props = { params: Promise<{ tenant: string; clientId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, clientId } = await params;
  const { client } = await loadClientPage(tenant, clientId);
  return { title: `Secrets · ${client.name}` };
}

/** The Secrets tab of a client: everyone in the tenant sees it, administrators add and delete. */
export default async function ClientSecretsPage({ params }: Props) {
  const { tenant, clientId } = await params;
  // Signed in, member of the tenant, and the client looked up with the tenant (404 otherwise).
  const { ctx, client } = await loadClientPage(tenant, clientId);

  if (!CONFIDENTIAL_TYPES.includes(client.type)) {
    return (
      <section aria-labelledby="secrets-heading" className="space-y-3">
        <h2 id="secrets-heading" className="text-xl font-semibold">
          Secrets
        </h2>
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-700">
          Authorization code clients have no secrets. They are used by browser applications, which cannot keep a secret:
          users sign in through the browser and the code is exchanged for a token with PKCE instead.
        </p>
      </section>
    );
  }

  const [secrets, settings] = await Promise.all([listClientSecrets(ctx, client.clientId), getTenantSettings(ctx)]);
  const now = Date.now();
  const atLimit = secrets.length >= MAX_SECRETS_PER_CLIENT;
  const disabledReason = atLimit ? `This client has the maximum of ${MAX_SECRETS_PER_CLIENT} secrets. Delete one before adding another.` : null;
  const due = secretsDueForRotation(secrets, now);
  const admin = ctx.isAdministrator;

  return (
    <AddSecretProvider disabledReason={disabledReason}>
      <div className="space-y-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <h2 id="secrets-heading" tabIndex={-1} className="text-xl font-semibold focus:outline-none">
              Secrets
            </h2>
            <p className="text-sm text-slate-600">
              <strong className="font-semibold text-slate-800">
                {secrets.length} of {MAX_SECRETS_PER_CLIENT} secrets
              </strong>
              . The application authenticates with the Client Id and any one of them that has not expired.
            </p>
          </div>
          {admin && (
            <div className="flex max-w-sm flex-col items-end gap-1">
              <AddSecretButton>Add secret</AddSecretButton>
              {disabledReason && (
                <p id={ADD_SECRET_REASON_ID} className="text-right text-sm text-slate-700">
                  {disabledReason}
                </p>
              )}
            </div>
          )}
        </div>

        {!admin && <Banner tone="info">You can view secrets. Adding and deleting them needs the Account Administrator role.</Banner>}
        {due.length > 0 && <RotationNotice secrets={due} now={now} canAdd={admin} />}
        {admin && (
          <AddSecretForm
            tenantSlug={ctx.tenantSlug}
            client={{ clientId: client.clientId, name: client.name }}
            policy={{ maxSecretLifetimeDays: settings.maxSecretLifetimeDays, allowNeverExpiringSecrets: settings.allowNeverExpiringSecrets }}
          />
        )}

        {secrets.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
            <h3 className="text-lg font-medium">No secrets</h3>
            <p className="mt-2 text-sm text-slate-600">
              This client cannot authenticate until a secret is added.{" "}
              {admin ? "Use “Add secret” and give the new secret to the application." : "Ask an Account Administrator to add one."}
            </p>
          </div>
        ) : (
          <SecretsTable secrets={secrets} now={now} manage={admin ? { tenantSlug: ctx.tenantSlug, clientId: client.clientId } : undefined} />
        )}
      </div>
    </AddSecretProvider>
  );
}
