#!/usr/bin/env bash
# Every test suite, on SQLite and on PostgreSQL: `npm test`.
# PostgreSQL comes from LATCHKEY_TEST_POSTGRES_URL (default: the local server). Outside CI
# its suites are skipped, loudly, when no server answers; in CI (CI=true) that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" NEXT_TELEMETRY_DISABLED=1

# What the browser and cluster suites run that npm does not install, from Debian, as CI
# runs as root; elsewhere a clear message names the package.
install_from_debian() {
  local package=$1 binary=$2 variable=$3 purpose=$4
  [ -x "$binary" ] && return
  if [ "$(id -u)" = 0 ]; then
    echo "Installing $package from Debian for $purpose …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "$package is missing: install Debian's $package package (or set $variable)." >&2
    exit 1
  fi
}
install_from_debian chromium "${CHROMIUM_PATH:-/usr/bin/chromium}" CHROMIUM_PATH "the browser tests"
# HAProxy is the load balancer of the cluster suite (PostgreSQL only).
install_from_debian haproxy "${HAPROXY_PATH:-/usr/sbin/haproxy}" HAPROXY_PATH "the cluster tests"

PG_URL="${LATCHKEY_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/latchkey_test}"
export LATCHKEY_TEST_POSTGRES_URL="$PG_URL"
if node scripts/postgres-reachable.mjs "$PG_URL"; then
  WITH_POSTGRES=1
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL, and CI must test it." >&2
  exit 1
else
  WITH_POSTGRES=0
  echo "!! PostgreSQL not reachable at $PG_URL: SKIPPING the PostgreSQL suites (integration and browser)."
fi

# Each step's line says how long the run has taken so far, to keep the whole under 30 minutes.
step() { printf '\n=== %s (at %d min %02d s)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "Format, lint and type check"
prettier --check --log-level warn .
eslint --max-warnings 0 .
tsc --noEmit -p tsconfig.json

step "Unit and integration tests (SQLite$([ $WITH_POSTGRES = 1 ] && echo ' and PostgreSQL'))"
projects=(--project unit --project sqlite)
[ $WITH_POSTGRES = 1 ] && projects+=(--project postgres)
vitest run "${projects[@]}"

step "Production build"
npm run -s build

# Two instances of that build on PostgreSQL behind HAProxy (e2e/cluster/), on their own
# database and ports. Before the browser suites, alone: its figures are timings.
if [ $WITH_POSTGRES = 1 ]; then
  step "Cluster tests: two instances on PostgreSQL behind HAProxy"
  CLUSTER_DATABASE_URL="${PG_URL%/*}/latchkey_cluster_test" playwright test -c e2e/cluster
fi

# The two databases' browser suites run side by side, each with its own port, data
# directory and identity provider (e2e/support/e2e-env.ts): it keeps the whole suite under
# 30 minutes. Each suite's lines carry its database's name; both must pass.
browser_suite() {
  local name=$1 port=$2
  shift 2
  (env E2E_PORT="$port" "$@" playwright test 2>&1; echo "exit=$?" >"data/e2e-$name.rc") | sed -u "s/^/[$name] /"
  grep -qx 'exit=0' "data/e2e-$name.rc"
}
mkdir -p data
if [ $WITH_POSTGRES = 1 ]; then
  step "Browser tests on SQLite and on PostgreSQL, side by side"
  browser_suite sqlite 3210 &
  sqlite_pid=$!
  browser_suite postgres 3220 E2E_DATABASE_URL="${PG_URL%/*}/latchkey_e2e_test" &
  postgres_pid=$!
  status=0
  wait $sqlite_pid || { status=1; echo "!! Browser tests on SQLite failed."; }
  wait $postgres_pid || { status=1; echo "!! Browser tests on PostgreSQL failed."; }
  [ $status = 0 ] || exit 1
else
  step "Browser tests on SQLite"
  playwright test
fi

step "All suites passed"
[ $WITH_POSTGRES = 1 ] || echo "!! Reminder: the PostgreSQL suites were skipped (no server at $PG_URL)."
