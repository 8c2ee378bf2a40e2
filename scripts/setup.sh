#!/usr/bin/env bash
# Idempotent setup on a fresh machine: system libraries WeasyPrint needs, uv, the virtualenv, the project.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

need_libs=()
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
  # not `grep -q`: it exits at the first match and ldconfig's SIGPIPE fails the pipe under pipefail
  ldconfig -p | grep -F "$lib" >/dev/null || need_libs+=("$lib")
done
if [ ${#need_libs[@]} -gt 0 ]; then
  echo "setup: installing WeasyPrint system libraries (${need_libs[*]})" >&2
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null
fi

# The browser tests drive Debian's chromium through Playwright (never a browser build downloaded at run time).
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing chromium for the browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

# uv.lock's format needs a recent uv; an older one on the machine is replaced rather than misreading the lock.
uv_min="0.13.9"
uv=(uv)
uv_version="$(uv --version 2>/dev/null | awk '{print $2}' || true)"
if [ -z "$uv_version" ] || [ "$(printf '%s\n' "$uv_min" "$uv_version" | sort -V | head -1)" != "$uv_min" ]; then
  echo "setup: installing uv>=$uv_min" >&2
  python3 -m pip install --quiet --disable-pip-version-check "uv>=$uv_min"
  uv=(python3 -m uv)
fi

# Compiled to bytecode at install: this machine sets PYTHONDONTWRITEBYTECODE, so without it every process (each
# flow run, the Prefect server, every CLI call of the tests) compiles Prefect, SQLAlchemy and WeasyPrint again.
# Exactly the versions in uv.lock: nothing is resolved here, so a new release elsewhere cannot break a fresh
# machine. `--locked` also refuses a pyproject.toml changed without `uv lock` (rather than ignoring the change).
stamp=".venv/.wasnaker-setup"
# (the stamp also names how the packages are installed: a change of that re-installs them)
want="$( (cat uv.lock pyproject.toml; echo "sync --locked --extra test --compile-bytecode") | sha256sum | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
py="$(command -v python3.11 || command -v python3.12 || command -v python3)"
[ -x .venv/bin/python ] || "${uv[@]}" venv --quiet --python "$py" .venv
echo "setup: installing wasnaker and its locked dependencies into .venv" >&2
UV_PROJECT_ENVIRONMENT="$root/.venv" UV_PYTHON_DOWNLOADS=never \
  "${uv[@]}" sync --quiet --locked --extra test --compile-bytecode --python .venv/bin/python
echo "$want" > "$stamp"
