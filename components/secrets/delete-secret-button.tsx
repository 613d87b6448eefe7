"use client";

import { DeleteCredentialButton } from "@/components/credentials/delete-credential-button";
import { deleteClientSecretAction } from "@/lib/actions/delete-client-secret-action";

type SecretToDelete = {
  id: string;
  hint: string;
  description: string;
  lastUsedAt: Date | null;
  /** The client's only secret that has not expired: deleting it locks the application out. */
  onlyWorkingSecret: boolean;
};

export function DeleteSecretButton({ tenantSlug, clientId, secret }: { tenantSlug: string; clientId: string; secret: SecretToDelete }) {
  const name = `${secret.hint}…`;
  return (
    <DeleteCredentialButton
      noun="secret"
      credential={{
        name,
        description: secret.description,
        lastUsedAt: secret.lastUsedAt,
        lockoutWarning: secret.onlyWorkingSecret
          ? "This is the client’s only secret that has not expired: until a new one is added, the client cannot authenticate at all."
          : null,
      }}
      run={() => deleteClientSecretAction(tenantSlug, { clientId, secretId: secret.id })}
      deletedMessage={`Secret ${name} deleted. Applications using it can no longer get tokens.`}
      focusId="secrets-heading"
    />
  );
}
