#!/usr/bin/env bash
# Installs every dependency topichub needs to build and test (Debian packages).
# Idempotent: does nothing but a quick check when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libmd4c-dev libyaml-cpp-dev libtomlplusplus-dev
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libstemmer-dev libutf8proc-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxapian-dev libsqlite3-dev sqlite3
  curl python3
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "setup: all dependencies present"
