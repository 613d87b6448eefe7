// A Latchkey cluster on loopback, run the way an operator runs one: a fresh PostgreSQL
// database migrated as `npm run db:migrate` does, two instances of the production build
// started as `npm start` starts them (each its own port, data directory and management
// port; the same database, secrets and public URL), and HAProxy in front, configured by
// lib/cluster/haproxy.cfg, the README's example. Used by the cluster suite
// (e2e/cluster/) and `npm run bench:cluster`.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { resetTestDatabase } from "./reset-test-database";
import { Balancer } from "./cluster-balancer";
import { Instance, type InstanceEnv } from "./cluster-instance";

export { Balancer, Instance };

export type ClusterPorts = { balancer: number; a: number; b: number; managementA: number; managementB: number };

export type ClusterOptions = {
  /** A local test database: wiped and migrated, unless `installation` is given. */
  databaseUrl: string;
  /** The production build's folder (NEXT_DIST_DIR), `.next` unless a benchmark built its own. */
  distDir?: string;
  ports: ClusterPorts;
  /** Where the instances' data directories, logs and HAProxy's socket go (emptied first). */
  workDir: string;
  /** More settings for both instances (e.g. LATCHKEY_DEV_SIGNIN, limits). */
  env?: InstanceEnv;
  /** The database and secrets of an installation already set up (the database is then left as it is). */
  installation?: Installation;
};

/** What every instance of one installation, and its CLI, share. */
export type Installation = { DATABASE_URL: string; NEXTAUTH_SECRET: string; LATCHKEY_KEY_ENCRYPTION_KEY: string };

/** A new installation's shared settings: its database and fresh secrets. */
export function newInstallation(databaseUrl: string): Installation {
  return {
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    LATCHKEY_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64url"),
  };
}

export type Cluster = {
  /** The balancer's URL: every instance's LATCHKEY_BASE_URL. */
  baseUrl: string;
  issuer: string;
  a: Instance;
  b: Instance;
  balancer: Balancer;
  /** What the CLI and seeding scripts need to work on the same installation. */
  sharedEnv: InstanceEnv;
  stop(): Promise<void>;
};

/**
 * Above HAProxy's inter × fall (500 ms × 2, lib/cluster/haproxy.cfg), with room for a
 * check that was just sent: the instance leaves rotation before it stops accepting.
 */
export const SHUTDOWN_DELAY_MS = 2_000;

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { ports, workDir } = options;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true, mode: 0o700 });
  if (!options.installation) await resetTestDatabase(options.databaseUrl);

  const baseUrl = `http://127.0.0.1:${ports.balancer}`;
  const sharedEnv: InstanceEnv = { ...(options.installation ?? newInstallation(options.databaseUrl)), LATCHKEY_BASE_URL: baseUrl };
  const instanceEnv: InstanceEnv = {
    ...sharedEnv,
    LATCHKEY_TRUST_PROXY: "1",
    LATCHKEY_WORKERS: "1",
    LATCHKEY_SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
    ...options.env,
  };
  const distDir = options.distDir ?? ".next";
  const a = new Instance({ name: "a", port: ports.a, managementPort: ports.managementA, dataDir: path.join(workDir, "a"), distDir, env: instanceEnv });
  const b = new Instance({ name: "b", port: ports.b, managementPort: ports.managementB, dataDir: path.join(workDir, "b"), distDir, env: instanceEnv });
  const balancer = new Balancer({ bind: `127.0.0.1:${ports.balancer}`, servers: { a, b }, workDir });
  const stop = async () => {
    await Promise.all([balancer.stop(), a.kill(), b.kill()]);
  };
  try {
    // Side by side, also on a fresh database: one of them creates the signing keys, the
    // other waits for them (lib/oauth/signing-keys.ts claims that setup once).
    a.start();
    b.start();
    await Promise.all([a.waitReady(), b.waitReady()]);
    await balancer.start();
    await Promise.all([balancer.waitFor("a", "UP"), balancer.waitFor("b", "UP")]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, issuer: `${baseUrl}/identity`, a, b, balancer, sharedEnv, stop };
}
