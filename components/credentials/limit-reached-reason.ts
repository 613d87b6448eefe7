/** Why a client's Secrets or Keys tab cannot add another (null while it can). */
export function limitReachedReason(count: number, max: number, plural: "secrets" | "keys"): string | null {
  return count >= max ? `This client has the maximum of ${max} ${plural}. Delete one before adding another.` : null;
}
