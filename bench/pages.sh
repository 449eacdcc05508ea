#!/usr/bin/env bash
# Page and search latency at scale (DESIGN.md §10: register search p95 < 30 ms, any page
# < 50 ms, with 1 M engineers and 100 k applications), on SQLite and on PostgreSQL.
#
#   bench/pages.sh [ENGINEERS] [APPLICATIONS] [REQUESTS]      (defaults 1000000 100000 200)
#
# Builds in release mode, makes each database once with `wanqiao demo scale` (kept in /tmp
# and reused by later runs: delete /tmp/wanqiao-bench-* to start afresh), starts
# `wanqiao serve` on 127.0.0.1, runs the load driver (crates/cli/examples/page_load.rs) and
# prints p50/p95/p99 per kind of page. PostgreSQL is used when WANQIAO_BENCH_POSTGRES_URL
# names a server (e.g. postgres://postgres@127.0.0.1:5432/postgres); its database
# wanqiao_bench_<ENGINEERS> is created there when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

engineers=${1:-1000000}
applications=${2:-100000}
requests=${3:-200}
port=${WANQIAO_BENCH_PORT:-18480}

cargo build --release -p wanqiao --bin wanqiao --example page_load
bin=target/release/wanqiao
driver=target/release/examples/page_load

run() {
    local name=$1 url=$2 ready=$3
    if [[ ! -e $ready ]]; then
        echo "== $name: making the database ($engineers engineers, $applications applications)"
        /usr/bin/time -f "   (%e s, peak %M KB)" \
            "$bin" demo scale --engineers "$engineers" --applications "$applications" --seed 1 \
            --database-url "$url" --master-key-file /tmp/wanqiao-bench.master-key
        touch "$ready"
    fi
    echo "== $name: serving"
    RUST_LOG=warn "$bin" serve --database-url "$url" --listen "127.0.0.1:$port" --no-demo \
        --master-key-file /tmp/wanqiao-bench.master-key >/tmp/wanqiao-bench-serve.log 2>&1 &
    local pid=$!
    # Expanded now: the trap runs after `run` has returned and its locals are gone.
    trap "kill $pid 2>/dev/null || true" EXIT
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    "$driver" "http://127.0.0.1:$port" "$url" "$requests"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    trap - EXIT
}

[[ -e /tmp/wanqiao-bench.master-key ]] || "$bin" keys new-master-key /tmp/wanqiao-bench.master-key

sqlite=/tmp/wanqiao-bench-$engineers.db
run "SQLite" "sqlite://$sqlite" "$sqlite.ready"

if [[ -n ${WANQIAO_BENCH_POSTGRES_URL:-} ]]; then
    name=wanqiao_bench_$engineers
    base=${WANQIAO_BENCH_POSTGRES_URL%/*}
    psql "$WANQIAO_BENCH_POSTGRES_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
        || psql "$WANQIAO_BENCH_POSTGRES_URL" -c "CREATE DATABASE $name" >/dev/null
    run "PostgreSQL" "$base/$name" "/tmp/wanqiao-bench-$name.ready"
fi
