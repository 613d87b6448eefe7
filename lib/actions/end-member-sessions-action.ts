"use server";

import { endMemberSessions } from "@/lib/users/end-member-sessions";
import { ZEndMemberSessions } from "@/lib/validation/user";
import { tenantAction } from "./tenant-action";

export const endMemberSessionsAction = tenantAction({
  schema: ZEndMemberSessions,
  requireAdministrator: true,
  run: (ctx, input) => endMemberSessions(ctx, input),
});
