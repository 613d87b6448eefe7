"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { createClientAction } from "@/lib/actions/create-client-action";
import { TOKEN_LIFETIME, withClientNamePolicy, ZCreateAuthorizationCodeClient, type TCreateAuthorizationCodeClient } from "@/lib/validation/client";
import { AdvancedClientFields, ClientNameField, EnvironmentField, TokenLifetimeField } from "./client-fields";
import type { CreateFormProps } from "./create-client-form";
import { goToCreatedClient } from "./created-client-href";
import { DraftRestoredNote } from "./draft-restored-note";
import { SameNameWarning } from "./same-name-warning";
import { useAddClient } from "./use-add-client";
import { UrlListField } from "./url-list-field";
import { CORS_ORIGINS, LOGOUT_REDIRECT_URLS, REDIRECT_URLS } from "./url-list-copy";

type Values = TCreateAuthorizationCodeClient;
// All of this form is kept in a draft: it holds no secret.
const DRAFT_FIELDS = [
  "name",
  "environmentId",
  "redirectUris",
  "postLogoutRedirectUris",
  "corsOrigins",
  "tokenLifetime",
  "tokenSigningAlg",
  "clientId",
] as const;

/**
 * Authorization code: a public client, so one step and no secret; Enter in a field saves
 * (or shows what is missing, with focus on it), and saving opens the client's page.
 */
export function CreateAuthorizationCodeForm({ tenantSlug, environments, settings }: CreateFormProps) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<Values>({
    resolver: zodResolver(withClientNamePolicy(ZCreateAuthorizationCodeClient, settings.clientNamePolicy)),
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: {
      type: "authorization-code",
      name: "",
      clientId: "",
      environmentId: environments[0]?.id,
      redirectUris: "",
      postLogoutRedirectUris: "",
      corsOrigins: "",
      tokenLifetime: TOKEN_LIFETIME.default,
      tokenSigningAlg: "ES256",
    },
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const add = useAddClient({
    tenantSlug,
    type: "authorization-code",
    form,
    draftFields: DRAFT_FIELDS,
    choices: { environmentIds: environments.map((e) => e.id) },
  });

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await createClientAction(tenantSlug, values);
      if (!result.ok) {
        setFormError(result.message);
        applyActionErrors(form.setError, result);
        return;
      }
      add.added();
      // The page opened says it was created (one message, no toast as well).
      goToCreatedClient(router, tenantSlug, result.data.clientId);
    });
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 className="text-sm font-semibold text-slate-800">2. Client</h2>
      <div role="note" aria-labelledby="no-secret-title" className="rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-950">
        <p id="no-secret-title" className="font-semibold">
          No secret and no refresh token
        </p>
        <p className="mt-1">
          This client is used by an application running in the user’s browser, which cannot keep a secret. Users sign in in the browser, and the application
          exchanges the authorization code for a token using PKCE, so it needs only the Client Id. No refresh token is issued: to keep users signed in, the
          application should request a new token in a hidden iframe before the current one expires; otherwise users sign in again when it expires.
        </p>
      </div>
      {add.draft.restored && <DraftRestoredNote onDiscard={add.draft.discard} />}
      {formError && <Banner tone="error">{formError}</Banner>}
      <ClientNameField
        registration={register("name", { onBlur: () => void add.checkName() })}
        error={errors.name}
        namePolicy={settings.clientNamePolicy}
        warning={add.sameName && <SameNameWarning tenantSlug={tenantSlug} sameName={add.sameName} />}
      />
      <EnvironmentField registration={register("environmentId")} error={errors.environmentId} environments={environments} />
      <UrlListField id="redirectUris" {...REDIRECT_URLS} registration={register("redirectUris")} error={errors.redirectUris} />
      <UrlListField
        id="postLogoutRedirectUris"
        {...LOGOUT_REDIRECT_URLS}
        registration={register("postLogoutRedirectUris")}
        error={errors.postLogoutRedirectUris}
      />
      <UrlListField id="corsOrigins" {...CORS_ORIGINS} registration={register("corsOrigins")} error={errors.corsOrigins} />
      <TokenLifetimeField registration={register("tokenLifetime", { valueAsNumber: true })} error={errors.tokenLifetime} />
      <AdvancedClientFields
        signingAlg={register("tokenSigningAlg")}
        clientId={register("clientId", { onBlur: () => void add.checkClientId() })}
        errors={errors}
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
