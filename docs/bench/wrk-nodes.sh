#!/bin/bash
# The node targets from outside the JVM with wrk: one in-memory, one redis and one jwt node, each read
# straight (no balancer) by the same load, so the store's cost is all that differs (docs/BENCHMARKS.md,
# "Round 9"). Usage, from the repo:
#   docs/bench/wrk-nodes.sh [ROUNDS] [SECONDS] [CONNECTIONS] [NODE_THREADS]
# Starts a lab (target/statelab.jar, page on port 18088, nodes on NODE_THREADS: virtual, as in
# `statelab bench`, unless `platform` is given), signs alice in at S1 of each cluster, warms
# each node for 10 s, then per round runs `wrk -t2 -c${CONNECTIONS} -d${SECONDS}s GET /profile` against
# the three S1s in turn. Per request it reports the CPU of the lab's JVM (the nodes) and of redis-server
# (/proc/PID/stat, utime+stime) and their context switches (/proc/PID/task/*/status), and each node's
# ratio to the in-memory node of the same round. Stops everything it started on exit; traffic stays
# on 127.0.0.1.
set -euo pipefail
rounds=${1:-3}
seconds=${2:-5}
connections=${3:-16}
node_threads=${4:-virtual}
cd "$(dirname "$0")/../.."
. docs/bench/wrk-harness.sh
prepare wrk jq

"${java_cmd[@]}" -jar "$jar" serve --port 18088 --node-threads "$node_threads" > "$work/lab.log" 2>&1 < /dev/null &
lab_pid=$!; pids+=("$lab_pid")
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18088/api/clusters > "$work/clusters.json" && break; sleep 0.5; done
redis_pid=$(pgrep -P "$lab_pid" -f redis-server | head -1 || true)

s1() { jq -r --arg k "$1" '.[]|select(.key==$k)|.nodes[0].url' "$work/clusters.json"; }
sign_in() { # node url -> "name=value" of the session cookie it set
  curl -s -c - -H 'Content-Type: application/json' -d '{"user":"alice","password":"wonderland"}' "$1/login" \
    | awk 'NF >= 7 && $6 != "" {c = $6 "=" $7} END {print c}'
}
targets=()
for key in in-memory redis jwt; do
  url=$(s1 "$key"); cookie=$(sign_in "$url")
  [ -n "$cookie" ] || { echo "sign-in at $key S1 failed" >&2; exit 1; }
  targets+=("$key $url $cookie")
done

baseline=
run() { # key url cookie -> one line
  local l0 r0 s0 out l1 r1 s1
  l0=$(ticks "$lab_pid"); r0=$(ticks "$redis_pid"); s0=$(( $(switches "$lab_pid") + $(switches "$redis_pid") ))
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $3" "$2/profile")
  l1=$(ticks "$lab_pid"); r1=$(ticks "$redis_pid"); s1=$(( $(switches "$lab_pid") + $(switches "$redis_pid") ))
  wrk_figures "$out"
  [ "$1" = in-memory ] && baseline=$rps
  printf '%-9s %10s req/s  x%s of in-memory  lab JVM %3d us/req  redis-server %2d us/req  switches/req %4s  non-2xx %s\n' \
    "$1" "$rps" "$(echo "scale=2; $rps / $baseline" | bc)" "$(us_per_request "$l0" "$l1" "$reqs")" \
    "$(us_per_request "$r0" "$r1" "$reqs")" "$(per_request "$s0" "$s1" "$reqs")" "$bad"
}
warm_then_rounds "wrk -t2 -c$connections, $node_threads node threads"
