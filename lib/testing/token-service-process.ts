// The token service (lib/testing/start-token-service.ts) in a process of its own, on the
// database `env` names: an installation a test can back up, restore and kill while it serves.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const SCRIPT = `import { startTokenService } from ${JSON.stringify(path.resolve("lib/testing/start-token-service.ts"))};
const service = await startTokenService();
console.log(JSON.stringify({ issuer: service.issuer }));
process.on("SIGTERM", () => service.close().then(() => process.exit(0)));`;

export type TokenServiceProcess = { issuer: string; child: ChildProcess; stop(): Promise<void> };

export async function startTokenServiceProcess(env: Record<string, string | undefined>): Promise<TokenServiceProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "latchkey-token-process-"));
  const script = path.join(dir, "serve.mts");
  writeFileSync(script, SCRIPT);
  // Node itself with tsx's loader (not the tsx command, whose child would outlive a kill).
  const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.node.json", ...env } });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const issuer = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const line = stdout.split("\n").find((text) => text.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    child.once("exit", (code) => reject(new Error(`the token service process exited (${code}) before serving:\n${stderr}`)));
  });
  return {
    issuer,
    child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
