"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useController, useForm, type FieldPath, type Resolver } from "react-hook-form";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import { TOKEN_LIFETIME, withClientNamePolicy, ZCreateClientCredentialsClient, type TCreateClientCredentialsClient } from "@/lib/validation/client";
import { withPrivateKeyRefusal } from "@/lib/validation/client-key";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { AdvancedClientFields, ClientNameField, EnvironmentField, TokenLifetimeField } from "./client-fields";
import type { CreateFormProps } from "./create-client-form";
import { CreateClientSteps } from "./create-client-steps";
import { SameNameWarning } from "./same-name-warning";
import { SecurityTypeField } from "./security-type-field";
import { useAddClient } from "./use-add-client";

type Values = TCreateClientCredentialsClient;
// The Client step's fields in page order; also all that a draft keeps (never the secret or key).
const CLIENT_FIELDS = [
  "name",
  "securityType",
  "environmentId",
  "roleIds",
  "tokenLifetime",
  "tokenSigningAlg",
  "clientId",
] as const satisfies FieldPath<Values>[];

/**
 * The form keeps both a secret and a public key so that switching the security type back
 * and forth loses nothing; only the chosen one is checked and sent.
 */
function onlyChosenCredential({ secret, publicKey, ...values }: Values): Values {
  return values.securityType === "signed-jwt" ? { ...values, publicKey } : { ...values, secret };
}

/** Client-credentials: name, security type, environment, roles, token lifetime, then the first secret or public key. */
export function CreateClientCredentialsForm({ tenantSlug, environments, settings, roles }: CreateFormProps & { roles: RoleOption[] }) {
  const resolver = zodResolver(withPrivateKeyRefusal(withClientNamePolicy(ZCreateClientCredentialsClient, settings.clientNamePolicy)));
  const form = useForm<Values>({
    resolver: ((values, context, options) => resolver(onlyChosenCredential(values), context, options)) as Resolver<Values>,
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: {
      type: "client-credentials",
      name: "",
      securityType: "client-secret",
      clientId: "",
      environmentId: environments[0]?.id,
      roleIds: [],
      tokenLifetime: TOKEN_LIFETIME.default,
      tokenSigningAlg: "ES256",
      secret: { description: "", expires: defaultSecretExpiry(new Date(), settings.maxSecretLifetimeDays) },
      publicKey: { key: "", description: "" },
    },
  });
  const { register, formState, control } = form;
  const errors = formState.errors;
  const securityType = useController({ control, name: "securityType" }).field;
  const add = useAddClient({
    tenantSlug,
    type: "client-credentials",
    form,
    draftFields: CLIENT_FIELDS,
    choices: { environmentIds: environments.map((e) => e.id), roleIds: roles.map((r) => r.id) },
  });

  return (
    <CreateClientSteps
      tenantSlug={tenantSlug}
      form={form}
      add={add}
      clientFields={CLIENT_FIELDS}
      secretPolicy={settings}
      credential={securityType.value === "signed-jwt" ? "key" : "secret"}
    >
      <ClientNameField
        registration={register("name", { onBlur: () => void add.checkName() })}
        error={errors.name}
        namePolicy={settings.clientNamePolicy}
        warning={add.sameName && <SameNameWarning tenantSlug={tenantSlug} sameName={add.sameName} />}
      />
      <SecurityTypeField value={securityType.value ?? "client-secret"} onChange={securityType.onChange} />
      <EnvironmentField registration={register("environmentId")} error={errors.environmentId} environments={environments} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Roles</legend>
        {roles.map((role) =>
          role.locked ? (
            <label key={role.id} className="flex flex-wrap items-center gap-x-2 text-sm text-slate-700">
              <input type="checkbox" checked disabled aria-describedby="member-role-hint" />
              {role.name}
              <span id="member-role-hint" className="text-xs text-slate-600">
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
        <p className="text-xs text-slate-600">Roles can be changed later on the client’s Roles tab.</p>
      </fieldset>
      <TokenLifetimeField registration={register("tokenLifetime", { valueAsNumber: true })} error={errors.tokenLifetime} />
      <AdvancedClientFields
        signingAlg={register("tokenSigningAlg")}
        clientId={register("clientId", { onBlur: () => void add.checkClientId() })}
        errors={errors}
      />
    </CreateClientSteps>
  );
}
