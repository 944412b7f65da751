#!/bin/bash
# Our balancer next to HAProxy over the same three jwt nodes, measured from outside the JVM with wrk
# (docs/BENCHMARKS.md, "Our balancer against HAProxy"). Usage, from the repo:
#   docs/bench/wrk-balancers.sh [ROUNDS] [SECONDS] [OLD_JAR]
# Starts a lab (target/statelab.jar, page on port 18088), HAProxy 1 thread over its jwt nodes
# (127.0.0.1:18090), our balancer alone over the same nodes (`statelab lb`, 127.0.0.1:18091), and, when
# OLD_JAR is given, that jar's balancer too (127.0.0.1:18092); signs in once, then per round runs
# `wrk -t2 -c32 -d${SECONDS}s` against S1, HAProxy, the lab's own jwt balancer, and the lone balancer(s)
# in turn. CPU per request comes from /proc/PID/stat (utime+stime) of the proxy's process and of the
# lab's JVM (the nodes) around each wrk run; context switches from /proc/PID/task/*/status. Stops
# everything it started on exit. Traffic stays on 127.0.0.1.
set -euo pipefail
rounds=${1:-3}
seconds=${2:-5}
old_jar=${3:-}
cd "$(dirname "$0")/../.."
. docs/bench/wrk-harness.sh
prepare wrk haproxy jq

"${java_cmd[@]}" -jar "$jar" serve --port 18088 > "$work/lab.log" 2>&1 < /dev/null &
lab_pid=$!; pids+=("$lab_pid")
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18088/api/clusters > "$work/clusters.json" && break; sleep 0.5; done
lb=$(jq -r '.[]|select(.key=="jwt")|.lb' "$work/clusters.json")
nodes=$(jq -r '.[]|select(.key=="jwt")|.nodes[].url' "$work/clusters.json")
s1=$(echo "$nodes" | head -1)

{
  printf 'global\n  nbthread 1\ndefaults\n  mode http\n  timeout connect 1s\n  timeout client 30s\n  timeout server 30s\n'
  printf '  http-reuse always\n  option httpchk GET /health\nfrontend f\n  bind 127.0.0.1:18090\n  default_backend b\n'
  printf 'backend b\n  balance roundrobin\n'
  n=1; for u in $nodes; do printf '  server s%d %s check inter 250ms\n' "$n" "${u#http://}"; n=$((n + 1)); done
} > "$work/haproxy.cfg"
haproxy -f "$work/haproxy.cfg" -db > "$work/haproxy.log" 2>&1 &
haproxy_pid=$!; pids+=("$haproxy_pid")

backends=(); for u in $nodes; do backends+=(--backend "$u"); done
start_lb() { # jar port; sets started
  "${java_cmd[@]}" -jar "$1" lb --port "$2" "${backends[@]}" > "$work/lb-$2.log" 2>&1 < /dev/null &
  started=$!; pids+=("$started")
}
start_lb "$jar" 18091; lone_pid=$started
targets=("direct $s1 $lab_pid" "haproxy http://127.0.0.1:18090 $haproxy_pid" "in-lab $lb $lab_pid" "lone http://127.0.0.1:18091 $lone_pid")
if [ -n "$old_jar" ]; then
  start_lb "$old_jar" 18092; old_pid=$started
  targets+=("old-lone http://127.0.0.1:18092 $old_pid")
fi
for port in 18090 18091 ${old_jar:+18092}; do
  for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.5; done
done

cookie=$(curl -s -c - -H 'Content-Type: application/json' -d '{"user":"alice","password":"wonderland"}' "$lb/login" \
  | awk '$6 == "token" {print $6 "=" $7}')
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }

run() { # name url pid -> one line
  local c0 l0 s0 out c1 l1 s1
  c0=$(ticks "$3"); l0=$(ticks "$lab_pid"); s0=$(switches "$3")
  out=$(wrk -t2 -c32 -d"${seconds}s" -H "Cookie: $cookie" "$2/profile")
  c1=$(ticks "$3"); l1=$(ticks "$lab_pid"); s1=$(switches "$3")
  wrk_figures "$out"
  printf '%-9s %10s req/s  proxy %4d us/req  lab JVM %4d us/req  proxy switches/req %5s  non-2xx %s\n' "$1" "$rps" \
    "$(us_per_request "$c0" "$c1" "$reqs")" "$(us_per_request "$l0" "$l1" "$reqs")" "$(per_request "$s0" "$s1" "$reqs")" "$bad"
}
warm_then_rounds
