import type { Metadata } from "next";
import Link from "next/link";
import { clientCredential } from "@/components/clients/client-credential";
import { CredentialsElsewhere } from "@/components/credentials/credentials-elsewhere";
import { CredentialsHeader } from "@/components/credentials/credentials-header";
import { limitReachedReason } from "@/components/credentials/limit-reached-reason";
import { NoCredentials } from "@/components/credentials/no-credentials";
import { AddFormProvider } from "@/components/forms/add-form-provider";
import { AddSecretForm } from "@/components/secrets/add-secret-form";
import { RotationNotice } from "@/components/secrets/rotation-notice";
import { SecretsTable } from "@/components/secrets/secrets-table";
import { Banner } from "@/components/ui/banner";
import { listClientSecrets } from "@/lib/secrets/list-client-secrets";
import { secretsDueForRotation } from "@/lib/secrets/secret-status";
import { getTenantSettings } from "@/lib/tenants/get-tenant-settings";
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
  const credential = clientCredential(client);

  if (credential !== "secrets") {
    return (
      <CredentialsElsewhere headingId="secrets-heading" title="Secrets">
        {credential === "keys" ? (
          <>
            <p>
              This client uses signed JWTs, so it has no secrets: the application signs each token request with its own private key, and Latchkey checks the
              signature with the client’s public keys.
            </p>
            <p>
              <Link href={`/t/${ctx.tenantSlug}/clients/${client.clientId}/keys`} className="text-blue-800 underline">
                Manage its keys
              </Link>
            </p>
          </>
        ) : (
          <p>
            Authorization code clients have no secrets. They are used by browser applications, which cannot keep a secret: users sign in through the browser and
            the code is exchanged for a token with PKCE instead.
          </p>
        )}
      </CredentialsElsewhere>
    );
  }

  const [secrets, settings] = await Promise.all([listClientSecrets(ctx, client.clientId), getTenantSettings(ctx)]);
  const now = Date.now();
  const due = secretsDueForRotation(secrets, now);
  const admin = ctx.isAdministrator;

  return (
    <AddFormProvider disabledReason={limitReachedReason(secrets.length, MAX_SECRETS_PER_CLIENT, "secrets")}>
      <div className="space-y-6">
        <CredentialsHeader
          headingId="secrets-heading"
          title="Secrets"
          count={secrets.length}
          max={MAX_SECRETS_PER_CLIENT}
          noun="secrets"
          explanation="The application authenticates with the Client Id and any one of them that has not expired."
          addLabel={admin ? "Add secret" : undefined}
        />

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
          <NoCredentials noun="secret" howToAdd={admin ? "Use “Add secret” and give the new secret to the application." : null} />
        ) : (
          <SecretsTable secrets={secrets} now={now} manage={admin ? { tenantSlug: ctx.tenantSlug, clientId: client.clientId } : undefined} />
        )}
      </div>
    </AddFormProvider>
  );
}
