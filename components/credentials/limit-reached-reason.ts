/**
 * Why a client's Secrets or Keys tab cannot add another (null while it can): short, as it
 * stands next to every disabled add button.
 */
export function limitReachedReason(count: number, max: number, plural: "secrets" | "keys"): string | null {
  return count >= max ? `${count} of ${max} ${plural}: delete one first.` : null;
}
