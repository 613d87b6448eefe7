"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useAddForm } from "@/components/forms/add-form-provider";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
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
  const { request, close } = useAddForm();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const sectionRef = useRef<HTMLElement>(null);
  const added = useRef(false);

  const form = useForm<TAddClientKey>({
    resolver: zodResolver(ZAddClientKey),
    mode: "onTouched",
    defaultValues: { clientId, publicKey: { key: "", description: "" } },
  });

  // Every "Add key" click brings the form into view, ready for the paste; once a key is
  // added and the form has gone (with the focused button), focus moves to the list's heading.
  useEffect(() => {
    if (request === 0) {
      if (added.current) document.getElementById("keys-heading")?.focus();
      added.current = false;
      return;
    }
    sectionRef.current?.scrollIntoView({ block: "nearest" });
    form.setFocus("publicKey.key");
  }, [request, form]);

  function cancel() {
    form.reset();
    setFormError(null);
    close();
  }

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await addClientKeyAction(tenantSlug, values);
      if (!result.ok) {
        const fields = applyActionErrors(form.setError, result);
        if (!fields.some((field) => field.startsWith("publicKey."))) setFormError(result.message);
        return;
      }
      toast("success", `Key ${keyName(result.data)} (${result.data.summary}) added. The application can sign with its private key now.`);
      form.reset();
      added.current = true;
      close();
    });
  });

  if (request === 0) return null;
  return (
    <section ref={sectionRef} aria-labelledby="add-key-heading" className="rounded-lg border border-slate-200 bg-white p-6">
      <form onSubmit={submit} noValidate className="space-y-5">
        <div>
          <h3 id="add-key-heading" className="text-lg font-semibold">
            Add a key
          </h3>
          <p className="mt-1 text-sm text-slate-600">
            The new key works alongside the existing ones. Once the application signs with the new private key, delete the
            old key.
          </p>
        </div>
        {formError && <Banner tone="error">{formError}</Banner>}
        <PublicKeyFields form={form} />
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={cancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? "Adding…" : "Add"}
          </Button>
        </div>
      </form>
    </section>
  );
}
