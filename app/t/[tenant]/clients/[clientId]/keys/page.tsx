import type { Metadata } from "next";
import Link from "next/link";
import { AddKeyForm } from "@/components/client-keys/add-key-form";
import { KeyRotationHint } from "@/components/client-keys/key-rotation-hint";
import { KeysTable } from "@/components/client-keys/keys-table";
import { clientCredential } from "@/components/clients/client-credential";
import { CredentialsElsewhere } from "@/components/credentials/credentials-elsewhere";
import { CredentialsHeader } from "@/components/credentials/credentials-header";
import { limitReachedReason } from "@/components/credentials/limit-reached-reason";
import { NoCredentials } from "@/components/credentials/no-credentials";
import { AddFormProvider } from "@/components/forms/add-form-provider";
import { Banner } from "@/components/ui/banner";
import { listClientKeys } from "@/lib/client-keys/list-client-keys";
import { MAX_KEYS_PER_CLIENT } from "@/lib/validation/client-key";
import { loadClientPage } from "../load-client-page";

type Props = { params: Promise<{ tenant: string; clientId: string }>; searchParams: Promise<{ created?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant, clientId } = await params;
  const { client } = await loadClientPage(tenant, clientId);
  return { title: `Keys · ${client.name}` };
}

/** The Keys tab of a signed-JWT client: everyone in the tenant sees it, administrators add and delete. */
export default async function ClientKeysPage({ params, searchParams }: Props) {
  const [{ tenant, clientId }, { created }] = await Promise.all([params, searchParams]);
  // Signed in, member of the tenant, and the client looked up with the tenant (404 otherwise).
  const { ctx, client } = await loadClientPage(tenant, clientId);
  const credential = clientCredential(client);

  if (credential !== "keys") {
    return (
      <CredentialsElsewhere headingId="keys-heading" title="Keys">
        <p>
          Only clients of the Signed JWT security type have public keys.{" "}
          {credential === "secrets"
            ? "This client authenticates with a client secret instead."
            : "Authorization code clients are used by browser applications and authenticate with neither."}
        </p>
        {credential === "secrets" && (
          <p>
            <Link href={`/t/${ctx.tenantSlug}/clients/${client.clientId}/secrets`} className="text-blue-800 underline">
              Manage its secrets
            </Link>
          </p>
        )}
      </CredentialsElsewhere>
    );
  }

  const keys = await listClientKeys(ctx, client.clientId);
  const now = Date.now();
  const admin = ctx.isAdministrator;

  return (
    <AddFormProvider disabledReason={limitReachedReason(keys.length, MAX_KEYS_PER_CLIENT, "keys")}>
      <div className="space-y-6">
        {created && (
          <Banner tone="success">
            Client “{client.name}” was created with its public key. Give the application its Client Id (above): it signs each token request with the matching
            private key, which never leaves the application.
          </Banner>
        )}
        <CredentialsHeader
          headingId="keys-heading"
          title="Keys"
          count={keys.length}
          max={MAX_KEYS_PER_CLIENT}
          noun="keys"
          explanation="The application signs a short-lived JWT with its private key to get a token (private_key_jwt); Latchkey checks it with any one of these public keys. There is no secret to leak."
          addLabel={admin ? "Add key" : undefined}
        />

        {!admin && <Banner tone="info">You can view keys. Adding and deleting them needs the Account Administrator role.</Banner>}
        {admin && <AddKeyForm tenantSlug={ctx.tenantSlug} clientId={client.clientId} />}

        {keys.length === 0 ? (
          <NoCredentials noun="key" howToAdd={admin ? "Use “Add key” and paste the application’s public key." : null} />
        ) : (
          <>
            <KeysTable keys={keys} now={now} manage={admin ? { tenantSlug: ctx.tenantSlug, clientId: client.clientId } : undefined} />
            <KeyRotationHint canChange={admin} />
          </>
        )}
      </div>
    </AddFormProvider>
  );
}
