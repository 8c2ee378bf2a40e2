#!/usr/bin/env bash
# Idempotent setup on a fresh machine: system libraries WeasyPrint needs, uv, the virtualenv, the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

need_libs=()
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
  ldconfig -p | grep -q "$lib" || need_libs+=("$lib")
done
if [ ${#need_libs[@]} -gt 0 ]; then
  echo "setup: installing WeasyPrint system libraries (${need_libs[*]})" >&2
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv" >&2
  python3 -m pip install --quiet --disable-pip-version-check uv
fi

stamp=".venv/.wasnaker-setup"
want="$(cat pyproject.toml uv-overrides.txt | sha256sum | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
py="$(command -v python3.11 || command -v python3.12 || command -v python3)"
[ -x .venv/bin/python ] || uv venv --quiet --python "$py" .venv
echo "setup: installing wasnaker and its dependencies into .venv" >&2
uv pip install --quiet --python .venv/bin/python --override uv-overrides.txt -e ".[test]"
echo "$want" > "$stamp"
