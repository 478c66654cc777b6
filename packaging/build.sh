#!/usr/bin/env bash
# Build the Linux desktop bundle: bash packaging/build.sh
#
# Makes dist/agent-assist/ (one folder: the agent-assist executable, _internal/ with Python, Qt
# and the sample knowledge base, share/ with the menu entry, icons and AppStream metadata,
# install.sh) and dist/agent-assist-VERSION-linux-ARCH.tar.gz of it.
#
# Installs what it needs itself: a virtual environment (default .venv-build/ in the repository;
# BUILD_VENV=.venv reuses another one, as .ci/run does with the test venv) with the app and its
# `build` extra (PyInstaller). PYTHON picks the interpreter that creates it (default python3,
# >= 3.11). Qt's offscreen run needs the system libraries .ci/run installs (libegl1, libgl1,
# libxkbcommon0, libfontconfig1, libdbus-1-3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VENV="${BUILD_VENV:-.venv-build}"
PYTHON="${PYTHON:-python3}"
start=$(date +%s)

if [ ! -x "$VENV/bin/python" ]; then
  echo "build: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
echo "build: installing the app and PyInstaller into $VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[build]"

VERSION="$("$VENV/bin/python" -c 'import agent_assist; print(agent_assist.__version__)')"
ARCH="$(uname -m)"
DIST="$ROOT/dist/agent-assist"

echo "build: PyInstaller (packaging/agent-assist.spec)"
rm -rf "$DIST"
PYTHONPATH="$ROOT" QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m PyInstaller \
  --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  packaging/agent-assist.spec

# every command and report subject is imported by name (importlib): the frozen app must list
# the same ones as the source it was built from, else a module was left out of the bundle
for args in "--help" "report --help" "export --help"; do
  # shellcheck disable=SC2086 # $args is split on purpose
  if ! diff <(COLUMNS=100 "$VENV/bin/python" -m agent_assist $args) \
    <(COLUMNS=100 "$DIST/agent-assist" $args) >/dev/null; then
    echo "build: 'agent-assist $args' differs between the source and the bundle:" >&2
    diff <(COLUMNS=100 "$VENV/bin/python" -m agent_assist $args) \
      <(COLUMNS=100 "$DIST/agent-assist" $args) >&2 || true
    exit 1
  fi
done
echo "build: the bundle lists the same commands as the source"

# desktop integration files, laid out as under /usr/share so install.sh can copy them as they are
SHARE="$DIST/share"
mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
cp packaging/linux/agent-assist.desktop "$SHARE/applications/"
cp packaging/linux/org.agentassist.AgentAssist.metainfo.xml "$SHARE/metainfo/"
cp ui/icons/agent-assist.svg "$SHARE/icons/hicolor/scalable/apps/"
for png in ui/icons/agent-assist-*.png; do
  size="${png##*-}"
  size="${size%.png}"
  mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/agent-assist.png"
done
cp packaging/linux/install.sh "$DIST/install.sh"
chmod +x "$DIST/install.sh"

# validate the desktop entry and metadata where the tools exist (desktop-file-utils, appstream)
if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate "$SHARE/applications/agent-assist.desktop"
  echo "build: desktop-file-validate: ok"
else
  echo "build: desktop-file-validate not installed, .desktop not validated"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net "$SHARE/metainfo/org.agentassist.AgentAssist.metainfo.xml"
else
  echo "build: appstreamcli not installed, metainfo not validated"
fi

TARBALL="$ROOT/dist/agent-assist-$VERSION-linux-$ARCH.tar.gz"
tar -C "$ROOT/dist" -czf "$TARBALL" agent-assist

echo
echo "build: dist/agent-assist holds (largest first):"
(cd "$DIST" && du -sh -- * | sort -rh)
echo "build: dist/agent-assist/_internal, largest 15:"
(cd "$DIST/_internal" && du -sh -- * | sort -rh | head -n 15)
echo "build: bundle $(du -sh "$DIST" | cut -f1) unpacked ($(du -sb "$DIST" | cut -f1) bytes, $(find "$DIST" -type f | wc -l) files)"
echo "build: $(basename "$TARBALL") $(du -h "$TARBALL" | cut -f1) ($(stat -c %s "$TARBALL") bytes)"
echo "build: took $(($(date +%s) - start)) s"
