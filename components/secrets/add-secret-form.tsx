"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { InlineAddForm, useInlineAdd } from "@/components/credentials/inline-add-form";
import { useToast } from "@/components/ui/toast";
import { addClientSecretAction } from "@/lib/actions/add-client-secret-action";
import { ZAddClientSecret, type TAddClientSecret } from "@/lib/validation/client-secret";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { OneTimeSecretDialog, type OneTimeSecret } from "./one-time-secret-dialog";
import { SecretFields, type SecretPolicy } from "./secret-fields";

/**
 * Adds a secret to an existing client and shows it once. The plaintext lives only in the
 * action's response and `created` below; closing the dialog drops it. The page itself was
 * re-rendered by the action (revalidation), so the new row is already in the table by its hint.
 */
export function AddSecretForm({ tenantSlug, client, policy }: { tenantSlug: string; client: { clientId: string; name: string }; policy: SecretPolicy }) {
  const toast = useToast();
  const [created, setCreated] = useState<(OneTimeSecret & { hint: string }) | null>(null);

  const form = useForm<TAddClientSecret>({
    resolver: zodResolver(ZAddClientSecret),
    mode: "onTouched",
    defaultValues: {
      clientId: client.clientId,
      secret: { description: "", expires: defaultSecretExpiry(new Date(), policy.maxSecretLifetimeDays) },
    },
  });
  const add = useInlineAdd({
    form,
    focus: "secret.description",
    fieldPrefix: "secret.",
    action: (values) => addClientSecretAction(tenantSlug, values),
    onAdded: ({ clientId, clientSecret, expiresAt, hint }) => setCreated({ title: `New secret for “${client.name}”`, clientId, clientSecret, expiresAt, hint }),
  });

  function closeDialog() {
    const hint = created?.hint;
    setCreated(null); // the plaintext leaves memory here
    toast("success", `Secret ${hint}… added. It is listed below by its hint; the secret itself is not stored.`);
    document.getElementById("secrets-heading")?.focus();
  }

  return (
    <>
      {add.request > 0 && (
        <InlineAddForm
          add={add}
          headingId="add-secret-heading"
          title="Add a secret"
          intro="The new secret works alongside the existing ones. Give it to the application, and once the application uses it, delete the old secret."
        >
          <SecretFields form={form} policy={policy} />
        </InlineAddForm>
      )}
      {created && <OneTimeSecretDialog secret={created} onClose={closeDialog} />}
    </>
  );
}
