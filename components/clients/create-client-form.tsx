"use client";

import { useState } from "react";
import type { SecretPolicy } from "@/components/secrets/secret-fields";
import type { RoleOption } from "@/lib/roles/list-tenant-roles";
import type { TClientType } from "@/lib/validation/client";
import type { TClientNamePolicy } from "@/lib/validation/tenant-settings";
import type { EnvironmentOption } from "./client-fields";
import { ClientTypePicker } from "./client-type-picker";
import { CreateAuthorizationCodeForm } from "./create-authorization-code-form";
import { CreateClientCredentialsForm } from "./create-client-credentials-form";
import { CreateHybridClientForm } from "./create-hybrid-client-form";

/** What every type's form needs: the tenant's environments and policies (the domain enforces them again). */
export type CreateFormProps = {
  tenantSlug: string;
  environments: EnvironmentOption[];
  settings: SecretPolicy & { clientNamePolicy: TClientNamePolicy | null };
};

/** Add a client: the type first, then that type's form. */
export function CreateClientForm({ initialType, roles, ...props }: CreateFormProps & { initialType: TClientType; roles: RoleOption[] }) {
  const [type, setType] = useState(initialType);

  function choose(next: TClientType) {
    setType(next);
    // Keeps the choice on reload and in shared links, without a round trip to the server.
    window.history.replaceState(null, "", `?type=${next}`);
  }

  return (
    <div className="space-y-6">
      <ClientTypePicker value={type} onChange={choose} />
      {type === "client-credentials" && <CreateClientCredentialsForm {...props} roles={roles} />}
      {type === "authorization-code" && <CreateAuthorizationCodeForm {...props} />}
      {type === "hybrid" && <CreateHybridClientForm {...props} />}
    </div>
  );
}
