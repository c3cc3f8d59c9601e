#!/usr/bin/env bash
# Installs every dependency topichub needs to build and test (Debian packages).
# Idempotent: does nothing but a quick check when everything is already there.
set -euo pipefail

# libmd4c-html0: Debian's md4c CMake config checks every library it names,
# md4c-html included, though topichub links only md4c; libmd4c-dev does not
# depend on it, so a fresh machine needs it named.
packages=(
  build-essential cmake ninja-build pkg-config
  libmd4c-dev libmd4c-html0 libyaml-dev libtomlplusplus-dev
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libstemmer-dev libutf8proc-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  libmimalloc-dev libabsl-dev libxxhash-dev
  libxapian-dev libsqlite3-dev sqlite3
  curl python3 wrk
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm for the browser tests: Debian's only where none is installed
# (the machine may bring its own, newer one).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Browser tests (tests/browser): playwright-core, axe-core and lighthouse from
# the lockfile, driving Debian's chromium (no browser download). Skipped when
# node_modules was installed from this very lockfile.
browser_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup: the browser tests need Node.js 20 or newer, found $(node --version)" >&2
  exit 1
fi
lock_hash="$(sha256sum "$browser_dir/package-lock.json" | cut -d' ' -f1)"
stamp="$browser_dir/node_modules/.package-lock.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "setup: installing the browser tests' npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$browser_dir" --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi
echo "setup: all dependencies present"
