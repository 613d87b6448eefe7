"use client";

import { useState, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import { TOKEN_LIFETIME, TOKEN_SIGNING_ALGS, type TTokenSigningAlg } from "@/lib/validation/client";
import { CLIENT_NAME_POLICIES, type TClientNamePolicy } from "@/lib/validation/tenant-settings";
import { describedBy, fieldMessages, type FieldErrorLike } from "./client-field-messages";

// The fields a client's forms share (add and edit, every type). They only render: each
// form registers them with its own schema.

type FieldProps = { registration: UseFormRegisterReturn; error?: FieldErrorLike };

export type EnvironmentOption = { id: string; name: string };

/** `warning`: something to know about the name that is not an error (Add client: the tenant already has a client of this name). */
export function ClientNameField({ registration, error, namePolicy, warning }: FieldProps & { namePolicy: TClientNamePolicy | null; warning?: ReactNode }) {
  const policy = namePolicy ? CLIENT_NAME_POLICIES[namePolicy].label : null;
  const field = (
    <Field
      id="name"
      label="Name"
      hint={
        <>
          The device or application that will use this client.
          {policy && <strong className="font-medium"> Tenant naming policy: {policy}.</strong>}
        </>
      }
      errors={fieldMessages(error)}
    >
      <input
        id="name"
        className={inputClass}
        autoComplete="off"
        aria-invalid={!!error}
        aria-describedby={[describedBy("name", { hint: true, error: !!error }), warning ? "name-warning" : null].filter(Boolean).join(" ")}
        {...registration}
      />
    </Field>
  );
  if (warning === undefined) return field;
  return (
    <div className="space-y-1">
      {field}
      {/* Always in the page, so the warning is announced when it appears. */}
      <div id="name-warning" aria-live="polite">
        {warning && <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{warning}</p>}
      </div>
    </div>
  );
}

export function ClientDescriptionField({ registration, error }: FieldProps) {
  return (
    <Field id="description" label="Description (optional)" hint="What the client is for, who owns it, where it runs." errors={fieldMessages(error)}>
      <textarea
        id="description"
        rows={2}
        className={inputClass}
        aria-invalid={!!error}
        aria-describedby={describedBy("description", { hint: true, error: !!error })}
        {...registration}
      />
    </Field>
  );
}

export function EnvironmentField({ registration, error, environments }: FieldProps & { environments: EnvironmentOption[] }) {
  return (
    <Field id="environmentId" label="Environment" hint="Tokens of this client say which environment they are for." errors={fieldMessages(error)}>
      <select
        id="environmentId"
        className={`${inputClass} max-w-64`}
        aria-invalid={!!error}
        aria-describedby={describedBy("environmentId", { hint: true, error: !!error })}
        {...registration}
      >
        {environments.map((environment) => (
          <option key={environment.id} value={environment.id}>
            {environment.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function TokenLifetimeField({ registration, error }: FieldProps) {
  return (
    <Field
      id="tokenLifetime"
      label="Token lifetime (seconds)"
      hint={`How long an access token works: ${TOKEN_LIFETIME.min} to ${TOKEN_LIFETIME.max} seconds (default one hour).`}
      errors={fieldMessages(error)}
    >
      <input
        id="tokenLifetime"
        type="number"
        inputMode="numeric"
        min={TOKEN_LIFETIME.min}
        max={TOKEN_LIFETIME.max}
        className={`${inputClass} max-w-40`}
        aria-invalid={!!error}
        aria-describedby={describedBy("tokenLifetime", { hint: true, error: !!error })}
        {...registration}
      />
    </Field>
  );
}

const TOKEN_SIGNING_ALG_LABELS: Record<TTokenSigningAlg, string> = { ES256: "ES256 (recommended)", RS256: "RS256" };

export function TokenSigningAlgField({ registration, error }: FieldProps) {
  return (
    <Field
      id="tokenSigningAlg"
      label="Token signing algorithm"
      hint="How this client's access tokens are signed. Choose RS256 only if a resource server cannot verify ES256."
      errors={fieldMessages(error)}
    >
      <select
        id="tokenSigningAlg"
        className={`${inputClass} max-w-64`}
        aria-invalid={!!error}
        aria-describedby={describedBy("tokenSigningAlg", { hint: true, error: !!error })}
        {...registration}
      >
        {TOKEN_SIGNING_ALGS.map((alg) => (
          <option key={alg} value={alg}>
            {TOKEN_SIGNING_ALG_LABELS[alg]}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** An optional caller-chosen Client Id; most admins let the server generate one. */
export function ClientIdField({ registration, error }: FieldProps) {
  return (
    <Field id="clientId" label="Client Id (GUID)" hint="Leave empty to generate a random one." errors={fieldMessages(error)}>
      <input
        id="clientId"
        className={`${inputClass} font-mono`}
        placeholder="3f2c8a4e-5b1d-4c6f-9a0e-7d2b1c3e4f5a"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={describedBy("clientId", { hint: true, error: !!error })}
        {...registration}
      />
    </Field>
  );
}

/**
 * What adding a client rarely needs, tucked away: opened by an error in it, and then open
 * until the admin closes it (it must not fold away while the error is being corrected).
 */
export function AdvancedClientFields({
  signingAlg,
  clientId,
  errors,
}: {
  signingAlg: UseFormRegisterReturn;
  clientId: UseFormRegisterReturn;
  errors: { tokenSigningAlg?: FieldErrorLike; clientId?: FieldErrorLike };
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="text-sm" open={open || !!errors.tokenSigningAlg || !!errors.clientId} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-slate-700">Advanced: token signing algorithm, a Client Id of my own</summary>
      <div className="mt-3 space-y-5">
        <TokenSigningAlgField registration={signingAlg} error={errors.tokenSigningAlg} />
        <ClientIdField registration={clientId} error={errors.clientId} />
      </div>
    </details>
  );
}

/** Hybrid clients only, with seed 003's caution always in view. */
export function RefreshTokenField({ registration, checked }: { registration: UseFormRegisterReturn; checked: boolean }) {
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input type="checkbox" aria-describedby="allowRefreshToken-hint" {...registration} />
        Allow refresh token
      </label>
      <p
        id="allowRefreshToken-hint"
        className={checked ? "rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" : "text-xs text-slate-600"}
      >
        <strong>Use caution.</strong> A refresh token keeps users signed in without the browser. Where possible, it is more secure to request a new token in a
        hidden iframe before the old one expires than to use a refresh token.
      </p>
    </div>
  );
}
