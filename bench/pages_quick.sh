#!/usr/bin/env bash
# Times pages and searches over the database `bench/pages.sh` made (1 M engineers, 100 k
# applications, SQLite), 30 requests each, one at a time, with curl: a quicker run than the
# load driver, whose society-staff search takes seconds per request and holds up the rest.
#
#   bash bench/pages_quick.sh [ENGINEERS]      (default 1000000; run bench/pages.sh first)
set -uo pipefail
cd "$(dirname "$0")/.."
engineers=${1:-1000000}
cargo build --release -p wanqiao --bin wanqiao
bin=target/release/wanqiao
port=18481
RUST_LOG=warn $bin serve --database-url sqlite:///tmp/wanqiao-bench-$engineers.db --listen 127.0.0.1:$port --no-demo --master-key-file /tmp/wanqiao-bench.master-key > /tmp/pq-serve.log 2>&1 &
pid=$!
trap "kill $pid" EXIT
for _ in $(seq 1 100); do curl -fsS http://127.0.0.1:$port/healthz >/dev/null 2>&1 && break; sleep 0.3; done
login() { curl -s -c /tmp/pq-$1.jar -H 'content-type: application/json' -d "{\"email\":\"$2\",\"password\":\"wanqiao-demo-2026\"}" http://127.0.0.1:$port/api/v1/auth/login >/dev/null; }
login admin admin@wanqiao.example
login hk hk.admin@wanqiao.example
login rev gdes.reviewer@wanqiao.example
agreement=$(curl -s "http://127.0.0.1:$port/api/v1/agreements?status=in-force&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
time_page() {
  local name=$1 jar=$2 path=$3
  local out=()
  for i in $(seq 1 30); do
    if [ -n "$jar" ]; then t=$(curl -s -o /dev/null -b /tmp/pq-$jar.jar -w '%{time_total} %{http_code}' "http://127.0.0.1:$port$path")
    else t=$(curl -s -o /dev/null -w '%{time_total} %{http_code}' "http://127.0.0.1:$port$path"); fi
    out+=("$t")
  done
  printf '%s\n' "${out[@]}" | python3 -c "
import sys
rows=[l.split() for l in sys.stdin if l.strip()]
ts=sorted(float(r[0])*1000 for r in rows); codes=set(r[1] for r in rows)
p=lambda q: ts[min(len(ts)-1,int(q*len(ts)))]
print(f'{\"$name\":<40} n={len(ts)} p50 {p(0.5):7.1f} ms  p95 {p(0.95):7.1f} ms  max {ts[-1]:7.1f} ms  status {sorted(codes)}')"
}
time_page "admin engineer list" admin /admin/engineers
time_page "applications list (society admin)" hk /applications
time_page "applications list (platform admin)" admin /applications
time_page "review queue (reviewer)" rev /queues/review
time_page "home page" "" /
time_page "agreements list" "" /agreements
time_page "agreement page" "" /agreements/$agreement
time_page "dashboard" "" /dashboard
time_page "society dashboard (society admin)" hk /societies/hk-building-em/dashboard
time_page "public register" "" /register
time_page "admin search: 王 (surname)" admin "/admin/engineers?q=%E7%8E%8B"
time_page "admin search: 陈 (surname)" admin "/admin/engineers?q=%E9%99%88"
time_page "admin search: 王伟 (2 characters)" admin "/admin/engineers?q=%E7%8E%8B%E4%BC%9F"
time_page "admin search: 李明 (2 characters)" admin "/admin/engineers?q=%E6%9D%8E%E6%98%8E"
time_page "admin search: chan (English)" admin "/admin/engineers?q=chan"
time_page "register search: 王 (surname)" "" "/register?q=%E7%8E%8B"
time_page "register search: wong (English)" "" "/register?q=wong"
