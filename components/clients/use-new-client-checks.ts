"use client";

import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { checkNewClientAction } from "@/lib/actions/check-new-client-action";
import type { NewClientCheck } from "@/lib/clients/check-new-client";
import { CLIENT_ID_IN_USE, type TCheckNewClient } from "@/lib/validation/client";

export type SameName = NonNullable<NewClientCheck["sameName"]>;

type Checked = { name: string; clientId?: string };

/**
 * The Add client form's early checks, each asked of the server when its field is left:
 * a Client Id already in use is an error at the field; a name the tenant already uses is
 * only a warning (sameName). The final Add checks the id again, so a check that could not
 * be asked (offline, session ended) says nothing rather than blocking.
 */
export function useNewClientChecks<T extends FieldValues>(tenantSlug: string, form: UseFormReturn<T>) {
  // react-hook-form's generics cannot follow the two fixed paths through T.
  const f = form as unknown as UseFormReturn<Checked>;
  const [sameName, setSameName] = useState<SameName | null>(null);

  async function ask(input: TCheckNewClient): Promise<NewClientCheck | null> {
    try {
      const result = await checkNewClientAction(tenantSlug, input);
      return result.ok ? result.data : null;
    } catch {
      return null;
    }
  }

  const nameNow = () => (f.getValues("name") ?? "").trim();
  const clientIdNow = () => (f.getValues("clientId") ?? "").trim();

  /** The answer still applies only if the field did not change while the server answered. */
  function apply(answer: NewClientCheck | null, asked: TCheckNewClient): boolean {
    if (!answer) return true;
    if (asked.name !== undefined && asked.name === nameNow()) setSameName(answer.sameName);
    if (answer.clientIdInUse && asked.clientId === clientIdNow()) {
      f.setError("clientId", { type: "in-use", message: CLIENT_ID_IN_USE });
      return false;
    }
    return true;
  }

  async function checkName(): Promise<void> {
    const name = nameNow();
    if (!name) return setSameName(null);
    apply(await ask({ name }), { name });
  }

  async function checkClientId(): Promise<void> {
    const clientId = clientIdNow();
    // An empty id is generated; a malformed one has its own message from the form's schema.
    if (!clientId || !(await f.trigger("clientId"))) return;
    apply(await ask({ clientId }), { clientId });
  }

  /** Both, before the last step (the id may not have been left, e.g. Enter in the field); false when the id is taken. */
  async function checkBeforeLastStep(): Promise<boolean> {
    const asked = { name: nameNow(), clientId: clientIdNow() };
    return apply(await ask(asked), asked);
  }

  return { sameName, checkName, checkClientId, checkBeforeLastStep };
}
