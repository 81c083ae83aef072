#!/bin/sh
# Install kgraph with its test tools, and Debian's Chromium for the browser tests when
# apt-get is there (as root); then run the whole suite. Arguments go to pytest.
set -e
cd "$(dirname "$0")/.."
python3 -m pip install -e ".[test]"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
    echo "tests/run.sh: could not install chromium; the browser tests will be skipped"
fi
python3 -m pytest "$@"
