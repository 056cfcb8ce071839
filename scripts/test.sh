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

# Lazily unmounts FUSE mounts a crashed test left behind under the temp directory, so one
# failure cannot wedge the next project. Only in CI: on a workstation the same paths may
# belong to mounts the user (or another test run) still needs.
sweep_mounts() {
  [[ -n "${CI:-}" ]] || return 0
  awk '$3 ~ /^fuse/ && $2 ~ "^/tmp/" {print $2}' /proc/mounts | while read -r m; do
    echo "test.sh: removing stale mount $m" >&2; umount -l "$m" 2>/dev/null || true
  done
}

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
  sweep_mounts
done
exit $status
