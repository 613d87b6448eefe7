"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldPath } from "react-hook-form";
import { TOKEN_LIFETIME, withClientNamePolicy, ZCreateHybridClient, type TCreateHybridClient } from "@/lib/validation/client";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { AdvancedClientFields, ClientNameField, EnvironmentField, RefreshTokenField, TokenLifetimeField } from "./client-fields";
import type { CreateFormProps } from "./create-client-form";
import { CreateClientSteps } from "./create-client-steps";
import { SameNameWarning } from "./same-name-warning";
import { useAddClient } from "./use-add-client";
import { UrlListField } from "./url-list-field";
import { LOGOUT_REDIRECT_URLS, REDIRECT_URLS } from "./url-list-copy";

type Values = TCreateHybridClient;
// The Client step's fields in page order; also all that a draft keeps (never the secret).
const CLIENT_FIELDS = [
  "name",
  "environmentId",
  "allowRefreshToken",
  "redirectUris",
  "postLogoutRedirectUris",
  "tokenLifetime",
  "tokenSigningAlg",
  "clientId",
] as const satisfies FieldPath<Values>[];

/** Hybrid: name, environment, refresh-token choice, redirect URLs, token lifetime, then the first secret. */
export function CreateHybridClientForm({ tenantSlug, environments, settings }: CreateFormProps) {
  const form = useForm<Values>({
    resolver: zodResolver(withClientNamePolicy(ZCreateHybridClient, settings.clientNamePolicy)),
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: {
      type: "hybrid",
      name: "",
      clientId: "",
      environmentId: environments[0]?.id,
      allowRefreshToken: false,
      redirectUris: "",
      postLogoutRedirectUris: "",
      tokenLifetime: TOKEN_LIFETIME.default,
      tokenSigningAlg: "ES256",
      secret: { description: "", expires: defaultSecretExpiry(new Date(), settings.maxSecretLifetimeDays) },
    },
  });
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const add = useAddClient({ tenantSlug, type: "hybrid", form, draftFields: CLIENT_FIELDS, choices: { environmentIds: environments.map((e) => e.id) } });

  return (
    <CreateClientSteps tenantSlug={tenantSlug} form={form} add={add} clientFields={CLIENT_FIELDS} secretPolicy={settings}>
      <ClientNameField
        registration={register("name", { onBlur: () => void add.checkName() })}
        error={errors.name}
        namePolicy={settings.clientNamePolicy}
        warning={add.sameName && <SameNameWarning tenantSlug={tenantSlug} sameName={add.sameName} />}
      />
      <EnvironmentField registration={register("environmentId")} error={errors.environmentId} environments={environments} />
      <RefreshTokenField registration={register("allowRefreshToken")} checked={!!watch("allowRefreshToken")} />
      <UrlListField id="redirectUris" {...REDIRECT_URLS} registration={register("redirectUris")} error={errors.redirectUris} />
      <UrlListField
        id="postLogoutRedirectUris"
        {...LOGOUT_REDIRECT_URLS}
        registration={register("postLogoutRedirectUris")}
        error={errors.postLogoutRedirectUris}
      />
      <TokenLifetimeField registration={register("tokenLifetime", { valueAsNumber: true })} error={errors.tokenLifetime} />
      <AdvancedClientFields
        signingAlg={register("tokenSigningAlg")}
        clientId={register("clientId", { onBlur: () => void add.checkClientId() })}
        errors={errors}
      />
    </CreateClientSteps>
  );
}
