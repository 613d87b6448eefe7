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
import { fieldMessages } from "./client-field-messages";
import { goToCreatedClient } from "./created-client-href";
import { DraftRestoredNote } from "./draft-restored-note";
import { SameNameWarning } from "./same-name-warning";
import type { AddClient } from "./use-add-client";

type WithCredential = FieldValues & { secret?: { description?: string; expires: string }; publicKey?: { key?: string; description?: string } };

const CREDENTIAL_STEP = { secret: "First secret", key: "Public key" } as const;
const CREDENTIAL_FIRST_FIELD = { secret: "secret.description", key: "publicKey.key" } as const;

/** The final Add was refused for fields of the Client step: said on the last step, with a way back. */
type ClientStepProblem = { field: string; messages: string[] };

/**
 * The two steps of adding a client that authenticates (client-credentials, hybrid): the
 * client's fields (children), then its first secret, shown once in the one-time dialog, or
 * (signed JWT) its first public key. Each step is a form step: Enter advances, and focus
 * moves to the first field of the step shown. The plaintext lives only in this component's
 * state until the dialog closes.
 */
export function CreateClientSteps<T extends WithCredential>({
  tenantSlug,
  form,
  add,
  clientFields,
  secretPolicy,
  credential = "secret",
  children,
}: {
  tenantSlug: string;
  form: UseFormReturn<T>;
  add: AddClient;
  /** The fields of the Client step, in page order: checked before moving on; the first with an error gets focus. */
  clientFields: readonly FieldPath<T>[];
  secretPolicy: SecretPolicy;
  /** What the client starts with: a secret, or the public key of a signed-JWT client. */
  credential?: "secret" | "key";
  children: ReactNode;
}) {
  const router = useRouter();
  const [step, setStep] = useState<"client" | "credential">("client");
  const [formError, setFormError] = useState<string | null>(null);
  const [clientStepProblem, setClientStepProblem] = useState<ClientStepProblem | null>(null);
  const [created, setCreated] = useState<OneTimeSecret | null>(null);
  const [pending, startTransition] = useTransition();
  const [checking, setChecking] = useState(false);
  const [tried, setTried] = useState(false);
  // A new object per request, so asking for the same field twice focuses it twice.
  const [focusRequest, setFocusRequest] = useState<{ field: string } | null>(null);

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

  // After the step's fields are in the page (a closed "Advanced" section opens on an error).
  useEffect(() => {
    if (focusRequest) form.setFocus(focusRequest.field as FieldPath<T>);
  }, [focusRequest, form]);

  const isClientField = (path: string) => clientFields.some((field) => path === field || path.startsWith(`${field}.`));
  const firstInvalid = () => clientFields.find((field) => form.getFieldState(field).invalid);

  async function next() {
    setChecking(true);
    try {
      const valid = (await form.trigger([...clientFields])) && (await add.checkBeforeLastStep());
      if (!valid) {
        setTried(true);
        const field = firstInvalid();
        if (field) setFocusRequest({ field });
        return;
      }
      setFormError(null);
      setClientStepProblem(null);
      setStep("credential");
      setFocusRequest({ field: CREDENTIAL_FIRST_FIELD[credential] });
    } finally {
      setChecking(false);
    }
  }

  function back(field: string = clientFields[0]!) {
    setFormError(null);
    setClientStepProblem(null);
    setStep("client");
    setFocusRequest({ field });
  }

  /** Problems of Client step fields, found on the last step: named there, with the way back. */
  function showClientStepProblem(paths: string[], messagesOf: (path: string) => string[]) {
    setClientStepProblem({ field: paths[0]!, messages: paths.flatMap(messagesOf) });
  }

  const submit = form.handleSubmit(
    (values) => {
      setFormError(null);
      setClientStepProblem(null);
      startTransition(async () => {
        const result = await createClientAction(tenantSlug, values as unknown as TCreateClient);
        if (result.ok) {
          add.added();
          const { clientSecret, clientId, name, secretExpiresAt } = result.data;
          if (clientSecret) setCreated({ title: `Client “${name}” created`, clientId, clientSecret, expiresAt: secretExpiresAt });
          // Nothing secret to show (signed JWT): straight to the client's page.
          else goToCreatedClient(router, tenantSlug, clientId);
          return;
        }
        const hit = applyActionErrors(form.setError, result).filter(isClientField);
        // The admin stays on this step: the problem is named here, with a way back to it.
        if (hit.length) showClientStepProblem(hit, (path) => result.fieldErrors?.[path] ?? []);
        else setFormError(result.message);
      });
    },
    () => {
      // The Client step was checked on Continue; should one of its fields be invalid since,
      // say so here rather than fail silently on a field that is not in view.
      const hit = clientFields.filter((field) => form.getFieldState(field).invalid);
      if (hit.length) showClientStepProblem(hit, (path) => fieldMessages(form.getFieldState(path as FieldPath<T>).error) ?? []);
    },
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (step === "credential") return void submit(event);
    // Enter in a field of the Client step means "Continue", never "add without seeing the next step".
    event.preventDefault();
    if (!checking) void next();
  }

  function closeDialog() {
    const clientId = created!.clientId;
    setCreated(null); // the plaintext leaves memory here
    goToCreatedClient(router, tenantSlug, clientId);
  }

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Steps">
          <li aria-current={step === "client" ? "step" : undefined} className={step === "client" ? "font-semibold text-blue-800" : "text-slate-600"}>
            2. Client
          </li>
          <li aria-current={step === "credential" ? "step" : undefined} className={step === "credential" ? "font-semibold text-blue-800" : "text-slate-600"}>
            3. {CREDENTIAL_STEP[credential]}
          </li>
        </ol>
        {add.draft.restored && (
          <DraftRestoredNote
            onDiscard={() => {
              add.draft.discard();
              back();
            }}
          />
        )}
        {formError && <Banner tone="error">{formError}</Banner>}

        <fieldset hidden={step !== "client"} className="space-y-5">
          <legend className="sr-only">Client</legend>
          {children}
          {step === "client" && (
            <div className="flex justify-end">
              <Button type="submit" disabled={checking} aria-busy={checking}>
                Continue
              </Button>
            </div>
          )}
        </fieldset>

        {step === "credential" && (
          <fieldset className="space-y-5">
            <legend className="sr-only">{CREDENTIAL_STEP[credential]}</legend>
            {clientStepProblem && (
              <Banner tone="error">
                <ul className="space-y-1">
                  {clientStepProblem.messages.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
                <Button variant="secondary" className="mt-3" onClick={() => back(clientStepProblem.field)}>
                  Go back to change it
                </Button>
              </Banner>
            )}
            {credential === "key" ? (
              <>
                <p className="text-sm text-slate-700">
                  The application signs a short-lived JWT with its private key each time it asks for a token; Latchkey checks the signature with this public
                  key.
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
            {add.sameName && (
              <Banner tone="warning">
                <SameNameWarning tenantSlug={tenantSlug} sameName={add.sameName} />
              </Banner>
            )}
            <div className="flex justify-between gap-3">
              <Button variant="secondary" onClick={() => back()} disabled={pending}>
                Back
              </Button>
              <Button type="submit" disabled={pending} aria-busy={pending}>
                {pending ? "Adding…" : "Add"}
              </Button>
            </div>
          </fieldset>
        )}
      </form>
      {/* Outside the form: Enter in the dialog's read-only fields must not submit it again (a second client). */}
      {created && <OneTimeSecretDialog secret={created} onClose={closeDialog} />}
    </>
  );
}
