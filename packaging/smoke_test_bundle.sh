#!/usr/bin/env bash
# Smoke-test a built bundle as a machine without Python would run it:
# an empty environment (no PYTHONPATH, no venv on PATH), a fresh home and cache.
#   bash packaging/smoke_test_bundle.sh dist/ixreview
set -euo pipefail
BUNDLE="$(cd "${1:-dist/ixreview}" && pwd)"
EXE="$BUNDLE/ixreview"
DATA="$BUNDLE/_internal/ixreview"
SAMPLES="$DATA/resources/samples"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }
run() {  # run the bundle in a clean environment
  env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
    IXREVIEW_DB="$WORK/smoke.db" QT_QPA_PLATFORM=offscreen "$EXE" "$@"
}
mkdir -p "$WORK/home"

[ -x "$EXE" ] || fail "$EXE is missing"
for f in resources/samples/samples.yaml resources/icons/ixreview.svg \
         resources/icons/ixreview-256.png resources/fonts/DejaVuSans.ttf; do
  [ -f "$DATA/$f" ] || fail "bundle lacks ixreview/$f"
done
ls "$DATA"/policies/*.yaml >/dev/null 2>&1 || fail "bundle lacks the policy files"
ls "$DATA"/letters/templates/*.yaml >/dev/null 2>&1 || fail "bundle lacks the letter templates"
ls "$BUNDLE"/_internal/simple_icd_10_cm/data/* >/dev/null 2>&1 \
  || fail "bundle lacks simple_icd_10_cm's code set data"

echo "== every bundled Qt library and plugin finds the Qt libraries it needs"
# System libraries (X11, Wayland, GTK) come from the target machine; Qt's own must be here.
missing=$(find "$BUNDLE/_internal" -name "*.so*" -type f -print0 \
  | xargs -0 -n 50 ldd 2>/dev/null | grep -E "lib(Qt6|pyside6|shiboken6)[^ ]* => not found" \
  | sort -u || true)
[ -z "$missing" ] || fail "unresolved Qt libraries: $missing"

echo "== ixreview --version"
run --version | tee "$WORK/out" && grep -q "ixreview" "$WORK/out" || fail "--version"

echo "== ixreview policies"
run policies | tee "$WORK/out"
grep -q "ING-CC-0090" "$WORK/out" && grep -q "BCBST-IXEMPRA" "$WORK/out" || fail "policies"

echo "== ixreview evaluate (a bundled sample; reads the ICD-10-CM index the bundle carries)"
ls "$DATA"/resources/icd10cm/icd10cm-index-*.sqlite >/dev/null 2>&1 \
  || fail "bundle lacks the installed ICD-10-CM index"
run evaluate "$SAMPLES/bcbst-approval-capecitabine.json" --policy BCBST-IXEMPRA --json \
  > "$WORK/out" || fail "evaluate exited with $?"
grep -q '"outcome": *"meets_criteria"' "$WORK/out" || fail "evaluate did not reach meets_criteria"
if ls "$WORK"/cache/ixreview/icd10cm-index-*.sqlite >/dev/null 2>&1; then
  fail "the bundle derived the ICD-10-CM index again instead of reading its own"
fi
run evaluate "$SAMPLES/bcbst-pend-her2-report.json" --policy BCBST-IXEMPRA | tail -3
echo "   ok: meets_criteria; needs_information shown above"

echo "== invalid input exits with status 2 and no traceback"
echo '{"format": "ixreview-case/1"}' > "$WORK/bad.json"
set +e; run evaluate "$WORK/bad.json" --policy ING-CC-0090 >/dev/null 2>"$WORK/err"; rc=$?; set -e
[ "$rc" -eq 2 ] || fail "invalid input gave status $rc, not 2"
grep -q Traceback "$WORK/err" && fail "invalid input printed a traceback"
head -3 "$WORK/err"

if run --help | grep -qE '^\s+gui\b'; then
  echo "== ixreview gui starts (offscreen; stopped after 8 s)"
  set +e; timeout 8 env -i HOME="$WORK/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" \
    IXREVIEW_DB="$WORK/gui.db" QT_QPA_PLATFORM=offscreen "$EXE" gui >"$WORK/gui.log" 2>&1
  rc=$?; set -e
  # 124: still running when stopped, i.e. it started and waited for the user.
  [ "$rc" -eq 124 ] || { cat "$WORK/gui.log" >&2; fail "gui exited with status $rc"; }
  grep -q Traceback "$WORK/gui.log" && { cat "$WORK/gui.log" >&2; fail "gui printed a traceback"; }
  echo "   ok"
else
  echo "== (no gui command in this build yet; GUI start not tested)"
fi
echo "SMOKE TEST PASSED: $BUNDLE"
