// One Latchkey instance of a test cluster, started as `npm start` starts it
// (NODE_ENV=production node .next/latchkey/server.mjs) in its own process group, so a
// kill -9 takes its worker processes too, as a crashed machine would.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type InstanceEnv = Record<string, string>;

export type InstanceOptions = { name: string; port: number; managementPort: number; dataDir: string; distDir: string; env: InstanceEnv };

export type Exit = { code: number | null; signal: NodeJS.Signals | null; afterMs: number };

export class Instance {
  private child?: ChildProcess;
  private exited?: Promise<Exit>;
  private signalledAt = 0;

  constructor(readonly options: InstanceOptions) {}

  get name(): string {
    return this.options.name;
  }

  /** Its own public port, for requests that must reach this instance and no other. */
  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get managementUrl(): string {
    return `http://127.0.0.1:${this.options.managementPort}`;
  }

  get logFile(): string {
    return path.join(this.options.dataDir, "server.log");
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`instance ${this.name} is already running`);
    const { port, managementPort, dataDir, distDir, env } = this.options;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Appended to, so a restart's lines follow the previous run's.
    const log = openSync(this.logFile, "a");
    const child = spawn(process.execPath, [path.join(distDir, "latchkey", "server.mjs")], {
      env: {
        PATH: process.env.PATH ?? "",
        ...env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(port),
        HOST: "127.0.0.1",
        LATCHKEY_DATA_DIR: dataDir,
        LATCHKEY_MANAGEMENT_PORT: String(managementPort),
      },
      detached: true,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal, afterMs: this.signalledAt ? Date.now() - this.signalledAt : 0 })),
    );
  }

  /** Until GET /readyz answers 200 on the management port. */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`instance ${this.name} exited before it was ready; its log:\n${this.tail()}`);
      try {
        const response = await fetch(`${this.managementUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      await sleep(100);
    }
    throw new Error(`instance ${this.name} was not ready within ${timeoutMs} ms (${last}); its log:\n${this.tail()}`);
  }

  /** SIGTERM, as systemd and orchestrators stop a service; resolves with how it exited. */
  async stop(): Promise<Exit> {
    if (!this.running) throw new Error(`instance ${this.name} is not running`);
    this.signalledAt = Date.now();
    this.child!.kill("SIGTERM");
    return this.exited!;
  }

  /** kill -9 of the whole process group: no handler runs, nothing is flushed. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.signalledAt = Date.now();
    try {
      process.kill(-this.child!.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** The last lines of its log, for failure messages. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }
}
