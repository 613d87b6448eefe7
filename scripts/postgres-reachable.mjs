// Exit 0 when a PostgreSQL server answers at the URL's host (its `postgres` database).
import pg from "pg";

const url = new URL(process.argv[2]);
url.pathname = "/postgres";
const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query("select 1");
  await client.end();
} catch {
  process.exit(1);
}
