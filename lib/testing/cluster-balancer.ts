// HAProxy in front of a test cluster, started with lib/cluster/haproxy.cfg as it is: the
// file takes its addresses from HAProxy's environment. Its stats socket says when HAProxy
// itself counts an instance in or out of rotation.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Instance } from "./cluster-instance";

export const HAPROXY_CONFIG = path.resolve("lib/cluster/haproxy.cfg");
/** Debian's package puts it here; scripts/test.sh installs it. */
export const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";

type ServerName = "a" | "b";

export class Balancer {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly socket: string;
  private readonly logFile: string;

  constructor(private readonly options: { bind: string; servers: Record<ServerName, Instance>; workDir: string }) {
    this.socket = path.join(options.workDir, "haproxy.sock");
    this.logFile = path.join(options.workDir, "haproxy.log");
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const { a, b } = this.options.servers;
    const log = openSync(this.logFile, "a");
    // -db: stay in the foreground, as under systemd's Type=notify it would with -Ws.
    const child = spawn(HAPROXY, ["-db", "-f", HAPROXY_CONFIG], {
      env: {
        PATH: process.env.PATH ?? "",
        // Next's types require it in any environment; HAProxy ignores it.
        NODE_ENV: "production",
        HAPROXY_STATS_SOCKET: this.socket,
        LATCHKEY_BALANCER_BIND: this.options.bind,
        LATCHKEY_INSTANCE_A: a.address,
        LATCHKEY_INSTANCE_A_CHECK_PORT: String(a.options.managementPort),
        LATCHKEY_INSTANCE_B: b.address,
        LATCHKEY_INSTANCE_B_CHECK_PORT: String(b.options.managementPort),
      },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const deadline = Date.now() + 10_000;
    while (!(await this.stats().catch(() => undefined))) {
      if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${readFileSync(this.logFile, "utf8")}`);
      if (Date.now() > deadline) throw new Error(`haproxy did not open its stats socket: ${readFileSync(this.logFile, "utf8")}`);
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    await this.exited;
  }

  /** The backend's servers and HAProxy's view of them ("UP", "DOWN", "UP 1/2", …). */
  async stats(): Promise<Record<string, string>> {
    const csv = await this.command("show stat");
    const [header, ...rows] = csv.trim().split("\n");
    const columns = header!.replace(/^# /, "").split(",");
    const [proxy, server, status] = ["pxname", "svname", "status"].map((name) => columns.indexOf(name));
    const states: Record<string, string> = {};
    for (const row of rows) {
      const fields = row.split(",");
      if (fields[proxy!] === "latchkey" && !["FRONTEND", "BACKEND"].includes(fields[server!]!)) states[fields[server!]!] = fields[status!]!;
    }
    return states;
  }

  /** Until HAProxy reports the server in that state (exactly: "UP 1/2" is neither). */
  async waitFor(server: ServerName, state: "UP" | "DOWN", timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = "";
    while (Date.now() < deadline) {
      seen = (await this.stats())[server] ?? "missing";
      if (seen === state) return;
      await sleep(50);
    }
    throw new Error(`HAProxy did not see server ${server} ${state} within ${timeoutMs} ms (last: ${seen})`);
  }

  private command(line: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const connection = connect(this.socket);
      connection.on("data", (chunk) => chunks.push(chunk));
      connection.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      connection.on("error", reject);
      connection.end(`${line}\n`);
    });
  }
}
