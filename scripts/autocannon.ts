// autocannon (the benchmarks' load generator), with its programmatic API typed as far as
// the benchmarks use it (version 9); it ships no types of its own.
import { createRequire } from "node:module";

type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  /** Stop after this many requests in all (duration no longer applies). */
  amount?: number;
  requests: (AutocannonRequest & { setupRequest?: (request: AutocannonRequest) => AutocannonRequest })[];
};
export type AutocannonResult = {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  latency: { p50: number; p99: number };
  statusCodeStats: Record<string, { count: number }>;
};
export type AutocannonInstance = PromiseLike<AutocannonResult> & {
  stop(): void;
  on(event: "response", listener: (client: unknown, statusCode: number) => void): void;
};

export const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => AutocannonInstance;
