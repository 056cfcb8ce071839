#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test project
# (unit, in-process conformance, FUSE mounts, s3rver integration, crash tests).
# Extra arguments go to every `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Rename".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/deps.sh --test
export GATEWAYFS_S3RVER="$root/.tools/s3rver/node_modules/s3rver/bin/s3rver.js"
dotnet build gatewayfs.sln -c Release -v quiet -nologo

# Every test temp directory (mountpoints, s3rver data, caches) lives under one directory
# of this run, so a mount a crashed test left behind can be removed without touching
# anybody else's mounts, and the run leaves nothing in /tmp.
export TMPDIR="$(mktemp -d /tmp/gatewayfs-test.XXXXXX)"
sweep_mounts() {
  awk -v d="$TMPDIR/" 'index($2, d) == 1 && $3 ~ /^fuse/ {print $2}' /proc/mounts | while read -r m; do
    echo "test.sh: removing stale mount $m" >&2; umount -l "$m" 2>/dev/null || true
  done
}
# A test host killed by the hang timeout cannot stop the s3rver or daemons it started; they
# are recognised by this run's directory on their command line.
sweep_processes() {
  { pgrep -f -- "$TMPDIR/" || true; } | while read -r p; do
    [ "$p" = "$$" ] && continue
    cmd="$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null | cut -c1-120)" || true
    [ -n "$cmd" ] || continue # exited meanwhile (or a zombie waiting for its parent)
    echo "test.sh: stopping leftover process $p: $cmd" >&2
    kill -9 "$p" 2>/dev/null || true
  done
}
cleanup() { sweep_mounts; sweep_processes; sweep_mounts; rm -rf "$TMPDIR" 2>/dev/null || true; }
trap cleanup EXIT

# Test assemblies run one after another: several mount FUSE filesystems and start s3rver,
# and two cores are better spent inside one assembly than split across several. A hung
# test is killed (with a dump) rather than stalling CI.
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$proj" .csproj)"
  echo "== $name"
  if ! timeout 20m dotnet test "$proj" -c Release --no-build -nologo \
      --logger "console;verbosity=normal" --blame-hang-timeout 8m "$@"; then
    echo "== $name FAILED" >&2
    status=1
  fi
  sweep_processes
  sweep_mounts
done
exit $status
