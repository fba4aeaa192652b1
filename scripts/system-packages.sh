#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Aegir's demo and tests need, when any is missing.
# As root it runs apt-get; otherwise it uses sudo, and says so first.
set -euo pipefail

packages=(nginx php-fpm php-cli php-mysql php-sqlite3 php-xml php-gd php-mbstring php-curl php-zip
          mariadb-server mariadb-client wordpress wordpress-theme-twentytwentythree composer zstd
          openssh-server openssh-client git curl python3-venv pebble
          apache2-bin podman runc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "error: missing system packages (${missing[*]}) and no apt-get here; install them by hand" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  echo "Installing system packages with sudo: ${missing[*]}" >&2
  sudo=(sudo)
else
  echo "error: missing system packages (${missing[*]}); run 'make' as root or install sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
