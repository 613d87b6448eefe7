"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { OneTimeSecretDialog, type OneTimeSecret } from "@/components/secrets/one-time-secret-dialog";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { createClientAction } from "@/lib/actions/create-client-action";
import { SecretFields } from "@/components/secrets/secret-fields";
import { TOKEN_LIFETIME, ZCreateClientCredentialsClient, type TCreateClientCredentialsClient } from "@/lib/validation/client";
import { defaultSecretExpiry } from "@/lib/validation/secret";

export type RoleOption = { id: string; name: string; locked: boolean };

type FormValues = TCreateClientCredentialsClient;
const CLIENT_FIELDS: FieldPath<FormValues>[] = ["name", "description", "clientId", "roleIds", "tokenLifetime"];

/** Add a client-credentials client: details, then its first secret, then the one-time dialog. */
export function CreateClientForm({ tenantSlug, roles }: { tenantSlug: string; roles: RoleOption[] }) {
  const router = useRouter();
  const [step, setStep] = useState<"client" | "secret">("client");
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<OneTimeSecret | null>(null);
  const [pending, startTransition] = useTransition();

  const form = useForm<FormValues>({
    resolver: zodResolver(ZCreateClientCredentialsClient),
    mode: "onTouched",
    defaultValues: {
      type: "client-credentials",
      name: "",
      description: "",
      clientId: "",
      roleIds: [],
      tokenLifetime: TOKEN_LIFETIME.default,
      secret: { description: "", expires: defaultSecretExpiry() },
    },
  });
  const { register, formState, handleSubmit, setError } = form;
  const errors = formState.errors;

  async function next() {
    if (await form.trigger(CLIENT_FIELDS)) setStep("secret");
  }

  const submit = handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createClientAction(tenantSlug, values);
      if (result.ok) {
        const { clientSecret } = result.data;
        if (clientSecret) {
          setCreated({
            title: `Client “${result.data.name}” created`,
            clientId: result.data.clientId,
            clientSecret,
            expiresAt: result.data.secretExpiresAt,
          });
        } else {
          router.push(`/t/${tenantSlug}/clients?created=${result.data.clientId}`);
        }
        return;
      }
      setFormError(result.message);
      let backToClient = false;
      for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
        setError(path as FieldPath<FormValues>, { type: "server", message: messages.join("\n") });
        backToClient ||= CLIENT_FIELDS.some((field) => path === field || path.startsWith(`${field}.`));
      }
      if (backToClient) setStep("client");
    });
  });

  function closeDialog() {
    const clientId = created?.clientId;
    setCreated(null); // the plaintext leaves memory here
    form.reset();
    router.push(`/t/${tenantSlug}/clients?created=${clientId}`);
  }

  const messages = (message?: string) => (message ? message.split("\n") : undefined);

  return (
    <form onSubmit={submit} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-6">
      <ol className="flex gap-4 text-sm" aria-label="Steps">
        <li aria-current={step === "client" ? "step" : undefined} className={step === "client" ? "font-semibold text-blue-800" : "text-slate-500"}>
          1. Client
        </li>
        <li aria-current={step === "secret" ? "step" : undefined} className={step === "secret" ? "font-semibold text-blue-800" : "text-slate-500"}>
          2. First secret
        </li>
      </ol>
      {formError && <Banner tone="error">{formError}</Banner>}

      <fieldset hidden={step !== "client"} className="space-y-5">
        <legend className="sr-only">Client</legend>
        <Field id="name" label="Name" hint="The device or application that will use this client." errors={messages(errors.name?.message)}>
          <input id="name" className={inputClass} autoComplete="off" aria-invalid={!!errors.name} {...register("name")} />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Roles</legend>
          {roles.map((role) =>
            role.locked ? (
              <label key={role.id} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" checked disabled aria-describedby="member-role-hint" />
                {role.name}
                <span id="member-role-hint" className="text-xs text-slate-500">
                  (every client has this role; it cannot be removed)
                </span>
              </label>
            ) : (
              <label key={role.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" value={role.id} {...register("roleIds")} />
                {role.name}
              </label>
            ),
          )}
        </fieldset>
        <Field
          id="tokenLifetime"
          label="Token lifetime (seconds)"
          hint={`How long an access token works: ${TOKEN_LIFETIME.min} to ${TOKEN_LIFETIME.max} seconds (default one hour).`}
          errors={messages(errors.tokenLifetime?.message)}
        >
          <input
            id="tokenLifetime"
            type="number"
            inputMode="numeric"
            min={TOKEN_LIFETIME.min}
            max={TOKEN_LIFETIME.max}
            className={`${inputClass} max-w-40`}
            aria-invalid={!!errors.tokenLifetime}
            {...register("tokenLifetime", { valueAsNumber: true })}
          />
        </Field>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">Use a Client Id of my own</summary>
          <div className="mt-3">
            <Field id="clientId" label="Client Id (GUID)" hint="Leave empty to generate a random one." errors={messages(errors.clientId?.message)}>
              <input
                id="clientId"
                className={`${inputClass} font-mono`}
                placeholder="3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a"
                autoComplete="off"
                aria-invalid={!!errors.clientId}
                {...register("clientId")}
              />
            </Field>
          </div>
        </details>
        <div className="flex justify-end">
          <Button onClick={next}>Continue</Button>
        </div>
      </fieldset>

      {step === "secret" && (
        <fieldset className="space-y-5">
          <legend className="sr-only">First secret</legend>
          <SecretFields form={form} />
          <div className="flex justify-between">
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
