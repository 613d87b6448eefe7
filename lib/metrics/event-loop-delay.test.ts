import { register } from "prom-client";
import { expect, test } from "vitest";
import { monitorEventLoop } from "./event-loop-delay";

const NAMES = ["latchkey_event_loop_delay_p99_seconds", "latchkey_event_loop_delay_max_seconds"];

async function delays() {
  const metrics = await register.getMetricsAsJSON();
  const value = (name: string) => metrics.find((m) => m.name === name)?.values[0]?.value ?? NaN;
  return {
    p99: value(NAMES[0]!),
    max: value(NAMES[1]!),
    aggregators: NAMES.map((name) => (metrics.find((m) => m.name === name) as { aggregator?: string })?.aggregator),
  };
}

function block(milliseconds: number) {
  const until = performance.now() + milliseconds;
  while (performance.now() < until);
}

test("each scrape reports the event-loop delay since the previous one, so a stall shows in its window only", async () => {
  monitorEventLoop();
  await delays(); // opens a window
  // Node's reset drops the monitor's interval under way: the stall comes after its next tick.
  await new Promise((resolve) => setTimeout(resolve, 10));
  block(300);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const stalled = await delays();
  expect(stalled.max).toBeGreaterThanOrEqual(0.25);
  expect(stalled.p99).toBeGreaterThan(0);
  // Across a cluster the primary keeps the worst worker's figures, not their average.
  expect(stalled.aggregators).toEqual(["max", "max"]);
  // The next window did not see that stall (a busy machine may delay it too, never by 300 ms).
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await delays()).max).toBeLessThan(0.25);
});
