"use client";

import { useRouter } from "next/navigation";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { removeMemberAction } from "@/lib/actions/remove-member-action";

/** Removal is confirmed first; the server refuses to remove the last Account Administrator. */
export function RemoveMemberButton({ tenantSlug, member, isSelf }: { tenantSlug: string; member: { userId: string; email: string }; isSelf: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const removal = useConfirmedAction(
    () => removeMemberAction(tenantSlug, { userId: member.userId }),
    () => {
      toast("success", `${member.email} was removed from this tenant`);
      // Having left, this tenant's pages answer "not found" for us.
      if (isSelf) router.push("/");
    },
  );

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
