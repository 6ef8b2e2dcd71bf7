#!/usr/bin/env bash
# Build Lantern for macOS: dist/Lantern.app and dist/lantern/ (the command-line program).
# NOT TESTED: written to the same shape as packaging/build.sh, never run (no Mac was available).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3.11}
[[ -x .venv/bin/python ]] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,packaging]'
# The Noto TTFs named in packaging/bundle_fonts.py and wqy-microhei.ttc, downloaded beforehand.
: "${LANTERN_FONTS_DIR:?Set LANTERN_FONTS_DIR to the folder with the fonts}"
if [[ ! -f packaging/icons/lantern.icns ]]; then
  # An .icns from the SVG (rsvg-convert from librsvg, iconutil ships with macOS).
  mkdir -p build/lantern.iconset packaging/icons
  for size in 16 32 128 256 512; do
    rsvg-convert -w $size -h $size packaging/linux/lantern.svg > "build/lantern.iconset/icon_${size}x${size}.png"
    rsvg-convert -w $((size * 2)) -h $((size * 2)) packaging/linux/lantern.svg \
      > "build/lantern.iconset/icon_${size}x${size}@2x.png"
  done
  iconutil -c icns build/lantern.iconset -o packaging/icons/lantern.icns
fi
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/lantern.spec
echo "Built dist/Lantern.app in $(( $(date +%s) - started ))s"
# Then: .venv/bin/python packaging/smoke_test.py dist/lantern
# Distribution needs: codesign --deep --options runtime, notarytool submit, stapler staple.
