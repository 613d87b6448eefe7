"use client";

import { useEffect, useState } from "react";
import type { SecretPolicy } from "@/components/secrets/secret-fields";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import type { TClientType } from "@/lib/validation/client";
import type { TClientNamePolicy } from "@/lib/validation/tenant-settings";
import type { EnvironmentOption } from "./client-fields";
import { ClientTypePicker } from "./client-type-picker";
import { CreateAuthorizationCodeForm } from "./create-authorization-code-form";
import { CreateClientCredentialsForm } from "./create-client-credentials-form";
import { CreateHybridClientForm } from "./create-hybrid-client-form";
import { draftedClientType, rememberDraftedClientType } from "./use-add-client";

/** What every type's form needs: the tenant's environments and policies (the domain enforces them again). */
export type CreateFormProps = {
  tenantSlug: string;
  environments: EnvironmentOption[];
  settings: SecretPolicy & { clientNamePolicy: TClientNamePolicy | null };
};

/**
 * Add a client: the type first, then that type's form. Without a type in the URL, the type
 * of a draft this tab kept (use-add-client.ts) is shown again, with the draft.
 */
export function CreateClientForm({
  initialType,
  typeInUrl,
  roles,
  ...props
}: CreateFormProps & { initialType: TClientType; typeInUrl: boolean; roles: RoleOption[] }) {
  const [type, setType] = useState(initialType);

  function choose(next: TClientType) {
    setType(next);
    rememberDraftedClientType(props.tenantSlug, next);
    // Keeps the choice on reload and in shared links, without a round trip to the server.
    window.history.replaceState(null, "", `?type=${next}`);
  }

  // After hydration: the server cannot know this tab's draft.
  useEffect(() => {
    const drafted = typeInUrl ? null : draftedClientType(props.tenantSlug);
    if (drafted && drafted !== initialType) choose(drafted);
    // Once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div className="space-y-6">
      <ClientTypePicker value={type} onChange={choose} />
      {type === "client-credentials" && <CreateClientCredentialsForm {...props} roles={roles} />}
      {type === "authorization-code" && <CreateAuthorizationCodeForm {...props} />}
      {type === "hybrid" && <CreateHybridClientForm {...props} />}
    </div>
  );
}
