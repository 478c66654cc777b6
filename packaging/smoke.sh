#!/usr/bin/env bash
# Smoke-test a built bundle: bash packaging/smoke.sh dist/agent-assist
#
# Runs the frozen binary the way an agent's PC would: from a read-only copy of the folder, with
# a fresh data dir (AGENT_ASSIST_DATA_DIR) and offscreen Qt, from an empty working directory.
# Checks every command an installation depends on, that nothing is written inside the install
# folder or the working directory, and prints the start-to-screenshot times (first run, with the
# search index built from scratch, and warm). Numbers are printed, never asserted.
# Needs: bash, python3 (to read the JSON answers), coreutils. Exit status 0 = all checks passed.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 DIST_DIR   (e.g. dist/agent-assist)" >&2
  exit 2
fi
DIST="$(cd "$1" && pwd)"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"  # the source tree the bundle was built from
[ -x "$DIST/agent-assist" ] || { echo "smoke: $DIST/agent-assist is not an executable" >&2; exit 2; }

WORK="$(mktemp -d -t agent-assist-smoke.XXXXXX)"
# SMOKE_KEEP=DIR keeps the screenshots and command outputs there for a look
cleanup() {
  if [ -n "${SMOKE_KEEP:-}" ]; then mkdir -p "$SMOKE_KEEP" && cp -a "$WORK/out/." "$SMOKE_KEEP/" 2>/dev/null || true; fi
  chmod -R u+w "$WORK" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# a read-only install folder, like Program Files or /opt on a locked-down PC. root ignores file
# modes (CI runs as root), so nothing-written is also checked directly below.
APP="$WORK/install/agent-assist"
mkdir -p "$WORK/install"
cp -a "$DIST" "$APP"
chmod -R a-w "$APP"
find "$APP" -printf '%P %s %T@\n' | sort >"$WORK/install-before.txt"

export AGENT_ASSIST_DATA_DIR="$WORK/data"
export QT_QPA_PLATFORM=offscreen
OUT="$WORK/out"
mkdir -p "$OUT" "$WORK/cwd"
cd "$WORK/cwd"  # an empty working directory: nothing may appear here either
BIN="$APP/agent-assist"
failures=0

pass() { printf '  ok    %s\n' "$1"; }
fail() { printf '  FAIL  %s\n' "$1"; failures=$((failures + 1)); }

# run NAME CMD...: stdout to $OUT/NAME.out, stderr to $OUT/NAME.err; prints stderr on failure.
# EXPECT_RC (default 0) is the exit status that counts as success.
run() {
  local name="$1"
  shift
  local rc=0
  "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
  [ "$rc" -eq "${EXPECT_RC:-0}" ] && return 0
  echo "  ---- $name exited $rc; stderr:"
  tail -n 30 "$OUT/$name.err"
  return "$rc"
}

# check NAME PYTHON-EXPR: the expression sees the command's stdout as `out` (text) and must be
# true; json is imported
check_json() {
  python3 - "$OUT/$1.out" "$2" <<'EOF'
import json, sys
out = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(out)
sys.exit(0 if eval(sys.argv[2], {"data": data, "out": out}) else 1)
EOF
}

# timed NAME CMD...: like run, and leaves "wall user sys" seconds in $OUT/NAME.time (bash's
# `time` counts the child's CPU too, which a busy machine disturbs less than wall time)
TIMEFORMAT='%R %U %S'
timed() {
  local name="$1"
  { time run "$@" 2>/dev/null; } 2>"$OUT/$name.time"
}
# "W s wall / C s CPU" from a .time file
took() { awk '{ printf "%.2f s wall / %.2f s CPU", $1, $2 + $3 }' "$OUT/$1.time"; }

echo "smoke: $DIST (copied read-only to $APP)"
echo "smoke: data dir $AGENT_ASSIST_DATA_DIR (fresh)"

# 1. the screenshot first, so "first run" is really the first start on this data dir
first="failed" warm="failed"
for shot in first warm; do
  if timed "$shot" "$BIN" --screenshot "$OUT/$shot.png"; then
    printf -v "$shot" '%s' "$(took "$shot")"
    size=$(stat -c %s "$OUT/$shot.png" 2>/dev/null || echo 0)
    if [ "$size" -gt 20000 ]; then pass "--screenshot ($shot run): PNG $size bytes"; else fail "--screenshot ($shot run): PNG only $size bytes"; fi
  else
    fail "--screenshot ($shot run)"
  fi
done

# English UI: the app's .qm and Qt's own translations are found inside the bundle (the picture
# must differ from the Chinese one)
if run en "$BIN" --lang en --screenshot "$OUT/en.png" \
  && [ "$(stat -c %s "$OUT/en.png" 2>/dev/null || echo 0)" -gt 20000 ] \
  && ! cmp -s "$OUT/en.png" "$OUT/warm.png"; then
  pass "--lang en --screenshot: PNG $(stat -c %s "$OUT/en.png") bytes, differs from zh_CN"
else
  fail "--lang en --screenshot"
fi

# 2. the command line
if run version "$BIN" --version && grep -q '^agent-assist [0-9]' "$OUT/version.out"; then
  pass "--version: $(cat "$OUT/version.out")"
else
  fail "--version"
fi

if run search "$BIN" search 查余额 --json && check_json search 'data["ids"][:1] == ["billing.balance"]'; then
  pass "search 查余额 --json: billing.balance first"
else
  fail "search 查余额 --json: billing.balance is not first ($(head -c 200 "$OUT/search.out"))"
fi

if run pinyin "$BIN" search xhzw --json && check_json pinyin 'len(data["ids"]) > 0'; then
  pass "search xhzw --json (pinyin initials): $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ids"][0])' "$OUT/pinyin.out")"
