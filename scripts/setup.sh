#!/usr/bin/env bash
# Set up everything Lantern needs on a Debian/Ubuntu machine, once: system packages (speech,
# fonts for every supported script, PDF tools, a virtual screen for screenshots, Qt's X11
# libraries) and a private virtualenv in .venv with Lantern and its test tools.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  espeak-ng libespeak-ng1 sox alsa-utils
  fonts-noto-core fonts-noto-cjk fonts-wqy-microhei
  poppler-utils cups-client
  xvfb xauth x11-utils binutils
  strace iproute2 util-linux mount
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libcups2
  # The screen-reader check (tests/test_ui_atspi.py): a D-Bus session, the AT-SPI registry and
  # Debian's pyatspi for the system python3 that walks the accessibility tree.
  dbus dbus-daemon at-spi2-core python3-pyatspi
)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "Creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.lantern-installed
wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$wanted" ]]; then
  echo "Installing Lantern and its Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$wanted" > "$stamp"
fi
