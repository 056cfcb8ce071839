# Sourced by run.sh: the measurements. run_suite TOOL LATENCY runs every test on one tool.
# Tests that need a cold tool start from a fresh mount with an empty cache directory, and
# every read starts with the kernel's page cache (and dentries/inodes) dropped.

fsbench() { python3 "$here/fsbench.py" "$@"; }
# failed TEST REP RESULT: a tool that answers an error gets it recorded, and the run goes on.
failed() {
  log "  ERROR: $tool $1 #$2: $(field error "$3")"
  record "$latency" "$tool" "$1" "$2" error
}
s3wait() { python3 "$here/s3tool.py" wait "$s3data" "$bucket" "$@"; }
field() { jq -r ".$1" <<<"$2"; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.6f", b - a}'; }

# reps_of FUNCTION: FUNCTION 1, 2, … up to $reps times, fewer once the test has used $budget seconds.
reps_of() {
  local start rep
  start="$(now_us)"
  for ((rep = 1; rep <= reps; rep++)); do
    "$1" "$rep"
    if (( rep < reps && ( $(now_us) - start ) / 1000000 >= budget )); then
      log "  $1: budget of ${budget}s used after $rep of $reps repetitions"
      break
    fi
  done
}

# cpu_mark, then cpu_record TEST REP: the CPU seconds the tool's process and s3rver used in
# between, recorded as TEST_cpu and TEST_s3cpu (CPU time varies far less with load than wall time).
cpu_mark() { cpu_tool0="$(cpu_seconds "$cpu_pid")" cpu_s3_0="$(cpu_seconds "$s3rver_pid")"; }
cpu_record() {
  (( remote )) || return 0
  record "$latency" "$tool" "$1_cpu" "$2" "$(awk -v a="$cpu_tool0" -v b="$(cpu_seconds "$cpu_pid")" 'BEGIN {printf "%.2f", b - a}')"
  record "$latency" "$tool" "$1_s3cpu" "$2" "$(awk -v a="$cpu_s3_0" -v b="$(cpu_seconds "$s3rver_pid")" 'BEGIN {printf "%.2f", b - a}')"
}

# record_arrival TEST REP FROM TIMEOUT SPEC...: waits until the bucket holds SPECS; records TEST
# as the seconds from FROM (epoch) to then, 0 if it was there before FROM.
record_arrival() {
  local test="$1" rep="$2" from="$3" timeout="$4" result
  shift 4
  result="$(s3wait "$timeout" "$@")"
  if [[ "$(field ok "$result")" == true ]]; then
    record "$latency" "$tool" "$test" "$rep" "$(seconds_between "$from" "$(field at "$result")" | awk '{printf "%.6f", $1 < 0 ? 0 : $1}')"
  else
    log "  ERROR: $tool $test #$rep: not in the bucket after $timeout s ($*)"
    record "$latency" "$tool" "$test" "$rep" "timeout"
  fi
}

bench_seqwrite() {
  local key="w/$tag/seq-$1" result
  cpu_mark
  result="$(fsbench write "$target/$key" "$seq_mib")" || { failed seqwrite_close_s "$1" "$result"; return 0; }
  record "$latency" "$tool" seqwrite_close_s "$1" "$(field seconds "$result")"
  (( remote )) && record_arrival seqwrite_bucket_s "$1" "$(field started "$result")" 600 "have:$key:$((seq_mib << 20))"
  cpu_record seqwrite "$1"
  (( remote )) || rm -f "$target/$key" # keeps tmpfs within its size
  return 0
}

bench_creates() {
  local dir="w/$tag/c$1" result
  mkdir "$target/$dir"
  cpu_mark
  result="$(fsbench creates "$target/$dir" "$creates" 4096)" || { failed creates_close_s "$1" "$result"; return 0; }
  record "$latency" "$tool" creates_close_s "$1" "$(field seconds "$result")"
  (( remote )) && record_arrival creates_bucket_s "$1" "$(field started "$result")" 600 "dir:$dir/:$creates:4096"
  cpu_record creates "$1"
  return 0
}

bench_rename() {
  local from="fixtures/$tag/rename-a" to="fixtures/$tag/rename-b" result
  # Back and forth; after a failed rename the file is still where it was.
  [[ -e "$target/$from" ]] || { from="fixtures/$tag/rename-b"; to="fixtures/$tag/rename-a"; }
  result="$(fsbench rename "$target/$from" "$target/$to")" || { failed rename_s "$1" "$result"; return 0; }
  record "$latency" "$tool" rename_s "$1" "$(field seconds "$result")"
  (( remote )) && record_arrival rename_bucket_s "$1" "$(field started "$result")" 300 "have:$to:$((rename_mib << 20))" "gone:$from"
  return 0
}

bench_overwrite_fsync() {
  local key="fixtures/$tag/over.bin" result i=0 ms
  result="$(fsbench overwrite-fsync "$target/$key" "$fsync_count" "$fsync_seconds" 7)" || { failed fsync_ms 1 "$result"; return 0; }
  record "$latency" "$tool" fsync_open_s 1 "$(field open_seconds "$result")"
  for ms in $(jq -r '.fsync_ms[]' <<<"$result"); do
    record "$latency" "$tool" fsync_ms $((++i)) "$ms"
  done
  # Time from close until the changed file is in the bucket (0 for a tool that uploads at
  # fsync); waiting also keeps its upload out of the next test.
  (( remote )) && record_arrival overwrite_bucket_s 1 "$(field ended "$result")" 300 "newer:$key:$((over_mib << 20)):$(field started "$result")"
  return 0
}

check_bytes() {
  [[ "$(field bytes "$2")" == "$((seq_mib << 20))" ]] && return 0
  [[ "$(field error "$2")" != null ]] && return 1
  log "  ERROR: $tool $1 read $(field bytes "$2") bytes, not $((seq_mib << 20))"
  return 1
}

# Each job reads its own quarter of the file, every block at most once, so no read can be
# answered from pages an earlier read of the test brought in: all are the tool's work.
fio_iops() {
  local json share=$(( (seq_mib << 20) / rand_jobs ))
  json="$(fio --name=rand --filename="$target/fixtures/cold.bin" --rw=randread --bs=4k --ioengine=psync \
    --numjobs="$rand_jobs" --size="$share" --offset_increment="$share" --runtime="$rand_seconds" \
    --randrepeat=1 --invalidate=1 --group_reporting --output-format=json 2>>"$out/logs/fio.log")" || { echo error; return 0; }
  jq -r '.jobs[0].read.iops' <<<"$json"
}

bench_reads() {
  local result
  fresh_mount "$tool" "$tag"
  drop_caches
  cpu_mark
  result="$(fsbench read "$target/fixtures/cold.bin")" || failed cold_read_s "$1" "$result"
  check_bytes cold_read "$result" && record "$latency" "$tool" cold_read_s "$1" "$(field seconds "$result")"
  cpu_record cold_read "$1"
  drop_caches
  cpu_mark
  result="$(fsbench read "$target/fixtures/cold.bin")" || failed warm_read_s "$1" "$result"
  check_bytes warm_read "$result" && record "$latency" "$tool" warm_read_s "$1" "$(field seconds "$result")"
  cpu_record warm_read "$1"
  drop_caches
  cpu_mark
  record "$latency" "$tool" rand_warm_iops "$1" "$(fio_iops)"
  cpu_record rand_warm "$1"
}

bench_rand_cold() {
  fresh_mount "$tool" "$tag"
  drop_caches
  cpu_mark
  record "$latency" "$tool" rand_cold_iops "$1" "$(fio_iops)"
  cpu_record rand_cold "$1"
}

bench_ls() {
  local start lines
  fresh_mount "$tool" "$tag"
  drop_caches
  cpu_mark
  start="$(now_us)"
  lines="$(ls -l "$target/fixtures/ls" | wc -l)"
  record "$latency" "$tool" ls_s "$1" "$(seconds_since "$start")"
  cpu_record ls "$1"
  (( lines == ls_count + 1 )) || log "  ERROR: $tool ls -l showed $((lines - 1)) entries, not $ls_count"
}

prepare_fixtures() {
  if (( remote )); then
    [[ -f "$work/rename.src" ]] || head -c "$((rename_mib << 20))" /dev/urandom > "$work/rename.src"
    [[ -f "$work/over.src" ]] || head -c "$((over_mib << 20))" /dev/urandom > "$work/over.src"
    python3 "$here/s3tool.py" put "$s3rver_url" "$bucket" "fixtures/$tag/rename-a" "$work/rename.src"
    python3 "$here/s3tool.py" put "$s3rver_url" "$bucket" "fixtures/$tag/over.bin" "$work/over.src"
    return 0
  fi
  # Local targets get the same tree, written locally.
  mkdir -p "$target/fixtures/ls" "$target/fixtures/$tag"
  cp "$work/cold.src" "$target/fixtures/cold.bin"
  fsbench creates "$target/fixtures/ls" "$ls_count" 4096 >/dev/null
  head -c "$((rename_mib << 20))" /dev/urandom > "$target/fixtures/$tag/rename-a"
  head -c "$((over_mib << 20))" /dev/urandom > "$target/fixtures/$tag/over.bin"
  sync -f "$target"
}

# wanted TEST: whether --tests selected TEST (all of them unless given).
wanted() { [[ " $tests " == *" $1 "* ]]; }

run_suite() {
  tool="$1" latency="$2" tag="$1-$2ms" remote=1
  [[ "$tool" == disk || "$tool" == tmpfs ]] && remote=0
  log "== $tool at $latency ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
  if (( remote )); then
    prepare_fixtures
    mount_tool "$tool" "$tag"
  else
    mount_tool "$tool" "$tag"
    prepare_fixtures
  fi
  mkdir -p "$target/w/$tag"
  counts_take "$tag-setup"
  wanted seqwrite  && { reps_of bench_seqwrite;  counts_take "$tag-seqwrite"; }
  wanted creates   && { reps_of bench_creates;   counts_take "$tag-creates"; }
  wanted rename    && { reps_of bench_rename;    counts_take "$tag-rename"; }
  wanted fsync     && { bench_overwrite_fsync;   counts_take "$tag-fsync"; }
  wanted reads     && { reps_of bench_reads;     counts_take "$tag-reads"; }
  wanted rand_cold && { reps_of bench_rand_cold; counts_take "$tag-rand_cold"; }
  wanted ls        && { reps_of bench_ls;        counts_take "$tag-ls"; }
  unmount_tool "$tool" "$tag"
  counts_take "$tag-unmount"
  if (( remote )); then
    rm -rf "$s3data/$bucket/w" "$s3data/$bucket/fixtures/$tag" "$cache"
  else
    rm -rf "${target:?}/w" "${target:?}/fixtures"
  fi
  log "== $tool at $latency ms done (load $(cut -d' ' -f1-3 /proc/loadavg))"
}
