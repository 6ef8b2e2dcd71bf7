#!/usr/bin/env bash
# Install an unpacked Lantern bundle for the current user (no root): the program folder in
# ~/.local/opt/lantern, a `lantern` link in ~/.local/bin, the menu entry and the icon.
# Usage: packaging/linux/install.sh [BUNDLE_DIR]   (default: the folder this script is in,
# or dist/lantern in a checkout). Remove with: packaging/linux/install.sh --uninstall
set -euo pipefail
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/lantern"
if [[ "${1:-}" == "--uninstall" ]]; then
  rm -rf "$opt" "$HOME/.local/bin/lantern" "$prefix/applications/lantern.desktop" \
    "$prefix/icons/hicolor/scalable/apps/lantern.svg"
  echo "Lantern removed (its data folder, $prefix/Lantern, is kept)."
  exit 0
fi
here="$(cd "$(dirname "$0")" && pwd)"
bundle="${1:-}"
if [[ -z "$bundle" ]]; then
  if [[ -x "$here/lantern" ]]; then bundle="$here"; else bundle="$here/../../dist/lantern"; fi
fi
[[ -x "$bundle/lantern" ]] || { echo "No Lantern bundle at $bundle" >&2; exit 1; }
mkdir -p "$opt" "$HOME/.local/bin" "$prefix/applications" "$prefix/icons/hicolor/scalable/apps"
cp -a "$bundle/." "$opt/"
ln -sf "$opt/lantern" "$HOME/.local/bin/lantern"
sed "s|^Exec=.*|Exec=$opt/lantern|; s|^TryExec=.*|TryExec=$opt/lantern|" \
  "$here/lantern.desktop" > "$prefix/applications/lantern.desktop"
cp "$here/lantern.svg" "$prefix/icons/hicolor/scalable/apps/lantern.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/applications" || true
echo "Lantern installed in $opt; start it from the menu or with: lantern"
