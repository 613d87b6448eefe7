"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldPath } from "react-hook-form";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import { TOKEN_LIFETIME, withClientNamePolicy, ZCreateClientCredentialsClient, type TCreateClientCredentialsClient } from "@/lib/validation/client";
import { defaultSecretExpiry } from "@/lib/validation/secret";
import { ClientIdField, ClientNameField, EnvironmentField, TokenLifetimeField } from "./client-fields";
import type { CreateFormProps } from "./create-client-form";
import { CreateClientSteps } from "./create-client-steps";

type Values = TCreateClientCredentialsClient;
const CLIENT_FIELDS: FieldPath<Values>[] = ["name", "environmentId", "clientId", "roleIds", "tokenLifetime"];

/** Client-credentials: name, environment, roles, token lifetime, then the first secret. */
export function CreateClientCredentialsForm({ tenantSlug, environments, settings, roles }: CreateFormProps & { roles: RoleOption[] }) {
  const form = useForm<Values>({
    resolver: zodResolver(withClientNamePolicy(ZCreateClientCredentialsClient, settings.clientNamePolicy)),
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: {
      type: "client-credentials",
      name: "",
      clientId: "",
      environmentId: environments[0]?.id,
      roleIds: [],
      tokenLifetime: TOKEN_LIFETIME.default,
      secret: { description: "", expires: defaultSecretExpiry(new Date(), settings.maxSecretLifetimeDays) },
    },
  });
  const { register, formState } = form;
  const errors = formState.errors;

  return (
    <CreateClientSteps tenantSlug={tenantSlug} form={form} clientFields={CLIENT_FIELDS} secretPolicy={settings}>
      <ClientNameField registration={register("name")} error={errors.name} namePolicy={settings.clientNamePolicy} />
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
      <ClientIdField registration={register("clientId")} error={errors.clientId} />
    </CreateClientSteps>
  );
}
