// The production build the benchmarks measure. It goes to its own folder, never to the
// installation's .next: rebuilding that in place under a live `npm start` from the same
// checkout broke it (pages 404, every server action 500). tsconfig.json already lists
// this folder's types, so `next build` has nothing to add there.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export const BENCH_DIST_DIR = ".next-bench";

/** `npm run build` into BENCH_DIST_DIR; `env` must carry NEXT_DIST_DIR: BENCH_DIST_DIR, as the server's start does. */
export function buildForBench(env: NodeJS.ProcessEnv): void {
  if (env.NEXT_DIST_DIR !== BENCH_DIST_DIR) throw new Error(`The benchmark build goes to ${BENCH_DIST_DIR}, not ${env.NEXT_DIST_DIR ?? ".next"}`);
  // next build points next-env.d.ts at its own folder's types; the checkout's stays on .next.
  const nextEnv = existsSync("next-env.d.ts") ? readFileSync("next-env.d.ts", "utf8") : undefined;
  try {
    execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
  } finally {
    if (nextEnv !== undefined) writeFileSync("next-env.d.ts", nextEnv);
  }
}
