"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { RoleWithUsage } from "@/lib/roles/list-roles-with-usage";
import { DeleteRoleButton } from "./delete-role-button";
import { EditRoleDialog } from "./edit-role-dialog";

export function RoleRowActions({ tenantSlug, role }: { tenantSlug: string; role: RoleWithUsage }) {
  const [editing, setEditing] = useState(false);

  function stopEditing() {
    setEditing(false);
    // Back to the button that opened the dialog, so keyboard users keep their place.
    requestAnimationFrame(() => document.getElementById(`edit-role-${role.id}`)?.focus());
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <Button id={`edit-role-${role.id}`} variant="secondary" onClick={() => setEditing(true)} aria-label={`Rename ${role.name}`}>
        Rename
      </Button>
      <DeleteRoleButton tenantSlug={tenantSlug} role={role} />
      {editing && <EditRoleDialog tenantSlug={tenantSlug} role={role} onClose={stopEditing} />}
    </div>
  );
}
