# Sourced by run.sh: mounting and unmounting each tool as its users would, with an empty
# cache each time a mount is made. `target` is where the suite works: a mountpoint, a local
# disk directory, or a tmpfs.

tool_pids=()
target="" tool_pid="" cache="" cpu_pid=""
passwd_file="$work/s3fs.passwd"
# s3rver checks no signatures; the tools still want credentials to sign with.
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER

wait_mounted() {
  local mnt="$1" pid="$2" i
  for ((i = 0; i < 600; i++)); do
    mountpoint -q "$mnt" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "run.sh: $mnt did not mount (see $out/logs/)" >&2
  return 1
}

wait_exit() {
  local pid="$1" i
  for ((i = 0; i < 600; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.1
  done
  log "warning: pid $pid still runs 60 s after unmount; killing it"
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# mount_tool TOOL TAG: mounts TOOL with a fresh, empty cache directory and sets target.
mount_tool() {
  local tool="$1" tag="$2"
  case "$tool" in
    disk)
      cpu_pid=""
      target="$work/disk"
      mkdir -p "$target"
      return 0 ;;
    tmpfs)
      cpu_pid=""
      target="$work/tmpfs"
      mkdir -p "$target"
      mountpoint -q "$target" || mount -t tmpfs -o size=$(( seq_mib * 3 + 1024 ))m bench-tmpfs "$target"
      return 0 ;;
  esac
  target="$work/mnt/$tool"
  cache="$work/cache/$tool"
  rm -rf "$cache"
  mkdir -p "$target" "$cache"
  case "$tool" in
    gatewayfs)
      "$root/scripts/gatewayfs" mount "$target" --endpoint "$endpoint" --bucket "$bucket" --cache-dir "$cache" \
        >> "$out/logs/gatewayfs-$tag.log" 2>&1 || { cat "$out/logs/gatewayfs-$tag.log" >&2; return 1; }
      tool_pid="" ;;
    rclone)
      # rclone honours AWS_CA_BUNDLE even for plain-HTTP endpoints and then fails: unset it.
      env -u AWS_CA_BUNDLE rclone mount ":s3:$bucket" "$target" \
        --s3-provider Other --s3-endpoint "$endpoint" --s3-force-path-style=true \
        --s3-access-key-id S3RVER --s3-secret-access-key S3RVER \
        --vfs-cache-mode full --cache-dir "$cache" \
        --log-level NOTICE >> "$out/logs/rclone-$tag.log" 2>&1 &
      tool_pid=$! ;;
    s3fs)
      echo "S3RVER:S3RVER" > "$passwd_file"
      chmod 600 "$passwd_file"
      # use_cache gives s3fs a local data cache, its best setting for warm reads. nomixupload:
      # s3rver has no UploadPartCopy, and s3fs's default mixed upload of a partly changed
      # file then fails (fsync answers EIO); with it, s3fs re-uploads the whole file.
      s3fs "$bucket" "$target" -f \
        -o "url=$endpoint,use_path_request_style,passwd_file=$passwd_file,use_cache=$cache,nomixupload" \
        >> "$out/logs/s3fs-$tag.log" 2>&1 &
      tool_pid=$! ;;
    *) echo "run.sh: unknown tool '$tool'" >&2; return 1 ;;
  esac
  [[ -n "$tool_pid" ]] && tool_pids+=("$tool_pid")
  wait_mounted "$target" "$tool_pid"
  # The process whose CPU time is charged to the tool: gatewayfs's daemon, or the tool itself.
  cpu_pid="$tool_pid"
  [[ "$tool" == gatewayfs ]] && cpu_pid="$(pgrep -n -f -- "gatewayfs mount $target .*--daemon-child" || true)"
  return 0
}

# unmount_tool TOOL TAG: unmounts as the tool's users do; gatewayfs uploads everything first.
unmount_tool() {
  local tool="$1" tag="$2"
  case "$tool" in
    disk|tmpfs) return 0 ;;
    gatewayfs)
      mountpoint -q "$target" && "$root/scripts/gatewayfs" unmount "$target" >> "$out/logs/gatewayfs-$tag.log" 2>&1 ;;
    *)
      mountpoint -q "$target" && fusermount3 -u "$target"
      [[ -n "$tool_pid" ]] && wait_exit "$tool_pid" ;;
  esac
  tool_pid=""
  return 0
}

fresh_mount() {
  unmount_tool "$1" "$2"
  mount_tool "$1" "$2"
}

# Used by cleanup for whatever is still mounted, whoever mounted it.
unmount_any() {
  local mnt="$1"
  if grep -q " $mnt fuse.gatewayfs " /proc/mounts; then
    "$root/scripts/gatewayfs" unmount --force "$mnt" >/dev/null 2>&1 && return 0
  fi
  fusermount3 -u "$mnt" 2>/dev/null || umount -l "$mnt"
}
