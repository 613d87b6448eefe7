// Compiles the production server (lib/server/main.ts and what it imports from lib/) into
// one ES module next to Next's build, so `npm start` runs plain Node: no TypeScript loader
// and its esbuild helper in every server process (about 80 MB less memory across them).
// Packages stay in node_modules; `@/` and `server-only` resolve as tsconfig.node.json says.
import { build } from "esbuild";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const outdir = path.join(process.env.NEXT_DIST_DIR || ".next", "latchkey");

// The build knows its migrations (lib/db/known-migrations.ts): a database a newer build
// migrated is refused at start, and /readyz names the ones `npm run db:migrate` has yet to apply.
const migrations = (folder) =>
  readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
const knownMigrations = { sqlite: migrations("prisma/migrations"), postgres: migrations("prisma/postgres/migrations") };

await build({
  entryPoints: { server: "lib/server/main.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  // The cluster's primary loads only what it needs; the workers' code (Next.js, the
  // database, oidc-provider) is a chunk it never imports.
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  packages: "external",
  tsconfig: "tsconfig.node.json",
  sourcemap: true,
  logLevel: "warning",
  define: { __LATCHKEY_MIGRATIONS__: JSON.stringify(knownMigrations) },
  // ESM has no require(); a few bundled CommonJS-style helpers still ask for it.
  banner: { js: "import { createRequire as __latchkeyRequire } from 'node:module'; const require = __latchkeyRequire(import.meta.url);" },
});
console.log(`Server compiled to ${outdir}/server.mjs`);
