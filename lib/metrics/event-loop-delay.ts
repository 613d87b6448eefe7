// How long the event loop was kept from turning, per process, at a millisecond's resolution:
// prom-client's default monitor samples every 10 ms and averages the workers' p99 over the
// cluster, which hides the one worker a synchronous database call or a cache rebuild holds up.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Gauge } from "prom-client";

/** Fine enough to see a 5 ms stall (the token service's budget for background work). */
const RESOLUTION_MS = 1;

/**
 * Starts the monitor and registers its gauges. Each scrape reports the delay since the
 * previous scrape and starts a new window (as prom-client's own event-loop figures do), so a
 * benchmark reads it once before and once after its measured window (Node's reset drops
 * the one interval under way at the scrape). Across a cluster the
 * worst worker counts (aggregator "max"): one blocked worker is what its clients feel.
 */
export function monitorEventLoop(): void {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const seconds = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? nanoseconds / 1e9 : 0);
  new Gauge({
    name: "latchkey_event_loop_delay_max_seconds",
    help: `Longest event-loop delay since the previous scrape (${RESOLUTION_MS} ms resolution), worst process`,
    aggregator: "max",
    // One collect sets both gauges and starts the next window: p99's own read comes after
    // this one, registered first, has run, and a window with no sample yet delayed nothing.
    collect() {
      const empty = histogram.count === 0;
      this.set(empty ? 0 : seconds(histogram.max));
      p99.set(empty ? 0 : seconds(histogram.percentile(99)));
      histogram.reset();
    },
  });
  const p99 = new Gauge({
    name: "latchkey_event_loop_delay_p99_seconds",
    help: `99th percentile of the event-loop delay since the previous scrape (${RESOLUTION_MS} ms resolution), worst process`,
    aggregator: "max",
  });
}
