import cluster from "node:cluster";

// Within one instance the workers learn each other's blocks at once, through the cluster's
// primary, instead of at their next read of the database (auth-failure-limiter.ts): the
// instance as a whole holds the block from the failure that reached the limit.
type BlockMessage = { latchkey: "auth-block"; key: string; until: number };

function isBlockMessage(message: unknown): message is BlockMessage {
  return (message as BlockMessage | undefined)?.latchkey === "auth-block";
}

/** In a worker: tells the others (through the primary) of a block this worker counted. */
export function announceBlock(key: string, until: number): void {
  if (cluster.isWorker) process.send?.({ latchkey: "auth-block", key, until } satisfies BlockMessage);
}

/** In a worker: calls `block` for each block another worker announces. */
export function takeUpAnnouncedBlocks(block: (key: string, until: number) => void): () => void {
  if (!cluster.isWorker) return () => undefined;
  const listener = (message: unknown) => {
    if (isBlockMessage(message)) block(message.key, message.until);
  };
  process.on("message", listener);
  return () => process.off("message", listener);
}

/** In the cluster's primary: passes each worker's blocks on to the others. */
export function relayBlocksBetweenWorkers(): void {
  cluster.on("message", (from, message: unknown) => {
    if (!isBlockMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      // One that is stopping may be gone already: it needs no block, and its error is no fault.
      if (worker && worker !== from && worker.isConnected()) worker.send(message, undefined, () => undefined);
    }
  });
}
