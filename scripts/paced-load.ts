// An open-loop load at a steady rate, for bench-token's paced phase: requests leave every
// couple of milliseconds whatever the answers do. autocannon's overallRate is no pace: each
// connection sends its share of a second in one burst at the second's start, then waits, so
// the server sees a queue every second (at a quarter of its throughput, a p99 of 188 ms).
import http from "node:http";

export type PacedLoadOptions = {
  url: string;
  rate: number;
  seconds: number;
  method: string;
  headers: () => Record<string, string>;
  body: string;
  /** Sockets kept open at most (requests beyond them wait for one: the server is behind). */
  connections: number;
};
export type PacedLoadResult = { sent: number; ok: number; failed: number; p50Ms: number; p99Ms: number; seconds: number };

const TICK_MS = 2;
// A request unanswered this long counts as failed: a stalled server must not hang the run.
const TIMEOUT_MS = 10_000;

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const answers: Promise<void>[] = [];
  const send = () => {
    const started = performance.now();
    sent++;
    answers.push(
      new Promise<void>((resolve) => {
        let settled = false;
        const settle = (success: boolean) => {
          if (settled) return;
          settled = true;
          if (success) {
            ok++;
            latencies.push(performance.now() - started);
          } else failed++;
          resolve();
        };
        const request = http.request(options.url, { method: options.method, agent, headers: options.headers(), timeout: TIMEOUT_MS }, (response) => {
          response.resume();
          response.on("end", () => settle(response.statusCode === 200));
          response.on("error", () => settle(false));
        });
        request.on("timeout", () => request.destroy(new Error("timed out")));
        request.on("error", () => settle(false));
        request.end(options.body);
      }),
    );
  };
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      const due = Math.min(Math.floor(elapsed * options.rate), Math.round(options.seconds * options.rate));
      while (sent < due) send();
      if (elapsed >= options.seconds) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(answers);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))]! * 10) / 10 : 0;
  return { sent, ok, failed, p50Ms: percentile(50), p99Ms: percentile(99), seconds };
}
