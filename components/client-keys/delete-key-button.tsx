"use client";

import { DeleteCredentialButton } from "@/components/credentials/delete-credential-button";
import { deleteClientKeyAction } from "@/lib/actions/delete-client-key-action";
import type { ClientKeySummary } from "@/lib/client-keys/insert-client-key";
import { keyName } from "./key-name";

type KeyToDelete = Pick<ClientKeySummary, "id" | "kid" | "thumbprint" | "summary" | "description" | "lastUsedAt"> & {
  /** Deleting the client's only key locks the application out until a new one is added. */
  onlyKey: boolean;
};

export function DeleteKeyButton({ tenantSlug, clientId, clientKey }: { tenantSlug: string; clientId: string; clientKey: KeyToDelete }) {
  const name = keyName(clientKey);
  return (
    <DeleteCredentialButton
      noun="key"
      credential={{
        name,
        facts: clientKey.summary,
        description: clientKey.description,
        lastUsedAt: clientKey.lastUsedAt,
        lockoutWarning: clientKey.onlyKey ? "This is the client’s only key: until a new one is added, the client cannot authenticate at all." : null,
      }}
      run={() => deleteClientKeyAction(tenantSlug, { clientId, keyId: clientKey.id })}
      deletedMessage={`Key ${name} deleted. Applications signing with it can no longer get tokens.`}
      focusId="keys-heading"
    />
  );
}
