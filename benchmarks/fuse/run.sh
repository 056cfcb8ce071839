#!/usr/bin/env bash
# Issue 2 benchmarks: our managed FUSE binding beside tmpfs and beside a minimal C filesystem
# on libfuse3's low-level API (cfs.c, built here, the ceiling for any FUSE filesystem).
#   - sequential read of a 1 GiB file with dd bs=1M, page cache dropped before each run
#   - ls -l of a directory of 10,000 files, caches dropped before each run
# Targets run interleaved, RUNS times each; medians and ratios go into docs/BENCHMARKS.md
# (the block between the fuse-bench markers), with the date and the machine.
#
# usage: sudo benchmarks/fuse/run.sh            (RUNS=9 BIG_MIB=1024 FILES=10000 THREADS=4)
#        NO_DOCS=1 benchmarks/fuse/run.sh       (print only, leave docs/BENCHMARKS.md alone)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
runs=${RUNS:-9}
big_mib=${BIG_MIB:-1024}
files=${FILES:-10000}
threads=${THREADS:-4}
[[ $(id -u) -eq 0 ]] || { echo "run.sh: run as root (it mounts filesystems and drops the page cache)" >&2; exit 1; }

bash scripts/deps.sh --test
work="$(mktemp -d /tmp/gatewayfs-fusebench-XXXXXX)"
declare -A pid
cleanup() {
  for t in tmpfs cfs cfs-copy gatewayfs; do
    mountpoint -q "$work/$t" 2>/dev/null && umount -l "$work/$t" || true
  done
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "run.sh: building cfs and gatewayfs-bench" >&2
gcc -O2 -Wall -o "$work/cfs-bin" benchmarks/fuse/cfs.c $(pkg-config fuse3 --cflags --libs) -lpthread
dotnet build benchmarks/Bench/Bench.csproj -c Release -v quiet -nologo >/dev/null
bench_dll="$root/benchmarks/Bench/bin/Release/net10.0/gatewayfs-bench.dll"

# Starts a filesystem process in the background and waits for its "ready" line.
start() {
  local name=$1; shift
  mkdir -p "$work/$name"
  "$@" > "$work/$name.out" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 600); do
    grep -q '^ready' "$work/$name.out" 2>/dev/null && return 0
    kill -0 "${pid[$name]}" 2>/dev/null || break
    sleep 0.2
  done
  echo "run.sh: $name did not start: $(cat "$work/$name.out")" >&2
  exit 1
}

echo "run.sh: preparing tmpfs, cfs, cfs --copy and gatewayfs (${big_mib} MiB, ${files} files)" >&2
mkdir -p "$work/tmpfs"
mount -t tmpfs -o size=$((big_mib + 64))m tmpfs "$work/tmpfs"
dd if=/dev/urandom of="$work/tmpfs/big" bs=1M count="$big_mib" status=none
mkdir "$work/tmpfs/many"
(cd "$work/tmpfs/many" && seq -f 'f%05g' 0 $((files - 1)) | xargs touch)
start cfs "$work/cfs-bin" "$work/cfs" --big-mib "$big_mib" --files "$files" --threads "$threads"
start cfs-copy "$work/cfs-bin" "$work/cfs-copy" --big-mib "$big_mib" --files "$files" --threads "$threads" --copy
start gatewayfs dotnet "$bench_dll" fuse-serve "$work/gatewayfs" --big-mib "$big_mib" --files "$files" --threads "$threads"
targets=(tmpfs cfs cfs-copy gatewayfs)
# The same read-ahead for every FUSE mount (our binding sets this itself; cfs does not).
for t in cfs cfs-copy gatewayfs; do
  dev=$(awk -v m="$work/$t" '$5 == m {print $3}' /proc/self/mountinfo)
  echo 1024 > "/sys/class/bdi/$dev/read_ahead_kb"
done

now_ns() { date +%s%N; }
cpu_ms() { # user+system CPU of a filesystem process, in ms (0 for tmpfs)
  [[ -n "${pid[$1]:-}" ]] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/${pid[$1]}/stat"
}
drop() { sync; echo 3 > /proc/sys/vm/drop_caches; sleep 0.3; }

# One untimed pass: the JIT compiles the managed hot paths, every mount sees its first requests.
for t in "${targets[@]}"; do
  dd if="$work/$t/big" of=/dev/null bs=1M count=256 status=none
  ls -l "$work/$t/many" > /dev/null
done

