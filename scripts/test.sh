#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test project
# (unit, in-process conformance, FUSE mounts, s3rver integration, crash tests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/deps.sh --test
export GATEWAYFS_S3RVER="$root/.tools/s3rver/node_modules/s3rver/bin/s3rver.js"
dotnet build gatewayfs.sln -c Release -v quiet -nologo
# Test assemblies run one after another: several mount FUSE filesystems and start s3rver,
# and two cores are better spent inside one assembly than split across several.
status=0
for proj in tests/*.Tests/*.Tests.csproj; do
  echo "== $(basename "$proj" .csproj)"
  dotnet test "$proj" -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@" || status=1
done
exit $status
