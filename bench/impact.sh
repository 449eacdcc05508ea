#!/usr/bin/env bash
# Impact analysis over the stored engineers (issue 8: "impact analysis at 1 M stored
# engineers", target < 2 s), on SQLite and on PostgreSQL.
#
#   bash bench/impact.sh [ENGINEERS] [AGREEMENT] [RUNS]   (defaults 1000000 building-2020 3)
#
# Builds in release mode, makes each database once with `wanqiao demo scale --engineers
# ENGINEERS --applications 0` (the roster generator and importer, one roster per demo
# society; kept in /tmp and reused by later runs: delete /tmp/wanqiao-bench-impact-* or drop
# the database to start afresh), then runs crates/cli/examples/impact_stored.rs, which
# analyses the agreement's draft version against its version in force RUNS times and prints
# the engineers stored and read, the seconds and the engineers read per second.
#
# PostgreSQL is used when WANQIAO_BENCH_POSTGRES_URL names a server (e.g.
# postgres://postgres@127.0.0.1:5432/postgres); its database wanqiao_bench_impact_<ENGINEERS>
# is created there when missing, and vacuumed once filled, as autovacuum would after a bulk
# import, so that the impact queries can read their indexes alone.
set -euo pipefail
cd "$(dirname "$0")/.."

engineers=${1:-1000000}
agreement=${2:-building-2020}
runs=${3:-3}
key=/tmp/wanqiao-bench-impact.master-key

cargo build --release -p wanqiao --bin wanqiao --example impact_stored
bin=target/release/wanqiao
driver=target/release/examples/impact_stored

[[ -e $key ]] || "$bin" keys new-master-key "$key"

fill() {
    local name=$1 url=$2
    echo "== $name: making the database ($engineers engineers)"
    /usr/bin/time -f "   (%e s, peak %M KB)" \
        "$bin" demo scale --engineers "$engineers" --applications 0 --seed 1 \
        --database-url "$url" --master-key-file "$key"
}

sqlite=/tmp/wanqiao-bench-impact-$engineers.db
if [[ ! -e $sqlite.ready ]]; then
    rm -f "$sqlite" "$sqlite-wal" "$sqlite-shm"
    fill SQLite "sqlite://$sqlite"
    touch "$sqlite.ready"
fi
echo "== SQLite"
"$driver" "sqlite://$sqlite" --agreement "$agreement" --runs "$runs"

if [[ -n ${WANQIAO_BENCH_POSTGRES_URL:-} ]]; then
    name=wanqiao_bench_impact_$engineers
    base=${WANQIAO_BENCH_POSTGRES_URL%/*}
    url=$base/$name
    if ! psql "$WANQIAO_BENCH_POSTGRES_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
        psql "$WANQIAO_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $name"
        if ! fill PostgreSQL "$url"; then
            psql "$WANQIAO_BENCH_POSTGRES_URL" -qc "DROP DATABASE $name WITH (FORCE)"
            exit 1
        fi
        psql "$url" -qc "VACUUM ANALYZE"
    fi
    echo "== PostgreSQL"
    "$driver" "$url" --agreement "$agreement" --runs "$runs"
fi
