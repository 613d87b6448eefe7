import "server-only";
import { databaseKind } from "@/lib/db/database-url";

const POSTGRES = databaseKind(process.env) === "postgres";

/**
 * A Prisma "contains" filter that ignores letter case on both databases. SQLite's LIKE
 * already does (for ASCII); PostgreSQL needs `mode: "insensitive"` (ILIKE), which the
 * SQLite client's types that the domain is written against do not know. For columns
 * without a lower-cased copy (like Client.nameSearch), e.g. the audit log's labels.
 */
export function containsIgnoringCase(text: string): { contains: string } {
  return (POSTGRES ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}
