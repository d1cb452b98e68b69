#!/usr/bin/env bash
# Throughput (plain commands and EVALSHA of a small script) and memory of the Java server
# (vigil-server.jar) beside a real redis-server, in one run.
#
#   mvn -B -q -pl driver-tests -am package -DskipTests && driver-tests/server-benchmark.sh
#
# Also XADD (redis-benchmark -n N -c 50 xadd s '*' f v), with and without pipelining.
#
# Environment: N (requests per test, default 200000), ROUNDS (default 3; the best round of each
# server is kept, because a shared machine is noisy), KEYS (memory test, default 1000000),
# JAVA_OPTS (default -XX:+UseParallelGC -Xms1g).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/vigil-server.jar"
N="${N:-200000}"
ROUNDS="${ROUNDS:-3}"
KEYS="${KEYS:-1000000}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms1g}"
MEM_JAVA_OPTS="${MEM_JAVA_OPTS:--XX:+UseSerialGC}"
TESTS="set,get,incr,lpush,lpop,hset"

for bin in java redis-server redis-benchmark redis-cli; do
  command -v "$bin" >/dev/null || { echo "$bin is not on the PATH" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "$jar is missing: run mvn package first" >&2; exit 1; }

work="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
jport="$(free_port)"; rport="$(free_port)"

# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$jar" --port "$jport" --bind 127.0.0.1 --save "" > "$work/java.log" 2>&1 &
jpid=$!
redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" > "$work/redis.log" 2>&1 &
rpid=$!
cleanup() { kill "$jpid" "$rpid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for p in "$jport" "$rport"; do
  for _ in $(seq 1 100); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

bench() { # port, extra args -> "test rps" lines
  redis-benchmark -p "$1" -t "$TESTS" -n "$N" -c 50 ${2:-} -q 2>/dev/null | tr '\r' '\n' \
    | awk -F': ' '/requests per second/ { split($2, a, " "); print $1, a[1] }'
}

echo "Warming up the JVM..."
bench "$jport" "-P 16" >/dev/null
bench "$jport" >/dev/null

for mode in "" "-P 16"; do
  : > "$work/java.txt"; : > "$work/redis.txt"
  for _ in $(seq 1 "$ROUNDS"); do
    bench "$jport" "$mode" >> "$work/java.txt"
    bench "$rport" "$mode" >> "$work/redis.txt"
  done
  echo
  echo "redis-benchmark -t $TESTS -n $N -c 50 $mode (best of $ROUNDS rounds)"
  printf '%-6s %14s %14s %7s\n' test java-rps redis-rps ratio
  for t in SET GET INCR LPUSH LPOP HSET; do
    j=$(awk -v t="$t" '$1 == t && $2 > m { m = $2 } END { print m + 0 }' "$work/java.txt")
    r=$(awk -v t="$t" '$1 == t && $2 > m { m = $2 } END { print m + 0 }' "$work/redis.txt")
    awk -v t="$t" -v j="$j" -v r="$r" 'BEGIN { printf "%-6s %14.0f %14.0f %7.2f\n", t, j, r, (r > 0 ? j / r : 0) }'
  done
done

# PFADD of random integers (up to 100000 distinct) into one HyperLogLog, from empty each round:
# the sparse form, its promotion to dense, then mostly registers that do not grow.
pfadd_bench() { # port -> rps
  redis-cli -p "$1" del hll >/dev/null
  redis-benchmark -p "$1" -n "$N" -c 50 -r 100000 -q pfadd hll __rand_int__ 2>/dev/null | tr '\r' '\n' \
    | awk -F': ' '/requests per second/ { split($2, a, " "); print a[1] }'
}
pfadd_bench "$jport" >/dev/null # warm the JVM's PFADD path
: > "$work/java-pfadd.txt"; : > "$work/redis-pfadd.txt"
for _ in $(seq 1 "$ROUNDS"); do
  pfadd_bench "$jport" >> "$work/java-pfadd.txt"
  pfadd_bench "$rport" >> "$work/redis-pfadd.txt"
done
echo
echo "redis-benchmark -n $N -c 50 -r 100000 pfadd hll __rand_int__ (best of $ROUNDS rounds)"
printf '%-6s %14s %14s %7s\n' test java-rps redis-rps ratio
j=$(sort -g "$work/java-pfadd.txt" | tail -1); r=$(sort -g "$work/redis-pfadd.txt" | tail -1)
awk -v j="${j:-0}" -v r="${r:-0}" 'BEGIN { printf "%-6s %14.0f %14.0f %7.2f\n", "PFADD", j, r, (r > 0 ? j / r : 0) }'

echo
script="return redis.call('incr', KEYS[1])"
jsha="$(redis-cli -p "$jport" script load "$script")"
rsha="$(redis-cli -p "$rport" script load "$script")"
evalsha_bench() { # port, sha -> requests per second
  redis-benchmark -p "$1" -n "$N" -c 50 -q evalsha "$2" 1 key 2>/dev/null | tr '\r' '\n' \
    | awk -F': ' '/requests per second/ { split($2, a, " "); v = a[1] } END { print v + 0 }'
}
evalsha_bench "$jport" "$jsha" >/dev/null # warm-up: the script path's classes and the JIT
jbest=0; rbest=0
for _ in $(seq 1 "$ROUNDS"); do
  j="$(evalsha_bench "$jport" "$jsha")"; r="$(evalsha_bench "$rport" "$rsha")"
  jbest="$(awk -v a="$jbest" -v b="$j" 'BEGIN { print (b > a ? b : a) }')"
  rbest="$(awk -v a="$rbest" -v b="$r" 'BEGIN { print (b > a ? b : a) }')"
done
echo "redis-benchmark -n $N -c 50 evalsha <sha of \"$script\"> 1 key (best of $ROUNDS rounds)"
printf '%-8s %14s %14s %7s\n' test java-rps redis-rps ratio
awk -v j="$jbest" -v r="$rbest" 'BEGIN { printf "%-8s %14.0f %14.0f %7.2f\n", "EVALSHA", j, r, (r > 0 ? j / r : 0) }'

# Commands redis-benchmark has no -t test for, each run on a fresh key: name, then the command.
CUSTOM=("XADD xadd s * f v")
custom() { # port, extra args, command words -> rps
  local port="$1" mode="$2"; shift 2
  redis-cli -p "$port" del s >/dev/null
  redis-benchmark -p "$port" -n "$N" -c 50 ${mode:-} -q "$@" 2>/dev/null | tr '\r' '\n' \
    | awk -F': ' '/requests per second/ { split($2, a, " "); v = a[1] } END { print v + 0 }'
}
for mode in "" "-P 16"; do
  echo
  echo "redis-benchmark -n $N -c 50 $mode <command> (best of $ROUNDS rounds)"
  printf '%-6s %14s %14s %7s\n' test java-rps redis-rps ratio
  for spec in "${CUSTOM[@]}"; do
    read -r -a words <<< "$spec"
    name="${words[0]}"; cmd=("${words[@]:1}")
    j=0; r=0
    for _ in $(seq 1 "$ROUNDS"); do
      v=$(custom "$jport" "$mode" "${cmd[@]}"); j=$(awk -v a="$j" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
      v=$(custom "$rport" "$mode" "${cmd[@]}"); r=$(awk -v a="$r" -v b="$v" 'BEGIN { print (b > a ? b : a) }')
    done
    awk -v t="$name" -v j="$j" -v r="$r" 'BEGIN { printf "%-6s %14.0f %14.0f %7.2f\n", t, j, r, (r > 0 ? j / r : 0) }'
  done
done

echo
echo "Memory at $KEYS small keys (SET key:<i> value:<i>), each server fresh"
kill "$jpid"; wait "$jpid" 2>/dev/null || true
jport="$(free_port)"
# shellcheck disable=SC2086
java $MEM_JAVA_OPTS -jar "$jar" --port "$jport" --bind 127.0.0.1 --save "" > "$work/java-mem.log" 2>&1 &
jpid=$!
for _ in $(seq 1 100); do redis-cli -p "$jport" ping >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$KEYS" > "$work/load.resp" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout
for i in range(n):
    k = "key:%d" % i; v = "value:%d" % i
    out.write("*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
PY
redis-cli -p "$rport" flushall >/dev/null
for p in "$jport" "$rport"; do
  redis-cli -p "$p" --pipe < "$work/load.resp" | tail -1
done
jhwm=$(awk '/VmHWM/ { print $2 * 1024 }' "/proc/$jpid/status")
jrss=$(awk '/VmRSS/ { print $2 * 1024 }' "/proc/$jpid/status")
heap=""
if command -v jcmd >/dev/null; then
  jcmd "$jpid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$jpid" GC.heap_info 2>/dev/null | awk '/generation|region|Heap/ && !/Metaspace|class space/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); gsub(/[^0-9]/, "", v); s += v } } END { printf "%d MB", s / 1024 }')
fi
rrss=$(redis-cli -p "$rport" info memory | tr -d '\r' | awk -F: '/^used_memory_rss:/ { print $2 }')
rused=$(redis-cli -p "$rport" info memory | tr -d '\r' | awk -F: '/^used_memory:/ { print $2 }')
echo "java  dbsize=$(redis-cli -p "$jport" dbsize) peak RSS (VmHWM)=$((jhwm / 1048576)) MB, RSS=$((jrss / 1048576)) MB, heap used after GC=${heap:-n/a} (JAVA_OPTS: $MEM_JAVA_OPTS)"
echo "redis dbsize=$(redis-cli -p "$rport" dbsize) used_memory_rss=$((rrss / 1048576)) MB used_memory=$((rused / 1048576)) MB"
