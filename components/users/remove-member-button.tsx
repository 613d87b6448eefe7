"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { removeMemberAction } from "@/lib/actions/remove-member-action";

/**
 * Removal is confirmed first. The only Account Administrator is not offered it (the reason
 * stands next to the disabled button); the server refuses it regardless.
 */
export function RemoveMemberButton({
  tenantSlug,
  member,
  isSelf,
  onlyAdministrator,
}: {
  tenantSlug: string;
  member: { userId: string; email: string };
  isSelf: boolean;
  onlyAdministrator: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  const reasonId = useId();
  const removal = useConfirmedAction(
    () => removeMemberAction(tenantSlug, { userId: member.userId }),
    () => {
      toast("success", `${member.email} was removed from this tenant`);
      // Having left, this tenant's pages answer "not found" for us.
      if (isSelf) router.push("/");
    },
  );

  if (onlyAdministrator) {
    return (
      <>
        <Button variant="secondary" disabled aria-label={`Remove ${member.email}`} aria-describedby={reasonId}>
          Remove
        </Button>
        <p id={reasonId} className="basis-full text-xs text-slate-600 sm:text-right">
          {isSelf ? "You are" : "They are"} the only Account Administrator: give another member that role first.
        </p>
      </>
    );
  }

  return (
    <>
      <Button variant="secondary" onClick={removal.show} aria-label={`Remove ${member.email}`}>
        Remove
      </Button>
      {removal.open && (
        <ConfirmDialog
          title={isSelf ? "Leave this tenant?" : `Remove ${member.email}?`}
          confirmLabel={isSelf ? "Leave tenant" : "Remove member"}
          pending={removal.pending}
          error={removal.error}
          onConfirm={removal.confirm}
          onCancel={removal.cancel}
        >
          {isSelf ? (
            <p>You will lose access to this tenant at once. Another Account Administrator can add you again.</p>
          ) : (
            <p>
              {member.email} loses access to this tenant at once, with all their roles here. Their sign-in to other tenants is not affected. You can add them
              again later.
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
