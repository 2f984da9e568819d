#!/usr/bin/env bash
# Drills against the real service on loopback, bounded in count and time, stopping by themselves.
#
#   bash benchmarks/drills/drill.sh load  [sqlite|postgres]   deflections, search, triage at concurrency 1, 8, 32 (20 s each)
#   bash benchmarks/drills/drill.sh kill  [sqlite|postgres]   kill -9 of the API mid-load: every acknowledged write is there after restart
#   bash benchmarks/drills/drill.sh postgres                  PostgreSQL stopped and started mid-load: 503 + Retry-After while down,
#                                                             recovery without restarting the API, no acknowledged write lost
#   add --short for the CI version (kill and postgres only, a few seconds each), --debug to use the Debug build.
#
# The API runs from its build output (Release unless --debug; build it first) with rate limits off (the drills
# send far more than a client may) and its data in a temp folder; PostgreSQL is a throwaway cluster (.ci/postgres).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

drill="${1:-load}"; shift || true
provider="sqlite"; short=0; config="Release"
for arg in "$@"; do
  case "$arg" in
    sqlite|postgres) provider="$arg" ;;
    --short) short=1 ;;
    --debug) config="Debug" ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[ "$drill" = "postgres" ] && provider="postgres"

api_dll="$root/src/SupportAssist.Api/bin/$config/net10.0/SupportAssist.Api.dll"
tool_dll="$root/benchmarks/SupportAssist.Benchmarks/bin/$config/net10.0/SupportAssist.Benchmarks.dll"
for f in "$api_dll" "$tool_dll"; do
  [ -f "$f" ] || { echo "$f not built: dotnet build -c $config SupportAssist.sln" >&2; exit 2; }
done

work=$(mktemp -d /tmp/supportassist-drill.XXXXXX)
port=$((5090 + RANDOM % 800))
base="http://127.0.0.1:$port"
api_pid=""; pg_stop=""; pg_ctl=""; pg=""
cleanup() {
  local code=$?
  if [ "$code" != 0 ] && [ -f "$work/api.log" ]; then cp "$work/api.log" /tmp/supportassist-drill-api.log; echo "the API's log: /tmp/supportassist-drill-api.log" >&2; fi
  if [ -n "$api_pid" ]; then kill -9 "$api_pid" 2>/dev/null || true; fi
  if [ -n "$pg_stop" ]; then bash -c "$pg_stop"; fi
  if [ -n "${DRILL_KEEP:-}" ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

if [ "$provider" = "postgres" ]; then
  cluster=$(bash .ci/postgres)
  pg=$(echo "$cluster" | sed -n 1p); pg_stop=$(echo "$cluster" | sed -n 2p); pg_ctl=$(echo "$cluster" | sed -n 3p)
fi

tool() { dotnet "$tool_dll" "$@"; }

start_api() {
  (
    cd "$root/src/SupportAssist.Api"
    export ASPNETCORE_ENVIRONMENT=Production
    export SupportAssist__Limits__Enabled=false
    export SupportAssist__Storage__SqlitePath="$work/supportassist.db"
    # Caches shared by every drill run on this machine: the second start embeds and trains nothing again.
    export SupportAssist__Triage__ModelFolder=/tmp/supportassist-drill-cache/triage-model
    export SupportAssist__Embeddings__CachePath=/tmp/supportassist-drill-cache/embeddings.db
    export Serilog__MinimumLevel__Default=Warning
    if [ "$provider" = "postgres" ]; then
      export SupportAssist__Storage__Provider=postgres
      export SupportAssist__Storage__PostgresConnectionString="$pg"
    fi
    exec dotnet "$api_dll" --urls "$base" >>"$work/api.log" 2>&1
  ) &
  api_pid=$!
  disown "$api_pid" 2>/dev/null || true
  local started=$SECONDS
  until curl -fs -o /dev/null "$base/health/ready"; do
    if ! kill -0 "$api_pid" 2>/dev/null; then echo "the API exited; its log:" >&2; tail -20 "$work/api.log" >&2; exit 1; fi
    if [ $((SECONDS - started)) -gt 300 ]; then echo "the API was not ready in 300 s" >&2; exit 1; fi
    sleep 1
  done
  echo "API ready in $((SECONDS - started)) s (pid $api_pid, $provider)"
}

store_args() { if [ "$provider" = "postgres" ]; then echo "postgres $pg"; else echo "sqlite $work/supportassist.db"; fi; }

case "$drill" in
  load)
    start_api
    seconds=20; [ "$short" = 1 ] && seconds=3
    # A short warm-up, not counted.
    tool load "$base" deflections 4 3 >/dev/null || true
    status=0
    for endpoint in deflections search triage; do
      for c in 1 8 32; do
        tool load "$base" "$endpoint" "$c" "$seconds" --server-pid "$api_pid" || status=1
      done
    done
    exit $status
    ;;
  kill)
    start_api
    seconds=12; at=6; [ "$short" = 1 ] && { seconds=6; at=3; }
    tool load "$base" deflections 8 "$seconds" --acked "$work/acked" >"$work/load.txt" 2>&1 &
    load_pid=$!
    sleep "$at"
    kill -9 "$api_pid"; api_pid=""
    echo "killed the API (kill -9) at ${at} s of a ${seconds} s load"
    wait "$load_pid" || true
    cat "$work/load.txt"
    start_api
    # shellcheck disable=SC2046
    tool verify-acked "$work/acked" $(store_args)
    ;;
  postgres)
    start_api
    seconds=30; down=5; up=15; [ "$short" = 1 ] && { seconds=12; down=3; up=7; }
    tool load "$base" deflections 8 "$seconds" --acked "$work/acked" >"$work/load.txt" 2>&1 &
    load_pid=$!
    sleep "$down"; bash -c "$pg_ctl -m fast -w stop" >/dev/null; echo "PostgreSQL stopped at ${down} s"
    sleep $((up - down)); bash -c "$pg_ctl -w start" >/dev/null; echo "PostgreSQL started at ${up} s (the API was not restarted)"
    status=0
    wait "$load_pid" || status=1
    cat "$work/load.txt"
    # Recovered: a load after the restart sees no error at all.
    after=$(tool load "$base" deflections 8 3) || status=1
    echo "after: $after"
    echo "$after" | grep -q "errors 0" || status=1
    kill -0 "$api_pid" || { echo "the API died" >&2; status=1; }
    # shellcheck disable=SC2046
    tool verify-acked "$work/acked" $(store_args) || status=1
    exit $status
    ;;
  *) echo "unknown drill: $drill" >&2; exit 2 ;;
esac
