"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";
import { PublicKeyFields } from "@/components/client-keys/public-key-fields";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { OneTimeSecretDialog, type OneTimeSecret } from "@/components/secrets/one-time-secret-dialog";
import { SecretFields, type SecretPolicy } from "@/components/secrets/secret-fields";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { createClientAction } from "@/lib/actions/create-client-action";
import type { TCreateClient } from "@/lib/validation/client";

type WithCredential = FieldValues & { secret?: { description?: string; expires: string }; publicKey?: { key?: string; description?: string } };

const CREDENTIAL_STEP = { secret: "First secret", key: "Public key" } as const;

/**
 * The two steps of adding a client that authenticates (client-credentials, hybrid): the
 * client's fields (children), then its first secret, shown once in the one-time dialog, or
 * (signed JWT) its first public key. The plaintext lives only in this component's state
 * until the dialog closes.
 */
export function CreateClientSteps<T extends WithCredential>({
  tenantSlug,
  form,
  clientFields,
  secretPolicy,
  credential = "secret",
  children,
}: {
  tenantSlug: string;
  form: UseFormReturn<T>;
  /** The fields of step 1: checked before moving on, and where server errors send the admin back. */
  clientFields: FieldPath<T>[];
  secretPolicy: SecretPolicy;
  /** What the client starts with: a secret, or the public key of a signed-JWT client. */
  credential?: "secret" | "key";
  children: ReactNode;
}) {
  const router = useRouter();
  const [step, setStep] = useState<"client" | "credential">("client");
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
    if (await form.trigger(clientFields)) setStep("credential");
    else setTried(true);
  }

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createClientAction(tenantSlug, values as unknown as TCreateClient);
      if (result.ok) {
        const { clientSecret, clientId, name, secretExpiresAt, key } = result.data;
        if (clientSecret) setCreated({ title: `Client “${name}” created`, clientId, clientSecret, expiresAt: secretExpiresAt });
        // Nothing secret to show: the client's Keys tab is the success page (Client Id, key).
        if (key) router.push(`/t/${tenantSlug}/clients/${clientId}/keys?created=1`);
        return;
      }
      setFormError(result.message);
      const fields = applyActionErrors(form.setError, result);
      if (fields.some((path) => clientFields.some((field) => path === field || path.startsWith(`${field}.`)))) setStep("client");
    });
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (step === "credential") return void submit(event);
    // Enter in a field of step 1 means "Continue", never "add without seeing the next step".
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
        <li aria-current={step === "credential" ? "step" : undefined} className={step === "credential" ? "font-semibold text-blue-800" : "text-slate-600"}>
          3. {CREDENTIAL_STEP[credential]}
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

      {step === "credential" && (
        <fieldset className="space-y-5">
          <legend className="sr-only">{CREDENTIAL_STEP[credential]}</legend>
          {credential === "key" ? (
            <>
              <p className="text-sm text-slate-700">
                The application signs a short-lived JWT with its private key each time it asks for a token; Latchkey checks the signature with this public key.
              </p>
              <PublicKeyFields form={form} />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-700">
                The application authenticates with the Client Id and this secret. You will see the secret once, right after adding it.
              </p>
              <SecretFields form={form} policy={secretPolicy} />
            </>
          )}
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
