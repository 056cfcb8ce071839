#!/usr/bin/env bash
# Quick, repeatable read-path measurement of a cached volume (issue 4's read targets) beside
# the local disk, on s3rver on loopback. Smaller and faster than benchmarks/s3/run.sh: one
# tool, no proxy, a few minutes. Needs root (FUSE, drop_caches).
#
#   benchmarks/readpath/quick.sh                 # 1 GiB object, dd cold/warm, fio random cold/warm
#   benchmarks/readpath/quick.sh --mib 256 --rand-seconds 5 --only "cold warm"
#
# Prints one line per measurement and the volume's counters (GETs, hits, misses) after each.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mib=1024 rand_seconds=10 rand_jobs=4 only="cold warm randwarm randcold" work="/var/tmp/gatewayfs-readpath"
extra=()
while (( $# )); do
  case "$1" in
    --mib) mib="$2"; shift 2 ;;
    --rand-seconds) rand_seconds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "quick.sh: unknown option '$1' (--mib N --rand-seconds N --only \"cold warm randwarm randcold\" --work DIR -- MOUNT-OPTIONS)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "quick.sh: must run as root (FUSE, drop_caches)" >&2; exit 1; }
command -v fio >/dev/null || { apt-get install -y -qq fio >/dev/null; }
bash "$root/scripts/deps.sh" --test >/dev/null
gw="$root/scripts/gatewayfs"
"$gw" --help >/dev/null # builds once, outside any timing

mkdir -p "$work"
mnt="$work/mnt" cache="$work/cache" data="$work/s3data" src="$work/object-$mib.bin"
mkdir -p "$mnt" "$data"
[[ -f "$src" ]] || head -c "$((mib << 20))" /dev/urandom > "$src"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
node --openssl-legacy-provider "$root/.tools/s3rver/node_modules/s3rver/bin/s3rver.js" -d "$data" -a 127.0.0.1 -p "$port" --silent >"$work/s3rver.log" 2>&1 &
s3pid=$!
url="http://127.0.0.1:$port"
cleanup() {
  mountpoint -q "$mnt" && { "$gw" unmount --force "$mnt" >/dev/null 2>&1 || umount -l "$mnt"; }
  kill "$s3pid" 2>/dev/null || true
  wait "$s3pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do curl -s -o /dev/null "$url/" && break; sleep 0.1; done
curl -sf -X PUT "$url/bench" >/dev/null || true
curl -sf -T "$src" "$url/bench/cold.bin" >/dev/null
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER

drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }
mount_fresh() {
  mountpoint -q "$mnt" && "$gw" unmount "$mnt" >/dev/null
  rm -rf "$cache"; mkdir -p "$cache"
  "$gw" mount "$mnt" --endpoint "$url" --bucket bench --cache-dir "$cache" "${extra[@]}" >>"$work/mount.log" 2>&1
}
# CPU seconds (user + system) of a process; the daemon is the process serving the mount.
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat" 2>/dev/null || echo 0; }
daemon_pid() { "$gw" status "$mnt" --json 2>/dev/null | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["pid"])' || echo 0; }
cpu_mark() { dpid=$(daemon_pid); d0=$(cpu_of "$dpid"); s0=$(cpu_of "$s3pid"); }
cpu_report() { echo "    CPU-s: gatewayfs $(awk -v a="$d0" -v b="$(cpu_of "$dpid")" 'BEGIN {printf "%.2f", b - a}'), s3rver $(awk -v a="$s0" -v b="$(cpu_of "$s3pid")" 'BEGIN {printf "%.2f", b - a}')"; }
counters() {
  cpu_report
  "$gw" status "$mnt" --json 2>/dev/null | python3 -c '
import json, sys
v = json.load(sys.stdin)[0]["volume"]
print("    downloaded %d MiB, cache hits %d, misses %d" % (v["cloudBytesDownloaded"] >> 20, v["cacheHits"], v["cacheMisses"]))' || true
}
# warm tests need a mount whose cache holds the object: read it once if this run has not.
ensure_cached() { mountpoint -q "$mnt" || { mount_fresh; dd if="$mnt/cold.bin" of=/dev/null bs=1M status=none; }; }
seq_read() { # FILE -> MB/s
  local t0 t1
  t0=$(date +%s.%N); dd if="$1" of=/dev/null bs=1M status=none; t1=$(date +%s.%N)
  awk -v b="$((mib << 20))" -v a="$t0" -v c="$t1" 'BEGIN {printf "%.0f MB/s (%.2f s)", b / (c - a) / 1e6, c - a}'
}
rand_iops() { # FILE -> IOPS (each job reads its own share, every 4 KiB at most once, as benchmarks/s3 does)
  local share=$(( (mib << 20) / rand_jobs ))
  fio --name=rand --filename="$1" --rw=randread --bs=4k --ioengine=psync --numjobs="$rand_jobs" --size="$share" \
    --offset_increment="$share" --runtime="$rand_seconds" --randrepeat=1 --invalidate=1 --group_reporting \
    --output-format=json 2>>"$work/fio.log" | python3 -c 'import json, sys; j = json.load(sys.stdin)["jobs"][0]["read"]; print("%.0f IOPS (%d MiB)" % (j["iops"], j["io_bytes"] >> 20))'
}

echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
for t in $only; do
  case "$t" in
    cold) drop; echo "disk   seq read:   $(seq_read "$src")"
          mount_fresh; drop; cpu_mark; echo "gatewayfs cold:   $(seq_read "$mnt/cold.bin")"; counters ;;
    warm) ensure_cached; drop; cpu_mark; echo "gatewayfs warm:   $(seq_read "$mnt/cold.bin")"; counters ;;
    randwarm) drop; echo "disk   rand:       $(rand_iops "$src")"
              ensure_cached; drop; cpu_mark; echo "gatewayfs rand warm: $(rand_iops "$mnt/cold.bin")"; counters ;;
    randcold) mount_fresh; drop; cpu_mark; echo "gatewayfs rand cold: $(rand_iops "$mnt/cold.bin")"; counters ;;
    *) echo "quick.sh: unknown test '$t'" >&2; exit 2 ;;
  esac
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
