#!/usr/bin/env bash
# Sets up ixreview on a fresh machine, then starts the app (`app`) or runs every check (`test`).
#   bash scripts/bootstrap.sh app    # install what is missing, start the reviewer desk
#   bash scripts/bootstrap.sh test   # install what is missing, run lint, types, layers, tests
# Idempotent: a second run installs nothing new and starts at once.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"
shift || true

# Debian packages Qt needs to draw (offscreen or on X11), plus the tools the tests
# and the packaging checks use (pdftoppm, Xvfb, desktop-file-validate, appstreamcli),
# and PostgreSQL (the team server; the tests start throwaway servers of their own).
SYSTEM_PACKAGES=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0
  poppler-utils xvfb xauth desktop-file-utils appstream postgresql postgresql-contrib)

missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "ixreview: installing system packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
stamp=.venv/.ixreview-lock-$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "ixreview: creating .venv from requirements.lock" >&2
  "$PY" -m venv .venv
  # pip's own chatter goes to a log; on failure it is shown.
  log=.venv/install.log
  if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes \
           -r requirements.lock &&
         .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps \
           --no-build-isolation -e .; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "ixreview: installing the Python packages failed (log: $log)" >&2
    exit 1
  fi
  # Byte-compile once: with PYTHONDONTWRITEBYTECODE set (as on these machines) every
  # start would otherwise recompile pydantic & co. from source (0.5 s instead of 0.2 s).
  .venv/bin/python -m compileall -q -j 0 .venv/lib >/dev/null 2>&1 || true
  rm -f .venv/.ixreview-lock-*; touch "$stamp"
fi
.venv/bin/python -m compileall -q ixreview >/dev/null
# The ICD-10-CM index, derived from the installed library once (2-3 s), so no
# reviewer waits for it in front of the first case; a no-op when it is current.
.venv/bin/python -m ixreview.domain.icd10 install >/dev/null

case "$mode" in
  app)
    exec .venv/bin/ixreview gui "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff" && .venv/bin/ruff check ixreview tests benchmarks
    echo "== mypy" && .venv/bin/mypy ixreview
    echo "== import layers" && .venv/bin/lint-imports
    echo "== pytest" && exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
    ;;
  *)
    echo "usage: bash scripts/bootstrap.sh app|test" >&2; exit 2
    ;;
esac
