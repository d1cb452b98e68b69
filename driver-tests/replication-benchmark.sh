#!/usr/bin/env bash
# Replication of the Java server (vigil-server.jar) beside real redis-server, in one run:
#  1. full sync of KEYS small keys: Java->Java, real->Java, Java->real, real->real
#     (time from REPLICAOF to the replica holding every key with its link up);
#  2. steady-state lag under redis-benchmark -c 50 load on the master: replication offset lag in
#     bytes (sampled every 50 ms) and in ms (a probe key written on the master, polled on the
#     replica), for the same four pairings.
#
#   mvn -B -q -pl driver-tests -am package -DskipTests && driver-tests/replication-benchmark.sh
#
# Environment: KEYS (default 1000000), N (redis-benchmark requests, default 300000),
# JAVA_OPTS (default -XX:+UseParallelGC -Xms1g), DISKLESS (the real master's repl-diskless-sync,
# default no: a diskless Redis 7.0 master starts the transfer from its once-a-second cron, which
# adds up to a second to every sync it serves; with "no" it forks at once on PSYNC).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/vigil-server.jar"
KEYS="${KEYS:-1000000}"
N="${N:-300000}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms1g}"
DISKLESS="${DISKLESS:-no}"

for bin in java redis-server redis-benchmark redis-cli python3; do
  command -v "$bin" >/dev/null || { echo "$bin is not on the PATH" >&2; exit 1; }
done
[ -f "$jar" ] || { echo "$jar is missing: run mvn package first" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

start() { # kind port -> pid in $started
  local kind="$1" port="$2"
  if [ "$kind" = java ]; then
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$jar" --port "$port" --bind 127.0.0.1 --save "" --dir "$work" \
      > "$work/java-$port.log" 2>&1 &
  else
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
      --dbfilename "dump-$port.rdb" --repl-diskless-sync "$DISKLESS" --repl-diskless-sync-delay 0 > "$work/redis-$port.log" 2>&1 &
  fi
  started=$!
  pids+=("$started")
  for _ in $(seq 1 200); do redis-cli -p "$port" ping >/dev/null 2>&1 && return; sleep 0.05; done
  echo "$kind on $port did not start" >&2; exit 1
}
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
field() { redis-cli -p "$1" info replication | tr -d '\r' | awk -F: -v f="$2" '$1 == f { print $2 }'; }

python3 - "$KEYS" > "$work/load.resp" <<'PY'
import sys
n = int(sys.argv[1])
out = sys.stdout
for i in range(n):
    k = "key:%d" % i; v = "value:%d" % i
    out.write("*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n" % (len(k), k, len(v), v))
PY

sync_once() { # replica-port master-port -> ms from REPLICAOF to every key loaded with the link up
  local t0 t1
  t0=$(now_ms)
  redis-cli -p "$1" replicaof 127.0.0.1 "$2" > /dev/null
  while true; do
    if [ "$(field "$1" master_link_status)" = up ] \
        && [ "$(redis-cli -p "$1" dbsize)" = "$KEYS" ]; then break; fi
    sleep 0.01
  done
  t1=$(now_ms)
  echo $((t1 - t0))
}

full_sync() { # master-kind replica-kind -> "first-ms second-ms"
  # The first sync is a fresh process's (a JVM's cold start included); the second, after
  # REPLICAOF NO ONE and FLUSHALL, is a full sync between warmed-up processes.
  local mport rport mpid rpid first second
  mport="$(free_port)"; start "$1" "$mport"; mpid=$started
  redis-cli -p "$mport" --pipe < "$work/load.resp" > /dev/null
  rport="$(free_port)"; start "$2" "$rport"; rpid=$started
  first=$(sync_once "$rport" "$mport")
  redis-cli -p "$rport" replicaof no one > /dev/null
  redis-cli -p "$rport" flushall > /dev/null
  second=$(sync_once "$rport" "$mport")
  stop "$rpid"; stop "$mpid"
  echo "$first $second"
}

lag() { # master-kind replica-kind -> "mean-bytes max-bytes mean-ms max-ms catch-up-ms"
  local mport rport mpid rpid bpid
  mport="$(free_port)"; start "$1" "$mport"; mpid=$started
  rport="$(free_port)"; start "$2" "$rport"; rpid=$started
  redis-cli -p "$rport" replicaof 127.0.0.1 "$mport" > /dev/null
  until [ "$(field "$rport" master_link_status)" = up ]; do sleep 0.01; done
  redis-benchmark -p "$mport" -t set -n "$N" -c 50 -r 100000 -q > /dev/null 2>&1 &
  bpid=$!
  python3 - "$mport" "$rport" "$bpid" <<'PY'
import os, socket, sys, time
mport, rport, bpid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def conn(p):
    s = socket.create_connection(("127.0.0.1", p)); return s, s.makefile("rb")
def call(c, *args):
    s, f = c
    s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
    line = f.readline()
    if line[:1] == b"$":
        n = int(line[1:])
        if n < 0: return None
        data = f.read(n + 2)[:-2]; return data.decode()
    return line[1:].strip().decode()
def offset(c, name):
    for l in call(c, "INFO", "replication").split("\r\n"):
        if l.startswith(name + ":"): return int(l.split(":")[1])
m, r = conn(mport), conn(rport)
lag_bytes, lag_ms = [], []
def alive():
    # redis-benchmark is the shell's child: it is done once gone or a zombie
    try:
        with open("/proc/%d/stat" % bpid) as f: return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError: return False
while alive():
    ro = offset(r, "slave_repl_offset"); mo = offset(m, "master_repl_offset")
    lag_bytes.append(max(0, mo - ro))
    token = str(time.time_ns()); t0 = time.perf_counter()
    call(m, "SET", "probe", token)
    while call(r, "GET", "probe") != token: pass
    lag_ms.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.05)
t0 = time.perf_counter()
while offset(r, "slave_repl_offset") < offset(m, "master_repl_offset"): pass
catch = (time.perf_counter() - t0) * 1000
mean = lambda xs: sum(xs) / max(1, len(xs))
print("%.0f %d %.2f %.2f %.1f" % (mean(lag_bytes), max(lag_bytes or [0]), mean(lag_ms), max(lag_ms or [0]), catch))
PY
  wait "$bpid" 2>/dev/null || true
  stop "$rpid"; stop "$mpid"
}

