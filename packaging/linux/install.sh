#!/usr/bin/env sh
# Install Agent Assist for the current user from the unpacked folder this script sits in:
#   tar xzf agent-assist-*-linux-*.tar.gz && agent-assist/install.sh
# Copies the folder to ~/.local/opt/agent-assist, links ~/.local/bin/agent-assist, and adds the
# menu entry, icons and AppStream metadata under ~/.local/share. No root needed. The agent's data
# (database, settings, caches) lives in ~/.local/share/agent-assist and is never touched here.
# Remove with: agent-assist/install.sh --uninstall   (the data stays).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX="${PREFIX:-$HOME/.local}"
DEST="$PREFIX/opt/agent-assist"
SHARE="$PREFIX/share"

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$DEST" "$PREFIX/bin/agent-assist" "$SHARE/applications/agent-assist.desktop" \
    "$SHARE/metainfo/org.agentassist.AgentAssist.metainfo.xml"
  for png in "$SHARE"/icons/hicolor/*/apps/agent-assist.png; do rm -f "$png"; done
  rm -f "$SHARE/icons/hicolor/scalable/apps/agent-assist.svg"
  echo "removed Agent Assist from $PREFIX (the agent's data is kept)"
  exit 0
fi

if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST"
  mkdir -p "$PREFIX/opt"
  cp -a "$HERE" "$DEST"
fi
mkdir -p "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo"
ln -sf "$DEST/agent-assist" "$PREFIX/bin/agent-assist"
sed "s|^Exec=agent-assist|Exec=$DEST/agent-assist|" "$DEST/share/applications/agent-assist.desktop" \
  >"$SHARE/applications/agent-assist.desktop"
cp "$DEST/share/metainfo/org.agentassist.AgentAssist.metainfo.xml" "$SHARE/metainfo/"
cp -R "$DEST/share/icons" "$SHARE/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$SHARE/icons/hicolor" 2>/dev/null || true
echo "installed Agent Assist in $DEST (menu entry: 坐席助手 / Agent Assist)"

# the bundle leaves the libraries of a few system packages to the system (docs/packaging.md):
# say which are missing now, not as a window that never opens
LIBS="$DEST/_internal"
missing="$(LD_LIBRARY_PATH="$LIBS" ldd "$LIBS/libQt6Gui.so.6" "$LIBS/libQt6XcbQpa.so.6" \
  "$LIBS/PySide6/Qt/plugins/platforms/libqxcb.so" 2>/dev/null | awk '/not found/ {print $1}' \
  | sort -u | tr '\n' ' ')"
if [ -n "$missing" ]; then
  echo "warning: system libraries missing: $missing" >&2
  echo "  install (Debian/Ubuntu): libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3" >&2
fi
