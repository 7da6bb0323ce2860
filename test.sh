#!/usr/bin/env bash
# Runs every test: unit tests and the integration tests against the real server and binary.
set -euo pipefail
cd "$(dirname "$0")"
cargo test "$@"
