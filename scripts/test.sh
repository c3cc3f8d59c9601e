#!/usr/bin/env bash
# Sets everything up, builds topichub and runs the whole test suite
# (unit and end-to-end tests with ctest, then the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j2
# Browser tests against build/topichub: journeys, accessibility, keyboard,
# search as you type, layout, print, page weight, Lighthouse. Screenshots,
# Lighthouse reports and other artifacts go to tests/browser/artifacts/.
npm test --prefix tests/browser
