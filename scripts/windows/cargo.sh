#!/usr/bin/env bash
# cargo for the Windows debug build that CI links and runs under Wine: the
# Windows leg (scripts/windows/check.sh) and the packaging leg
# (scripts/package.sh --profile dev) both build through here, so they share
# one build. On a 2-core CI machine that build is the Windows legs' cost:
#   - no debug information (with it the .exe is 500 MB of MinGW DWARF,
#     slower to link and to load under Wine);
#   - dependencies not optimised (the host's dev profile gives them
#     opt-level 2, for the timings the Linux tests see; under Wine timings
#     mean nothing and unoptimised code builds in about half the time).
# Release builds (package.sh's default) are not changed by either setting.
#
#   scripts/windows/cargo.sh SUBCOMMAND [ARGUMENTS...]   (add --target yourself)
set -euo pipefail
export CARGO_PROFILE_DEV_DEBUG=0
exec cargo --config 'profile.dev.package."*".opt-level = 0' "$@"
