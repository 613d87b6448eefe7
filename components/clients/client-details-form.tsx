"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { applyActionErrors } from "@/components/forms/apply-action-errors";
import { useUnsavedChangesWarning } from "@/components/forms/use-unsaved-changes-warning";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { updateClientAction } from "@/lib/actions/update-client-action";
import {
  withClientNamePolicy,
  ZUpdateAuthorizationCodeClient,
  ZUpdateClientCredentialsClient,
  ZUpdateHybridClient,
  type TClientType,
  type TTokenSigningAlg,
  type TUpdateClient,
} from "@/lib/validation/client";
import type { TClientNamePolicy } from "@/lib/validation/tenant-settings";
import {
  ClientDescriptionField,
  ClientNameField,
  EnvironmentField,
  RefreshTokenField,
  TokenLifetimeField,
  TokenSigningAlgField,
  type EnvironmentOption,
} from "./client-fields";
import { UrlListField } from "./url-list-field";
import { CORS_ORIGINS, LOGOUT_REDIRECT_URLS, REDIRECT_URLS } from "./url-list-copy";

export type EditableClient = {
  clientId: string;
  type: TClientType;
  name: string;
  description: string;
  environmentId: string;
  tokenLifetime: number;
  tokenSigningAlg: TTokenSigningAlg;
  allowRefreshToken: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  corsOrigins: string[];
};

// One flat shape for every type; each type's schema drops the fields it does not have.
type Values = Omit<EditableClient, "redirectUris" | "postLogoutRedirectUris" | "corsOrigins"> & {
  redirectUris: string;
  postLogoutRedirectUris: string;
  corsOrigins: string;
};

const SCHEMAS = {
  "client-credentials": ZUpdateClientCredentialsClient,
  "authorization-code": ZUpdateAuthorizationCodeClient,
  hybrid: ZUpdateHybridClient,
};

const valuesOf = (client: EditableClient): Values => ({
  ...client,
  redirectUris: client.redirectUris.join("\n"),
  postLogoutRedirectUris: client.postLogoutRedirectUris.join("\n"),
  corsOrigins: client.corsOrigins.join("\n"),
});

/** An administrator's edit form for a client's details; the type itself cannot change. */
export function ClientDetailsForm({
  tenantSlug,
  client,
  environments,
  namePolicy,
}: {
  tenantSlug: string;
  client: EditableClient;
  environments: EnvironmentOption[];
  namePolicy: TClientNamePolicy | null;
}) {
  const router = useRouter();
  const toast = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useForm<Values>({
    resolver: zodResolver(withClientNamePolicy(SCHEMAS[client.type], namePolicy, client.name)) as unknown as Resolver<Values>,
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: valuesOf(client),
  });
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const { type } = client;
  useUnsavedChangesWarning(formState.isDirty, "Your changes to this client’s details are not saved. Leave this page and lose them?");

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    startTransition(async () => {
      const result = await updateClientAction(tenantSlug, values as unknown as TUpdateClient);
      if (!result.ok) {
        setFormError(result.message);
        applyActionErrors(form.setError, result);
        return;
      }
      if (result.data.changed.length === 0) {
        toast("success", "Nothing to save: the details were already like this.");
      } else {
        toast("success", `Changes to “${result.data.name}” saved.`);
        router.refresh(); // the header and the stored (normalised) values
      }
      form.reset(form.getValues());
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="details-heading" className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="details-heading" className="text-lg font-semibold">
        Details
      </h2>
      {formError && <Banner tone="error">{formError}</Banner>}
      <ClientNameField registration={register("name")} error={errors.name} namePolicy={namePolicy} />
      <ClientDescriptionField registration={register("description")} error={errors.description} />
      <EnvironmentField registration={register("environmentId")} error={errors.environmentId} environments={environments} />
      <TokenLifetimeField registration={register("tokenLifetime", { valueAsNumber: true })} error={errors.tokenLifetime} />
      <TokenSigningAlgField registration={register("tokenSigningAlg")} error={errors.tokenSigningAlg} />
      {type === "hybrid" && <RefreshTokenField registration={register("allowRefreshToken")} checked={watch("allowRefreshToken")} />}
      {type !== "client-credentials" && (
        <>
          <UrlListField id="redirectUris" {...REDIRECT_URLS} registration={register("redirectUris")} error={errors.redirectUris} />
          <UrlListField
            id="postLogoutRedirectUris"
            {...LOGOUT_REDIRECT_URLS}
            registration={register("postLogoutRedirectUris")}
            error={errors.postLogoutRedirectUris}
          />
        </>
      )}
      {type === "authorization-code" && <UrlListField id="corsOrigins" {...CORS_ORIGINS} registration={register("corsOrigins")} error={errors.corsOrigins} />}
      <div className="flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onClick={() => form.reset()} disabled={pending || !formState.isDirty}>
          Discard changes
        </Button>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
