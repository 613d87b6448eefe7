"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef } from "react";
import { useForm } from "react-hook-form";
import { InlineAddForm, useInlineAdd } from "@/components/credentials/inline-add-form";
import { useToast } from "@/components/ui/toast";
import { addClientKeyAction } from "@/lib/actions/add-client-key-action";
import { ZAddClientKey, type TAddClientKey } from "@/lib/validation/client-key";
import { keyName } from "./key-name";
import { PublicKeyFields } from "./public-key-fields";

/**
 * Registers another public key for a signed-JWT client. Nothing is secret here, so there is
 * no one-time dialog: the action re-renders the page (revalidation) with the new row.
 */
export function AddKeyForm({ tenantSlug, clientId }: { tenantSlug: string; clientId: string }) {
  const toast = useToast();
  const added = useRef(false);
  const form = useForm<TAddClientKey>({
    resolver: zodResolver(ZAddClientKey),
    mode: "onTouched",
    defaultValues: { clientId, publicKey: { key: "", description: "" } },
  });
  const add = useInlineAdd({
    form,
    focus: "publicKey.key",
    fieldPrefix: "publicKey.",
    action: (values) => addClientKeyAction(tenantSlug, values),
    onAdded(key) {
      toast("success", `Key ${keyName(key)} (${key.summary}) added. The application can sign with its private key now.`);
      added.current = true;
    },
  });

  // Once a key is added and the form has gone (with the focused button), focus moves to the list's heading.
  useEffect(() => {
    if (add.request !== 0 || !added.current) return;
    added.current = false;
    document.getElementById("keys-heading")?.focus();
  }, [add.request]);

  if (add.request === 0) return null;
  return (
    <InlineAddForm
      add={add}
      headingId="add-key-heading"
      title="Add a key"
      intro="The new key works alongside the existing ones. Once the application signs with the new private key, delete the old key."
    >
      <PublicKeyFields form={form} />
    </InlineAddForm>
  );
}
