#!/usr/bin/env bash
# Cached-volume benchmark (issue 4, item 7): gatewayfs beside `rclone mount --vfs-cache-mode
# full`, s3fs, local disk and tmpfs, in one run, on one s3rver on loopback, behind a latency
# proxy set to 0 ms and to 20 ms per request. Medians of repeated runs, ratios against the
# best of rclone and s3fs, machine and load recorded. Needs root (FUSE, drop_caches, tmpfs).
#
#   benchmarks/s3/run.sh                      # the full run (about 40 minutes)
#   benchmarks/s3/run.sh --quick              # small sizes, one repetition: checks the harness
#   benchmarks/s3/run.sh --tools "gatewayfs s3fs" --latencies 20 --reps 5
#   benchmarks/s3/run.sh --tools "disk gatewayfs" --tests "seqwrite creates ls" --latencies 0
#
# Results go to benchmarks/s3/results/DATE/ (results.tsv raw samples, results.md summary,
# machine.txt, counts/ = S3 requests by operation per test, logs/); --write-doc also puts the
# summary into docs/BENCHMARKS.md between its s3-bench markers.
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

reps=3 latencies="0 20" tools="disk tmpfs gatewayfs rclone s3fs" budget=60
seq_mib=1024 rename_mib=100 over_mib=256 creates=1000 ls_count=5000
rand_seconds=10 rand_jobs=4 fsync_count=50 fsync_seconds=20
all_tests="seqwrite creates rename fsync reads rand_cold ls" tests=""
out="" work="/var/tmp/gatewayfs-bench.$$" doc=""
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; echo "options: --reps N --latencies \"0 20\" --tools \"$tools\" --tests \"$all_tests\" --budget SECONDS --quick --out DIR --work DIR --write-doc"; }
while (( $# )); do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --latencies) latencies="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --tests) tests="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --write-doc) doc="$root/docs/BENCHMARKS.md"; shift ;;
    --quick) reps=1 seq_mib=64 rename_mib=16 over_mib=32 creates=100 ls_count=500 rand_seconds=3 fsync_count=10 fsync_seconds=5; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
tests="${tests:-$all_tests}"
for t in $tests; do
  [[ " $all_tests " == *" $t "* ]] || { echo "run.sh: unknown test '$t' (one of: $all_tests)" >&2; exit 2; }
done
[[ $(id -u) -eq 0 ]] || { echo "run.sh: must run as root (FUSE mounts, drop_caches, tmpfs); try: sudo $0" >&2; exit 1; }
out="${out:-$here/results/$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out/counts" "$out/logs" "$work"
out="$(cd "$out" && pwd)"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$out/logs/run.log" >&2; }

source "$here/lib/setup.sh"
source "$here/lib/tools.sh"
source "$here/lib/suite.sh"

trap cleanup EXIT
trap 'exit 130' INT TERM

install_missing
build_helpers
record_machine
start_s3rver
put_shared_fixtures

for tool in $tools; do
  case "$tool" in
    disk|tmpfs) run_suite "$tool" 0 ;;
  esac
done
for latency in $latencies; do
  start_proxy "$latency"
  for tool in $tools; do
    case "$tool" in
      gatewayfs|rclone|s3fs) run_suite "$tool" "$latency" ;;
      disk|tmpfs) ;;
      *) echo "run.sh: unknown tool '$tool' (disk tmpfs gatewayfs rclone s3fs)" >&2; exit 2 ;;
    esac
  done
  stop_proxy
done

echo "end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
python3 "$here/summarize.py" "$out" ${doc:+--doc "$doc"} > "$out/results.md"
log "results: $out/results.md"
cat "$out/results.md"
