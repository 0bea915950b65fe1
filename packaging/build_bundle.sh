#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/ixreview/ with PyInstaller, then smoke-test it.
#   bash packaging/build_bundle.sh            # build into build/ and dist/, then test
#   bash packaging/build_bundle.sh --no-test  # build only
# Needs the project's .venv (bash scripts/bootstrap.sh test creates it); PYTHON overrides.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

# The bundle carries the ICD-10-CM index derived from the library it bundles.
"$PY" -m ixreview.domain.icd10 install >/dev/null
echo "ixreview: building the bundle with PyInstaller (a few minutes)" >&2
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/ixreview.spec

# Desktop integration files travel with the bundle (install them with the bundle's
# own install step; see packaging/README.md).
mkdir -p dist/ixreview/share/applications dist/ixreview/share/metainfo
cp packaging/io.github.ixreview.ixreview.desktop dist/ixreview/share/applications/
cp packaging/io.github.ixreview.ixreview.metainfo.xml dist/ixreview/share/metainfo/
for size in 16 24 32 48 64 128 256; do
  mkdir -p "dist/ixreview/share/icons/hicolor/${size}x${size}/apps"
  cp "ixreview/resources/icons/ixreview-${size}.png" \
     "dist/ixreview/share/icons/hicolor/${size}x${size}/apps/io.github.ixreview.ixreview.png"
done
mkdir -p dist/ixreview/share/icons/hicolor/scalable/apps
cp ixreview/resources/icons/ixreview.svg \
   dist/ixreview/share/icons/hicolor/scalable/apps/io.github.ixreview.ixreview.svg

echo "ixreview: bundle in dist/ixreview ($(du -sh dist/ixreview | cut -f1))" >&2
if [ "${1:-}" != "--no-test" ]; then
  bash packaging/smoke_test_bundle.sh dist/ixreview
fi
