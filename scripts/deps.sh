#!/usr/bin/env bash
# Installs what gatewayfs needs on a fresh Debian machine, only when missing:
# fuse3 + libfuse3 (apt) for mounting, and, with --test, s3rver (npm) plus the programs
# the integration tests drive (sqlite3, git, tar).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

need_apt=()
[[ -e /usr/lib/x86_64-linux-gnu/libfuse3.so.3 || -e /lib/x86_64-linux-gnu/libfuse3.so.3 ]] || need_apt+=(fuse3 libfuse3-3)
command -v fusermount3 >/dev/null || need_apt+=(fuse3)
if (( want_test )); then
  command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
  command -v git >/dev/null || need_apt+=(git)
  command -v gcc >/dev/null || need_apt+=(gcc)
  [[ -e /usr/include/fuse3/fuse_lowlevel.h ]] || need_apt+=(libfuse3-dev)
  command -v pkg-config >/dev/null || need_apt+=(pkg-config)
fi
if (( ${#need_apt[@]} )); then
  echo "deps: installing ${need_apt[*]} with apt" >&2
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
[[ -e /dev/fuse ]] || { echo "deps: /dev/fuse is missing: load the fuse module (modprobe fuse) or run the container with --device /dev/fuse" >&2; exit 1; }

if (( want_test )); then
  if [[ ! -f "$root/.tools/s3rver/node_modules/s3rver/bin/s3rver.js" ]]; then
    command -v npm >/dev/null || { echo "deps: npm is missing: install Node.js 18+ (apt-get install nodejs npm)" >&2; exit 1; }
    echo "deps: installing s3rver 3.7.1 with npm into .tools/s3rver" >&2
    npm install --prefix "$root/.tools/s3rver" s3rver@3.7.1 --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi
