# Sourced by docs/bench/wrk-*.sh from the repo's root, not run: the set-up they share, per-process
# CPU and context switches from /proc, wrk's figures, and the loop that warms every target and then
# measures it round after round.
. ./.mvn/find-jdk.sh
jar=target/statelab.jar
java_cmd=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xss512k -Xmn32m -Xmx192m)
hz=$(getconf CLK_TCK)
pids=()
work=

# Checks that the jar is built and that the commands named are installed, and makes a work folder.
# On exit every process in pids is stopped and the folder removed.
prepare() {
  [ -f "$jar" ] || { echo "build first: ./mvnw -q -B -DskipTests package" >&2; exit 2; }
  local c
  for c in "$@"; do command -v "$c" >/dev/null || { echo "needs $*" >&2; exit 2; }; done
  work=$(mktemp -d)
  trap cleanup EXIT
}

cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}

# CPU ticks (utime + stime) of a process; 0 when there is none (an external Redis, say).
ticks() { [ -n "${1:-}" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }

# Context switches, voluntary and preempted, of every thread of a process; 0 when there is none.
switches() { [ -n "${1:-}" ] && cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches/ {s += $2} END {print s + 0}' || echo 0; }

# Microseconds of CPU per request, from the ticks before and after and the requests served.
us_per_request() { echo $(( ($2 - $1) * 1000000 / hz / $3 )); }

# Switches per request, two decimals, from the counts before and after and the requests served.
per_request() { echo "scale=2; ($2 - $1) / $3" | bc; }

# Reads wrk's output ($1) into reqs, rps and bad (answers that were not 2xx).
wrk_figures() {
  reqs=$(echo "$1" | awk '/requests in/ {print $1}')
  rps=$(echo "$1" | awk '/Requests\/sec/ {print $2}')
  bad=$(echo "$1" | awk '/Non-2xx/ {print $5}')
  bad=${bad:-0}
}

# Calls the caller's run() with each entry of its targets array: once for 10 s, not shown (the JIT
# compiles the hot paths first), then for $rounds rounds of $seconds each. $1, when given, is added
# to each round's heading.
warm_then_rounds() {
  local measured=$seconds t r
  echo "# warm-up, 10 s each (not counted): the JIT compiles the hot paths first"
  seconds=10
  for t in "${targets[@]}"; do run $t > /dev/null; done
  seconds=$measured
  for r in $(seq 1 "$rounds"); do
    echo "# round $r, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)${1:+, $1}"
    for t in "${targets[@]}"; do run $t; done
  done
}
