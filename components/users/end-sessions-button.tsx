"use client";

import { useRouter } from "next/navigation";
import { useConfirmedAction } from "@/components/forms/use-confirmed-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { endMemberSessionsAction } from "@/lib/actions/end-member-sessions-action";

/** Ends every portal session of a member (in all their tenants), after a confirmation. */
export function EndSessionsButton({ tenantSlug, member, isSelf }: { tenantSlug: string; member: { userId: string; email: string }; isSelf: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const ending = useConfirmedAction(
    () => endMemberSessionsAction(tenantSlug, { userId: member.userId }),
    (result) => {
      const count = result.ended === 1 ? "1 session" : `${result.ended} sessions`;
      toast("success", `${member.email} was signed out everywhere (${count} ended)`);
      // Our own session was one of them: the next page asks us to sign in.
      if (isSelf) router.refresh();
    },
  );

  return (
    <>
      <Button variant="secondary" onClick={ending.show} aria-label={`Sign out everywhere: ${member.email}`}>
        Sign out everywhere
      </Button>
      {ending.open && (
        <ConfirmDialog
          title={isSelf ? "Sign yourself out everywhere?" : `Sign out ${member.email} everywhere?`}
          confirmLabel="Sign out everywhere"
          pending={ending.pending}
          error={ending.error}
          onConfirm={ending.confirm}
          onCancel={ending.cancel}
        >
          <p>
            {isSelf ? "Every browser you are signed in with" : `Every browser ${member.email} is signed in with`} is signed out at once, of this portal and of
            the applications that sign in through Latchkey, in every tenant. Signing in again works as before; to take access away, remove the member.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
