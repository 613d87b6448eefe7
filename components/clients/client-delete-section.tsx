"use client";

import { useRouter } from "next/navigation";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteClientAction } from "@/lib/actions/delete-client-action";
import type { ClientCredential } from "./client-credential";

/** Deleting a client, guarded by typing its name: it cannot be undone and its secrets or keys stop working at once. */
export function ClientDeleteSection({ tenantSlug, client }: { tenantSlug: string; client: { clientId: string; name: string; credential: ClientCredential } }) {
  const { credential } = client;
  const router = useRouter();
  const toast = useToast();
  const deletion = useConfirmedAction(
    () => deleteClientAction(tenantSlug, { clientId: client.clientId }),
    (deleted) => {
      toast("success", `Client “${deleted.name}” was deleted.`);
      router.push(`/t/${tenantSlug}/clients`);
    },
  );

  return (
    <section aria-labelledby="delete-heading" className="space-y-3 rounded-lg border border-red-200 bg-white p-4 sm:p-6">
      <h2 id="delete-heading" className="text-lg font-semibold text-red-800">
        Delete client
      </h2>
      <p className="text-sm text-slate-700">
        Applications using this client can no longer sign in{credential ? `: its ${credential} stop working at once` : ""}. This cannot be undone.
      </p>
      <Button variant="danger" onClick={deletion.show}>
        Delete client…
      </Button>
      {deletion.open && (
        <ConfirmDialog
          title={`Delete client “${client.name}”?`}
          confirmLabel="Delete client"
          confirmText={client.name}
          pending={deletion.pending}
          error={deletion.error}
          onConfirm={deletion.confirm}
          onCancel={deletion.cancel}
        >
          The client, its roles{credential ? `, all of its ${credential}` : ""} and its URLs are removed. Applications that use Client Id{" "}
          <span className="font-mono break-all">{client.clientId}</span> can no longer sign in.
        </ConfirmDialog>
      )}
    </section>
  );
}
