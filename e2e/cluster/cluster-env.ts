// Where the cluster suite (e2e/cluster/) runs: ports from CLUSTER_PORT (the balancer; the
// instances on the next two, their management ports 2,000 above), its own database and
// work directory, so it can run beside the browser suites.
import path from "node:path";
import type { ClusterPorts } from "@/lib/testing/start-cluster";

const BASE_PORT = Number(process.env.CLUSTER_PORT ?? 3240);

export const CLUSTER_PORTS: ClusterPorts = {
  balancer: BASE_PORT,
  a: BASE_PORT + 1,
  b: BASE_PORT + 2,
  managementA: BASE_PORT + 2001,
  managementB: BASE_PORT + 2002,
};

export const CLUSTER_DATABASE_URL = process.env.CLUSTER_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latchkey_cluster_test";

export const CLUSTER_WORK_DIR = path.resolve(process.env.CLUSTER_WORK_DIR ?? `data/cluster-${BASE_PORT}`);
