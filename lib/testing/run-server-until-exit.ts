// `npm start`'s entry point as a real process (under tsx, so no build is needed), for tests
// of a start that must fail: it runs until it exits (killed after a minute) on free ports
// and a data directory of its own.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export type ServerExit = { code: number | null; stdout: string; stderr: string };

export async function runServerUntilExit(settings: { DATABASE_URL: string; LATCHKEY_WORKERS: string }): Promise<ServerExit> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchkey-start-"));
  const [port, managementPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ["--import", "tsx", "lib/server/main.ts"], {
    env: {
      ...process.env,
      ...settings,
      NODE_ENV: "production",
      TSX_TSCONFIG_PATH: "tsconfig.node.json",
      LATCHKEY_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      LATCHKEY_MANAGEMENT_PORT: String(managementPort),
      LATCHKEY_BASE_URL: `http://127.0.0.1:${port}`,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true });
  return { code, stdout, stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
