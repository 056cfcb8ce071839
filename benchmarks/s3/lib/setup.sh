# Sourced by run.sh: installing, building, the S3 server, the latency proxy, fixtures,
# recording and cleanup. Every process started here is remembered and stopped in cleanup.

bucket=bench
s3data="$work/s3data"
s3rver_pid="" proxy_pid="" endpoint="" proxy_latency=""
s3rver_url=""

install_missing() {
  local need=()
  command -v rclone >/dev/null || need+=(rclone)
  command -v s3fs >/dev/null || need+=(s3fs)
  command -v fio >/dev/null || need+=(fio)
  command -v jq >/dev/null || need+=(jq)
  command -v python3 >/dev/null || need+=(python3)
  command -v mountpoint >/dev/null || need+=(util-linux)
  if (( ${#need[@]} )); then
    log "installing ${need[*]} with apt"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  bash "$root/scripts/deps.sh" --test
}

build_helpers() {
  log "building the latency proxy and gatewayfs"
  dotnet build "$here/LatencyProxy/LatencyProxy.csproj" -c Release -nologo -v quiet -o "$work/proxy-bin" >"$out/logs/build-proxy.log" 2>&1 \
    || { cat "$out/logs/build-proxy.log" >&2; exit 1; }
  # scripts/gatewayfs builds the CLI when sources changed; do it now, not inside a timed mount.
  "$root/scripts/gatewayfs" --help >/dev/null
}

record_machine() {
  {
    echo "date $(date -u +%FT%TZ)"
    echo "kernel $(uname -r)"
    lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|CPU max MHz|Hypervisor vendor|L2|L3)' | sed 's/  */ /g'
    echo "memory $(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}')"
    echo "disk $(findmnt -no SOURCE,FSTYPE --target "$work" | tr '\n' ' ')"
    echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo '+changes')"
    echo "rclone $(rclone version | head -1)"
    echo "s3fs $(s3fs --version 2>&1 | head -1)"
    echo "fio $(fio --version)"
    echo "node $(node --version)"
    echo "settings reps=$reps budget=${budget}s seq=${seq_mib}MiB creates=$creates ls=$ls_count rename=${rename_mib}MiB overwrite_file=${over_mib}MiB rand=${rand_jobs}jobs*${rand_seconds}s fsync_ops=$fsync_count tests=${tests// /,}"
    echo "start load $(cut -d' ' -f1-3 /proc/loadavg)"
  } > "$out/machine.txt"
  printf 'latency\ttool\ttest\trep\tvalue\tload1\n' > "$out/results.tsv"
}

now_us() { echo "${EPOCHREALTIME/./}"; }
seconds_since() { echo $(( $(now_us) - $1 )) | awk '{printf "%.6f", $1 / 1e6}'; }

# record LATENCY TOOL TEST REP VALUE
record() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$(cut -d' ' -f1 /proc/loadavg)" >> "$out/results.tsv"
  log "  $2 @${1}ms $3 #$4 = $5"
}

# CPU seconds (user + system, all threads) a process has used so far; 0 once it is gone.
cpu_seconds() {
  [[ -n "$1" && -r "/proc/$1/stat" ]] || { echo 0; return; }
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat"
}

drop_caches() {
  sync -f "$work"
  echo 3 > /proc/sys/vm/drop_caches
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_http() {
  local url="$1" i
  for ((i = 0; i < 300; i++)); do
    curl -s -o /dev/null "$url" && return 0
    sleep 0.1
  done
  echo "run.sh: nothing answers at $url after 30 s" >&2
  return 1
}

start_s3rver() {
  local port; port="$(free_port)"
  mkdir -p "$s3data"
  node --openssl-legacy-provider "$root/.tools/s3rver/node_modules/s3rver/bin/s3rver.js" \
    -d "$s3data" -a 127.0.0.1 -p "$port" --silent > "$out/logs/s3rver.log" 2>&1 &
  s3rver_pid=$!
  s3rver_url="http://127.0.0.1:$port"
  wait_http "$s3rver_url/"
  python3 "$here/s3tool.py" mb "$s3rver_url" "$bucket"
  log "s3rver $s3rver_url (pid $s3rver_pid), data in $s3data"
}

start_proxy() {
  proxy_latency="$1"
  rm -f "$work/counts.json" "$work/proxy.out"
  "$work/proxy-bin/latency-proxy" --upstream "$s3rver_url" --latency-ms "$1" --counts "$work/counts.json" \
    > "$work/proxy.out" 2> "$out/logs/proxy-$1ms.log" &
  proxy_pid=$!
  local i
  for ((i = 0; i < 300; i++)); do
    [[ -s "$work/proxy.out" ]] && break
    sleep 0.1
  done
  endpoint="$(head -1 "$work/proxy.out")"
  [[ "$endpoint" == http://* ]] || { echo "run.sh: the latency proxy did not start (see $out/logs/proxy-$1ms.log)" >&2; exit 1; }
  log "latency proxy $endpoint -> $s3rver_url at $1 ms per request (pid $proxy_pid)"
}

stop_proxy() {
  [[ -n "$proxy_pid" ]] || return 0
  kill "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  proxy_pid=""
}

# counts_take NAME: saves the proxy's request counts since the last take under NAME, and resets them.
counts_take() {
  [[ -n "$proxy_pid" ]] || return 0
  rm -f "$work/counts.json"
  kill -HUP "$proxy_pid"
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -f "$work/counts.json" ]] && { mv "$work/counts.json" "$out/counts/$1.json"; return 0; }
    sleep 0.05
  done
  log "warning: the proxy wrote no counts for $1"
}

put_shared_fixtures() {
  log "fixtures: ${seq_mib} MiB object and $ls_count small objects, put directly"
  head -c "$((seq_mib << 20))" /dev/urandom > "$work/cold.src"
  python3 "$here/s3tool.py" put "$s3rver_url" "$bucket" fixtures/cold.bin "$work/cold.src"
  python3 "$here/s3tool.py" put-many "$s3rver_url" "$bucket" fixtures/ls/ "$ls_count" 4096 8
}

cleanup() {
  local status=$? mnt
  set +e
  trap - EXIT
  for mnt in "$work"/mnt/*; do
    [[ -d "$mnt" ]] || continue
    mountpoint -q "$mnt" && unmount_any "$mnt"
  done
  for pid in "${tool_pids[@]}"; do kill "$pid" 2>/dev/null; done
  stop_proxy
  [[ -n "$s3rver_pid" ]] && { kill "$s3rver_pid" 2>/dev/null; wait "$s3rver_pid" 2>/dev/null; }
  mountpoint -q "$work/tmpfs" && umount "$work/tmpfs"
  if ! grep -q " $work/" /proc/mounts; then
    rm -rf "$work"
  else
    echo "run.sh: something is still mounted under $work; left it in place" >&2
  fi
  exit "$status"
}
