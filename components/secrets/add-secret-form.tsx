"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { addClientSecretAction } from "@/lib/actions/add-client-secret-action";
import { ZAddClientSecret, type TAddClientSecret } from "@/lib/validation/client-secret";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { useAddForm } from "@/components/forms/add-form-provider";
import { OneTimeSecretDialog, type OneTimeSecret } from "./one-time-secret-dialog";
import { SecretFields, type SecretPolicy } from "./secret-fields";

/**
 * Adds a secret to an existing client and shows it once. The plaintext lives only in the
 * action's response and `created` below; closing the dialog drops it. The page itself was
 * re-rendered by the action (revalidation), so the new row is already in the table by its hint.
 */
export function AddSecretForm({
  tenantSlug,
  client,
  policy,
}: {
  tenantSlug: string;
  client: { clientId: string; name: string };
  policy: SecretPolicy;
}) {
  const { request, close } = useAddForm();
  const toast = useToast();
  const [created, setCreated] = useState<(OneTimeSecret & { hint: string }) | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const sectionRef = useRef<HTMLElement>(null);

  const form = useForm<TAddClientSecret>({
    resolver: zodResolver(ZAddClientSecret),
    mode: "onTouched",
    defaultValues: {
      clientId: client.clientId,
      secret: { description: "", expires: defaultSecretExpiry(new Date(), policy.maxSecretLifetimeDays) },
    },
  });

  // Every "Add secret" click (toolbar or rotation notice) brings the form into view.
  useEffect(() => {
    if (request === 0) return;
    sectionRef.current?.scrollIntoView({ block: "nearest" });
    form.setFocus("secret.description");
  }, [request, form]);

  function cancel() {
    form.reset();
    setFormError(null);
    close();
  }

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await addClientSecretAction(tenantSlug, values);
      if (!result.ok) {
        const fields = applyActionErrors(form.setError, result);
        if (!fields.some((field) => field.startsWith("secret."))) setFormError(result.message);
        return;
      }
      const { clientId, clientSecret, expiresAt, hint } = result.data;
      setCreated({ title: `New secret for “${client.name}”`, clientId, clientSecret, expiresAt, hint });
      form.reset();
      close();
    });
  });

  function closeDialog() {
    const hint = created?.hint;
    setCreated(null); // the plaintext leaves memory here
    toast("success", `Secret ${hint}… added. It is listed below by its hint; the secret itself is not stored.`);
    document.getElementById("secrets-heading")?.focus();
  }

  return (
    <>
      {request > 0 && (
        <section ref={sectionRef} aria-labelledby="add-secret-heading" className="rounded-lg border border-slate-200 bg-white p-6">
          <form onSubmit={submit} noValidate className="space-y-5">
            <div>
              <h3 id="add-secret-heading" className="text-lg font-semibold">
                Add a secret
              </h3>
              <p className="mt-1 text-sm text-slate-600">
                The new secret works alongside the existing ones. Give it to the application, and once the application
                uses it, delete the old secret.
              </p>
            </div>
            {formError && <Banner tone="error">{formError}</Banner>}
            <SecretFields form={form} policy={policy} />
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
      )}
      {created && <OneTimeSecretDialog secret={created} onClose={closeDialog} />}
    </>
  );
}
