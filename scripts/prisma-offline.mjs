// Runs the Prisma CLI offline. Prisma 6 looks for its native engines before running even
// when prisma.config.ts selects the JavaScript engine; pointing these variables at any
// existing file stops it from trying to download them from Prisma's CDN.
import { execFileSync } from "node:child_process";

export function runPrisma(args) {
  execFileSync("prisma", args, {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? "package.json",
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "package.json",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) runPrisma(process.argv.slice(2));