else
  fail "search xhzw --json: no hit"
fi

SHIPPED_KB="$APP/_internal/agent_assist/_knowledge"
if run lint "$BIN" lint-kb "$SHIPPED_KB"; then
  pass "lint-kb on the shipped KB: $(tail -n 1 "$OUT/lint.err")"
else
  fail "lint-kb on the shipped KB"
fi

# tone exits 1 when it finds something, like grep
if EXPECT_RC=1 run tone "$BIN" tone 我不能帮您办理 --json && check_json tone 'data["count"] >= 1 and data["findings"][0]["text"] == "我不能"'; then
  pass "tone 我不能帮您办理 --json: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["findings"][0]["rule_id"])' "$OUT/tone.out")"
else
  fail "tone 我不能帮您办理 --json"
fi

if run report "$BIN" report notes --json && check_json report '"calls" in data'; then
  pass "report notes --json"
else
  fail "report notes --json"
fi

XLSX="$OUT/notes.xlsx"
if run export "$BIN" export notes --format xlsx --out "$XLSX" && python3 - "$XLSX" <<'EOF'; then
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:  # an xlsx is a zip with the workbook inside
    sys.exit(0 if "xl/workbook.xml" in z.namelist() else 1)
EOF
  pass "export notes --format xlsx: $(stat -c %s "$XLSX") bytes, a workbook"
else
  fail "export notes --format xlsx"
fi

# team mode: psycopg and its libpq load inside the bundle (an unreachable server is reported,
# not a crash: psycopg also imports Python's ssl), and the app's own data files are all there
# (the team store's SQL migrations are read with importlib.resources)
NOWHERE="host=127.0.0.1 port=1 dbname=x user=x connect_timeout=2"
if EXPECT_RC=1 AGENT_ASSIST_TEAM_DSN="$NOWHERE" run team "$BIN" team status \
  && grep -q "连接失败" "$OUT/team.out"; then
  pass "team status, server unreachable: psycopg loads, the failure is reported"
else
  fail "team status, server unreachable: $(tail -n 3 "$OUT/team.out" "$OUT/team.err" | tr '\n' ' ')"
fi
missing="$(cd "$ROOT" && find agent_assist -type f ! -name '*.py' ! -path '*/__pycache__/*' \
  | while read -r f; do [ -f "$APP/_internal/$f" ] || echo "$f"; done)"
if [ -z "$missing" ]; then
  pass "the app's data files are in the bundle"
else
  fail "data files of the app missing from the bundle: $(echo "$missing" | tr '\n' ' ')"
fi

# the real desktop platform plugin (X11) loads, under a virtual X server when one is installed
if command -v xvfb-run >/dev/null 2>&1; then
  if QT_QPA_PLATFORM=xcb run xcb xvfb-run -a "$BIN" --screenshot "$OUT/xcb.png" \
    && [ "$(stat -c %s "$OUT/xcb.png" 2>/dev/null || echo 0)" -gt 20000 ]; then
    pass "--screenshot on X11 (xcb plugin, Xvfb): PNG $(stat -c %s "$OUT/xcb.png") bytes"
  else
    fail "--screenshot on X11 (xcb plugin, Xvfb)"
  fi
else
  echo "  skip  X11 start (xvfb-run not installed; apt-get install xvfb xauth to check it)"
fi

# 3. nothing written inside the install folder or the working directory; all of it in the data dir
find "$APP" -printf '%P %s %T@\n' | sort >"$WORK/install-after.txt"
if diff -q "$WORK/install-before.txt" "$WORK/install-after.txt" >/dev/null; then
  pass "install folder unchanged (read-only)"
else
  fail "files changed inside the install folder:"
  diff "$WORK/install-before.txt" "$WORK/install-after.txt" | head -20
fi
if [ -z "$(ls -A "$WORK/cwd")" ]; then
  pass "working directory untouched"
else
  fail "files written in the working directory: $(ls -A "$WORK/cwd" | head -5 | tr '\n' ' ')"
fi
if [ -f "$AGENT_ASSIST_DATA_DIR/agent_assist.db" ] && [ -f "$AGENT_ASSIST_DATA_DIR/cache/jieba.cache" ]; then
  pass "data dir holds the database and jieba's cache: $(cd "$AGENT_ASSIST_DATA_DIR" && find . -maxdepth 2 -mindepth 1 | sort | tr '\n' ' ')"
else
  fail "data dir is missing the database or jieba's cache"
fi

echo
echo "bundle: $(du -sh "$DIST" | cut -f1) unpacked ($(du -sb "$DIST" | cut -f1) bytes)"
echo "start to screenshot saved, first run (index built from scratch): $first"
echo "start to screenshot saved, warm:                                 $warm"
echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') on $(nproc) cores"
if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures check(s) FAILED"
  exit 1
fi
echo "smoke: all checks passed"
