import Link from "next/link";
import type { SameName } from "./use-new-client-checks";

/** Seed 003 asks only for a name, so a second client of the same name is allowed, but said. */
export function SameNameWarning({ tenantSlug, sameName }: { tenantSlug: string; sameName: SameName }) {
  const link = (
    <Link href={`/t/${tenantSlug}/clients/${sameName.clientId}`} className="font-medium underline">
      {sameName.name}
    </Link>
  );
  return (
    <>
      {sameName.count > 1 ? (
        <>
          {sameName.count} clients named “{link}” already exist in this tenant.
        </>
      ) : (
        <>A client named “{link}” already exists in this tenant.</>
      )}{" "}
      You can still add this one; a clear, distinct name helps tell them apart later.
    </>
  );
}
