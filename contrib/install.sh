#!/usr/bin/env bash
# Installs gatewayfs system-wide (run as root from a clone):
#   /usr/local/lib/gatewayfs/        the published program
#   /usr/local/bin/gatewayfs         link to it (mount(8) runs helpers with /usr/local/bin on PATH)
#   /sbin/mount.fuse.gatewayfs       mount helper: mount -t fuse.gatewayfs and fstab lines
#   /etc/systemd/system/gatewayfs@.service   one mount per unit instance
#   /usr/local/share/doc/gatewayfs/CONFIGURATION.md
# PREFIX (default /usr/local) and DESTDIR (default empty) change where things go.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="${PREFIX:-/usr/local}"
dest="${DESTDIR:-}"
bash "$root/scripts/deps.sh"
install -d "$dest$prefix/lib/gatewayfs" "$dest$prefix/bin" "$dest/sbin" "$dest/etc/systemd/system" "$dest$prefix/share/doc/gatewayfs"
dotnet publish "$root/src/Cli/Cli.csproj" -c Release -o "$dest$prefix/lib/gatewayfs" -nologo -v quiet
ln -sfn "$prefix/lib/gatewayfs/gatewayfs" "$dest$prefix/bin/gatewayfs"
install -m 0755 "$root/contrib/mount.fuse.gatewayfs" "$dest/sbin/mount.fuse.gatewayfs"
sed "s#/usr/local/bin/gatewayfs#$prefix/bin/gatewayfs#g" "$root/contrib/gatewayfs@.service" > "$dest/etc/systemd/system/gatewayfs@.service"
install -m 0644 "$root/docs/CONFIGURATION.md" "$dest$prefix/share/doc/gatewayfs/CONFIGURATION.md"
if [[ -z "$dest" ]] && command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then systemctl daemon-reload; fi
echo "installed: $prefix/bin/gatewayfs, /sbin/mount.fuse.gatewayfs, gatewayfs@.service" >&2
