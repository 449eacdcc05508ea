#!/usr/bin/env bash
# Roster import benchmark: 1,000,000 synthetic members into a fresh SQLite file and a fresh
# PostgreSQL database, with rows per second and peak memory for each.
#
#   bash bench/import.sh
#
# Environment:
#   ROWS=1000000                      how many members
#   SEED=1                            the synthetic roster's seed
#   BATCH=5000                        rows per transaction
#   POSTGRES_URL=postgres://postgres@127.0.0.1:5432   the server (a database is created and
#                                     dropped on it); POSTGRES_URL= (empty) skips PostgreSQL
#   WORK=/tmp/wanqiao-bench-import    where the roster and the SQLite file go
#
# Targets (DESIGN.md §10): SQLite ≥ 100,000 rows/s and < 200 MB peak.
set -euo pipefail

ROWS=${ROWS:-1000000}
SEED=${SEED:-1}
BATCH=${BATCH:-5000}
POSTGRES_URL=${POSTGRES_URL-postgres://postgres@127.0.0.1:5432}
WORK=${WORK:-/tmp/wanqiao-bench-import}
SOCIETY=hk-civil-infra

cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
    echo "Installing GNU time (for peak memory)…" >&2
    (apt-get update -qq && apt-get install -y -qq time) >&2
fi

echo "Building (release)…" >&2
cargo build --release -p wanqiao --quiet
WANQIAO=$PWD/target/release/wanqiao

mkdir -p "$WORK"
ROSTER=$WORK/roster-$ROWS-$SEED.csv
if [ ! -s "$ROSTER" ]; then
    echo "Writing $ROWS synthetic members to $ROSTER…" >&2
    "$WANQIAO" demo roster --rows "$ROWS" --seed "$SEED" --society "$SOCIETY" --out "$ROSTER"
fi
echo "Roster: $ROSTER ($(du -h "$ROSTER" | cut -f1))" >&2

# Imports the roster into URL (already holding the demo register) and prints one line.
measure() {
    local engine=$1 url=$2 log=$WORK/time-$1.txt
    /usr/bin/time -v "$WANQIAO" import roster --database-url "$url" --society "$SOCIETY" \
        --batch-size "$BATCH" "$ROSTER" >"$WORK/out-$engine.txt" 2>"$log" || {
        cat "$WORK/out-$engine.txt" "$log" >&2
        return 1
    }
    local summary peak_kb wall
    summary=$(tail -n 1 "$WORK/out-$engine.txt")
    peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F'): ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    echo "  $summary" >&2
    # The rate is over the whole process by the wall clock: start-up, the migration check and
    # every batch.
    python3 - "$engine" "$summary" "$peak_kb" "$wall" <<'PY'
import re, sys
engine, summary, peak_kb, wall = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rows = int(re.search(r"Read (\d+) rows", summary).group(1))
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
print(f"{engine:<10} {rows:>9} rows  {secs:7.1f} s  {rows / secs:>9,.0f} rows/s  peak {peak_kb / 1024:6.1f} MB")
PY
}

echo
echo "engine          rows     seconds     rate           peak memory"

DB=$WORK/bench.db
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.master-key"
"$WANQIAO" demo --database-url "sqlite://$DB" >/dev/null 2>&1
measure SQLite "sqlite://$DB"

if [ -n "$POSTGRES_URL" ]; then
    NAME=wanqiao_bench_import_$$
    psql "$POSTGRES_URL/postgres" -qc "CREATE DATABASE $NAME" >/dev/null
    # The demo load leaves a demo master key named after the database; both go afterwards.
    trap 'psql "$POSTGRES_URL/postgres" -qc "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null; rm -f "/tmp/wanqiao-$NAME.master-key"' EXIT
    "$WANQIAO" demo --database-url "$POSTGRES_URL/$NAME" >/dev/null 2>&1
    measure PostgreSQL "$POSTGRES_URL/$NAME"
fi
