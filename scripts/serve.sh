#!/usr/bin/env bash
# Quick start: builds and runs the daemon on its embedded default (SQLite under ./.data,
# 127.0.0.1:8080). Extra arguments are configuration flags, e.g. --http-port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system-packages.sh
exec swift run badged serve "$@"
