import cluster from "node:cluster";
import Database from "better-sqlite3";
import { logger, messageOf } from "@/lib/logging/logger";

/**
 * SQLite's WAL checkpoint, off the workers' event loops. By default the connection whose
 * commit takes the WAL past 1,000 pages copies them into the database there and then:
 * 17 to 25 ms of a worker's event loop, every tenth "last used" chunk of a 100,000-device
 * tenant (measured on data/bench-token.db), while every request waited. A cluster's
 * workers therefore never checkpoint (checkpointsElsewhere), and the primary, which serves
 * no requests, checkpoints every second (startSqliteCheckpoints). A lone process (one
 * worker, development) keeps SQLite's own. The CLI's connections, in their own processes,
 * keep it too.
 */
export function checkpointsElsewhere(): boolean {
  return cluster.isWorker;
}

const INTERVAL_MS = 1_000;

/** Checkpoints `file` every second, passively (never waiting for a reader or a writer). */
export function startSqliteCheckpoints(file: string): () => void {
  let connection: Database.Database | undefined;
  let failing = false;
  const checkpoint = () => {
    try {
      // The file is made by the first worker's migration: until then, nothing to do.
      connection ??= new Database(file, { fileMustExist: true });
      connection.pragma("wal_checkpoint(PASSIVE)");
      failing = false;
    } catch (error) {
      const missing = (error as { code?: unknown }).code === "SQLITE_CANTOPEN";
      if (!missing && !failing) logger.warn({ error: messageOf(error) }, "could not checkpoint the SQLite database; trying again every second");
      failing = !missing;
    }
  };
  const timer = setInterval(checkpoint, INTERVAL_MS).unref();
  return () => {
    clearInterval(timer);
    connection?.close();
  };
}
