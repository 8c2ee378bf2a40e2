#!/usr/bin/env bash
# Sets up on first use (system libraries, .venv), then runs the wasnaker CLI: ./wasnaker.sh demo
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
"$root/scripts/setup.sh"
exec "$root/.venv/bin/wasnaker" "$@"
