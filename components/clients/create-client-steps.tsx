"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { OneTimeSecretDialog, type OneTimeSecret } from "@/components/secrets/one-time-secret-dialog";
import { SecretFields, type SecretPolicy } from "@/components/secrets/secret-fields";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { createClientAction } from "@/lib/actions/create-client-action";
import type { TCreateClient } from "@/lib/validation/client";

type WithSecret = FieldValues & { secret?: { description?: string; expires: string } };

/**
 * The two steps of adding a client that has secrets (client-credentials, hybrid): the
 * client's fields (children), then its first secret, then the one-time dialog. The
 * plaintext lives only in this component's state until the dialog closes.
 */
export function CreateClientSteps<T extends WithSecret>({
  tenantSlug,
  form,
  clientFields,
  secretPolicy,
  children,
}: {
  tenantSlug: string;
  form: UseFormReturn<T>;
  /** The fields of step 1: checked before moving on, and where server errors send the admin back. */
  clientFields: FieldPath<T>[];
  secretPolicy: SecretPolicy;
  children: ReactNode;
}) {
  const router = useRouter();
  const [step, setStep] = useState<"client" | "secret">("client");
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<OneTimeSecret | null>(null);
  const [pending, startTransition] = useTransition();
  const [tried, setTried] = useState(false);

  // After a refused "Continue", re-check a field as it is corrected (as react-hook-form does
  // after a submit), so its error goes while typing and not on the click that leaves it:
  // the layout would shift under the pointer and swallow that click.
  useEffect(() => {
    if (!tried) return;
    const subscription = form.watch((_values, { name }) => {
      if (name && clientFields.includes(name as FieldPath<T>)) void form.trigger(name as FieldPath<T>);
    });
    return () => subscription.unsubscribe();
  }, [tried, form, clientFields]);

  async function next() {
    if (await form.trigger(clientFields)) setStep("secret");
    else setTried(true);
  }

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createClientAction(tenantSlug, values as unknown as TCreateClient);
      if (result.ok) {
        const { clientSecret, clientId, name, secretExpiresAt } = result.data;
        if (clientSecret) setCreated({ title: `Client “${name}” created`, clientId, clientSecret, expiresAt: secretExpiresAt });
        return;
      }
      setFormError(result.message);
      const fields = applyActionErrors(form.setError, result);
      if (fields.some((path) => clientFields.some((field) => path === field || path.startsWith(`${field}.`)))) setStep("client");
    });
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (step === "secret") return void submit(event);
    // Enter in a field of step 1 means "Continue", never "add without seeing the secret step".
    event.preventDefault();
    void next();
  }

  function closeDialog() {
    const clientId = created?.clientId;
    setCreated(null); // the plaintext leaves memory here
    form.reset();
    router.push(`/t/${tenantSlug}/clients?created=${clientId}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Steps">
        <li aria-current={step === "client" ? "step" : undefined} className={step === "client" ? "font-semibold text-blue-800" : "text-slate-600"}>
          2. Client
        </li>
        <li aria-current={step === "secret" ? "step" : undefined} className={step === "secret" ? "font-semibold text-blue-800" : "text-slate-600"}>
          3. First secret
        </li>
      </ol>
      {formError && <Banner tone="error">{formError}</Banner>}

      <fieldset hidden={step !== "client"} className="space-y-5">
        <legend className="sr-only">Client</legend>
        {children}
        <div className="flex justify-end">
          <Button onClick={next}>Continue</Button>
        </div>
      </fieldset>

      {step === "secret" && (
        <fieldset className="space-y-5">
          <legend className="sr-only">First secret</legend>
          <p className="text-sm text-slate-700">
            The application authenticates with the Client Id and this secret. You will see the secret once, right after
            adding it.
          </p>
          <SecretFields form={form} policy={secretPolicy} />
          <div className="flex justify-between gap-3">
            <Button variant="secondary" onClick={() => setStep("client")} disabled={pending}>
              Back
            </Button>
            <Button type="submit" disabled={pending} aria-busy={pending}>
              {pending ? "Adding…" : "Add"}
            </Button>
          </div>
        </fieldset>
      )}

      {created && <OneTimeSecretDialog secret={created} onClose={closeDialog} />}
    </form>
  );
}
