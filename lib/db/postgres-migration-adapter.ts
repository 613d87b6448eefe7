// Migration-time only. @prisma/adapter-pg 6.19 cannot deserialize the catalog types
// `name` (OID 19) and `char` (OID 18) that `prisma migrate deploy` reads, failing with
// "Column type 'name' could not be deserialized". Reporting those columns as text (OID 25)
// lets migrations run; application queries never select catalog columns, so the app
// uses the adapter unpatched.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const CATALOG_TYPES_AS_TEXT = new Set([18, 19]);

class CatalogTextPool extends pg.Pool {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    if (!result || typeof result.then !== "function") return result;
    return result.then((res: pg.QueryResult) => {
      for (const field of res?.fields ?? []) {
        if (CATALOG_TYPES_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = 25;
      }
      return res;
    });
  }
}

export function migrationAdapter(connectionString: string) {
  // allowExitOnIdle: otherwise the idle pool keeps `migrate deploy` alive for 10 s after it is done.
  return new PrismaPg(new CatalogTextPool({ connectionString, allowExitOnIdle: true }));
}
