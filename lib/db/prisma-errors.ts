// Prisma's error codes for constraint failures, the same on SQLite and PostgreSQL.

/** "Unique constraint failed" (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaErrorCode(error) === "P2002";
}

/** "Foreign key constraint failed" (P2003). */
export function isForeignKeyViolation(error: unknown): boolean {
  return prismaErrorCode(error) === "P2003";
}

function prismaErrorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
}
