#!/usr/bin/env bash
# What CI runs, and what to run before every commit: formatting, lints, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --all-targets -D warnings"
cargo clippy --all-targets -- -D warnings

echo "== cargo test"
cargo test --all-features