echo "Full sync of $KEYS small keys (SET key:<i> value:<i>), REPLICAOF to link up with every key"
echo "(cold: fresh processes; warm: a second full sync between the same processes)"
printf '%-14s %9s %9s %12s %18s\n' pairing cold-ms warm-ms warm-keys/s warm-time/real
declare -A cold warm
for pair in "redis redis" "java java" "redis java" "java redis"; do
  set -- $pair
  read -r c w < <(full_sync "$1" "$2")
  cold["$1>$2"]=$c; warm["$1>$2"]=$w
done
base=${warm["redis>redis"]}
for pair in "redis>redis" "java>java" "redis>java" "java>redis"; do
  awk -v p="$pair" -v c="${cold[$pair]}" -v w="${warm[$pair]}" -v k="$KEYS" -v b="$base" \
    'BEGIN { printf "%-14s %9d %9d %12.0f %18.2f\n", p, c, w, k * 1000 / (w > 0 ? w : 1), w / (b > 0 ? b : 1) }'
done

echo
echo "Replication lag under redis-benchmark -t set -n $N -c 50 on the master"
printf '%-14s %12s %12s %12s %12s %14s\n' pairing mean-bytes max-bytes mean-ms max-ms catch-up-ms
for pair in "redis redis" "java java" "redis java" "java redis"; do
  set -- $pair
  read -r mb xb mm xm cu < <(lag "$1" "$2")
  printf '%-14s %12s %12s %12s %12s %14s\n' "$1>$2" "$mb" "$xb" "$mm" "$xm" "$cu"
done
