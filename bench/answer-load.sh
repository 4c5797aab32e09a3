#!/usr/bin/env bash
# Answers per second through the real server, against a bare axum handler of the same route
# shape (server/examples/bare_answer.rs) measured in the same run, on SQLite and PostgreSQL:
# release builds, wrk at 50 connections on `PUT /api/v1/responses/{id}/answers/{key}`.
# Prints req/s, p50 and p99 latency, our share of the bare handler, the server's peak RSS
# under the load, and its RSS while it holds 2,000 idle connections.
#
# Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (50), BENCH_RESPONSES (500 responses
# answered in turn), BENCH_IDLE_CONNECTIONS (2000), BENCH_BACKENDS ("sqlite postgres"),
# BENCH_POSTGRES_URL (an admin URL; a scratch database is created and dropped), and
# BENCH_SERVER_BIN: a server binary to measure instead of this tree's, e.g. one built from an
# earlier commit, to compare against a baseline in the same session.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"
ensure_apt wrk
cd "$ROOT"

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
RESPONSES="${BENCH_RESPONSES:-500}"
IDLE="${BENCH_IDLE_CONNECTIONS:-2000}"
BACKENDS="${BENCH_BACKENDS:-sqlite postgres}"
PG_ADMIN="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
OURS=127.0.0.1:3901
BARE=127.0.0.1:3999
export LEPTOS_OUTPUT_NAME=percorso
# Both servers and the idle clients need a descriptor per connection.
ulimit -n "$(ulimit -Hn)"

say "building the release server and the bare handler"
# Apart: built with the example, the server would get the features of test-only dependencies.
cargo build --release -p server --bin server
cargo build --release -p server --example bare_answer
SERVER_BIN="${BENCH_SERVER_BIN:-./target/release/server}"

work="$(mktemp -d)"
pids=()
pg_db="percorso_bench_$$"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ " $BACKENDS " == *" postgres "* ]]; then
    psql "$PG_ADMIN" -qc "drop database if exists $pg_db" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

wait_for() {
  for _ in $(seq 1 200); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return
    sleep 0.1
  done
  echo "nothing answers at $1" >&2
  exit 1
}
kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# wrk at the given address; prints `rps p50 p99 non2xx socket_errors`.
load() {
  wrk -t2 -c"$CONNECTIONS" -d"$2" -s bench/answer.lua "http://$1" -- "$work/answers.txt" \
    | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                       print v["rps"], v["p50_ms"], v["p99_ms"], v["non2xx"], v["socket_errors"] }'
}

./target/release/examples/bare_answer "$BARE" >/dev/null &
pids+=($!)

rows=()
for backend in $BACKENDS; do
  case "$backend" in
    sqlite) url="sqlite://$work/bench.db" ;;
    postgres)
      ensure_postgres
      psql "$PG_ADMIN" -qc "create database $pg_db" >/dev/null
      url="${PG_ADMIN%/*}/$pg_db" ;;
    *) echo "unknown backend $backend" >&2; exit 1 ;;
  esac
  say "$backend: starting the server and preparing $RESPONSES responses"
  # Every request comes from one address: the per-client limits would measure themselves.
  DATABASE_URL="$url" LEPTOS_SITE_ADDR="$OURS" LOAD_DEMO=true RUST_LOG=warn \
    START_BURST=1000000 ANSWER_BURST=1000000 MAX_CONNECTIONS=$((IDLE + CONNECTIONS + 100)) \
    "$SERVER_BIN" serve >"$work/server-$backend.log" 2>&1 &
  server=$!
  pids+=("$server")
  wait_for "http://$OURS/healthz"
  python3 bench/prepare.py "http://$OURS" running-shoe-finder "$RESPONSES" >"$work/answers.txt"

  say "$backend: warming up, then $DURATION of each at $CONNECTIONS connections"
  load "$BARE" 2s >/dev/null
  load "$OURS" 2s >/dev/null
  read -r bare_rps bare_p50 bare_p99 bare_bad bare_sock <<<"$(load "$BARE" "$DURATION")"
  read -r rps p50 p99 bad sock <<<"$(load "$OURS" "$DURATION")"
  peak="$(kib "$server" VmHWM)"

  say "$backend: $IDLE idle connections"
  python3 bench/idle.py "${OURS%:*}" "${OURS#*:}" "$IDLE" 4 >"$work/idle.txt" &
  idle_client=$!
  sleep 3
  idle_rss="$(kib "$server" VmRSS)"
  wait "$idle_client"
  kill "$server"
  wait "$server" 2>/dev/null || true

  ratio="$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN {printf "%.1f %%", 100 * a / b}')"
  rows+=("$(printf '| %-8s | bare handler | %8s | %6s | %6s | %8s | %s |' "$backend" "$bare_rps" "$bare_p50" "$bare_p99" "" "errors $bare_bad/$bare_sock")")
  rows+=("$(printf '| %-8s | Percorso     | %8s | %6s | %6s | %8s | peak RSS %s MiB, %s MiB with %s (%s); errors %s/%s |' \
    "$backend" "$rps" "$p50" "$p99" "$ratio" "$(mib "$peak")" "$(mib "$idle_rss")" "$IDLE idle" \
    "$(awk '{print $3}' "$work/idle.txt")" "$bad" "$sock")")
done

echo
echo "| backend  | server       |    req/s | p50 ms | p99 ms | of bare  | notes |"
echo "|----------|--------------|---------:|-------:|-------:|---------:|-------|"
printf '%s\n' "${rows[@]}"
