#!/usr/bin/env bash
# Sets everything up, builds topichub and serves the example site on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./build/topichub serve examples/leg-cramps "$@"