results="$work/results.tsv"   # target metric run value daemon_cpu_ms
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for run in $(seq "$runs"); do
  # Rotate the order so that drift in machine load does not favour one target.
  order=("${targets[@]:run % 4}" "${targets[@]:0:run % 4}")
  for t in "${order[@]}"; do
    drop; c0=$(cpu_ms "$t"); s=$(now_ns)
    dd if="$work/$t/big" of=/dev/null bs=1M status=none
    e=$(now_ns); c1=$(cpu_ms "$t")
    echo -e "$t\tread\t$run\t$(( big_mib * 1048576 * 1000 / ((e - s) / 1000) / 1000 ))\t$((c1 - c0))" >> "$results"
    drop; c0=$(cpu_ms "$t"); s=$(now_ns)
    ls -l "$work/$t/many" > /dev/null
    e=$(now_ns); c1=$(cpu_ms "$t")
    echo -e "$t\tls\t$run\t$(( (e - s) / 1000000 ))\t$((c1 - c0))" >> "$results"
  done
  echo "run.sh: run $run of $runs done" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { # median of column $3 for target $1 metric $2 (column 4 = value, 5 = cpu)
  awk -F'\t' -v t="$1" -v m="$2" -v c="$3" '$1 == t && $2 == m {print $c}' "$results" | sort -n |
    awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}
values() { awk -F'\t' -v t="$1" -v m="$2" '$1 == t && $2 == m {printf "%s%s", sep, $4; sep = " "}' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

declare -A R L RC LC
for t in "${targets[@]}"; do
  R[$t]=$(median "$t" read 4); L[$t]=$(median "$t" ls 4)
  RC[$t]=$(median "$t" read 5); LC[$t]=$(median "$t" ls 5)
done
block="$work/block.md"
{
  echo "<!-- fuse-bench:begin (written by benchmarks/fuse/run.sh; do not edit by hand) -->"
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}'),"
  echo "$(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r), libfuse $(pkg-config --modversion fuse3),"
  echo ".NET $(dotnet --version); load average $load_before before and $load_after after."
  echo "$runs interleaved runs; /big is ${big_mib} MiB read with \`dd bs=1M\`, /many holds ${files} empty files;"
  echo "page cache, dentries and inodes dropped before every run; all FUSE mounts with read_ahead_kb 1024 and $threads receive threads."
  echo
  echo "| | tmpfs | cfs (C, replies from memory) | cfs --copy (C, one copy) | gatewayfs (managed binding + InMemoryFileSystem) | gatewayfs / cfs |"
  echo "|---|---|---|---|---|---|"
  echo "| sequential read, MB/s (median) | ${R[tmpfs]} | ${R[cfs]} | ${R[cfs-copy]} | ${R[gatewayfs]} | $(ratio "${R[gatewayfs]}" "${R[cfs]}") |"
  echo "| \`ls -l\` of ${files}, ms (median) | ${L[tmpfs]} | ${L[cfs]} | ${L[cfs-copy]} | ${L[gatewayfs]} | $(ratio "${L[cfs]}" "${L[gatewayfs]}") (speed) |"
  echo "| filesystem CPU per read, ms (median) | – | ${RC[cfs]} | ${RC[cfs-copy]} | ${RC[gatewayfs]} | |"
  echo "| filesystem CPU per \`ls -l\`, ms (median) | – | ${LC[cfs]} | ${LC[cfs-copy]} | ${LC[gatewayfs]} | |"
  echo
  echo "Every run (MB/s for the read, ms for \`ls -l\`):"
  echo
  for t in "${targets[@]}"; do
    echo "- $t: read $(values "$t" read); ls -l $(values "$t" ls)"
  done
  echo "<!-- fuse-bench:end -->"
} > "$block"
cat "$block"

if [[ -z "${NO_DOCS:-}" ]]; then
  doc=docs/BENCHMARKS.md
  if grep -q '<!-- fuse-bench:begin' "$doc"; then
    awk -v blk="$block" '
      /<!-- fuse-bench:begin/ {while ((getline l < blk) > 0) print l; skip = 1; next}
      /<!-- fuse-bench:end -->/ {skip = 0; next}
      !skip {print}' "$doc" > "$work/doc.md"
  else
    awk -v blk="$block" '
      {print}
      /^## FUSE binding \(issue 2\)/ {print ""; while ((getline l < blk) > 0) print l}' "$doc" > "$work/doc.md"
  fi
  cp "$work/doc.md" "$doc"
  echo "run.sh: results written to $doc" >&2
fi
