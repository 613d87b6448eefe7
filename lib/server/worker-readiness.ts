import cluster, { type Worker } from "node:cluster";
import { messageOf } from "@/lib/logging/logger";
import type { Readiness } from "./management-listener";

// The cluster's primary answers /readyz by asking every worker: each knows whether its own
// database connection, signing keys and shutdown state are fine.
type Question = { latchkey: "readiness?"; id: number };
type Answer = { latchkey: "readiness"; id: number; readiness: Readiness };

const ANSWER_TIMEOUT_MS = 2_000;
let lastId = 0;

/** In a worker: answers the primary's readiness questions with `check`. */
export function answerReadinessQuestions(check: () => Promise<Readiness>): void {
  process.on("message", (message: Question) => {
    if (message?.latchkey !== "readiness?") return;
    void check()
      .catch((error: unknown): Readiness => ({ ready: false, reason: messageOf(error) }))
      .then((readiness) => process.send?.({ latchkey: "readiness", id: message.id, readiness } satisfies Answer));
  });
}

/** In the primary: the workers still connected to it. */
export function liveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker?.isConnected());
}

/** In the primary: ready when every running worker says so (and there is one). */
export async function askWorkersReadiness(): Promise<Readiness> {
  const workers = liveWorkers();
  if (workers.length === 0) return { ready: false, reason: "no server process is running" };
  const answers = await Promise.all(workers.map(askWorker));
  return answers.find((answer) => !answer.ready) ?? { ready: true };
}

function askWorker(worker: Worker): Promise<Readiness> {
  const id = ++lastId;
  return new Promise((resolve) => {
    const done = (readiness: Readiness) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      resolve(readiness);
    };
    const onMessage = (message: Answer) => {
      if (message?.latchkey === "readiness" && message.id === id) done(message.readiness);
    };
    const timer = setTimeout(
      () => done({ ready: false, reason: `server process ${worker.process.pid} did not answer within ${ANSWER_TIMEOUT_MS} ms` }),
      ANSWER_TIMEOUT_MS,
    );
    worker.on("message", onMessage);
    try {
      worker.send({ latchkey: "readiness?", id } satisfies Question);
    } catch (error) {
      done({ ready: false, reason: messageOf(error) });
    }
  });
}
