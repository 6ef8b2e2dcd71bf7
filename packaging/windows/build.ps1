# Build Lantern for Windows: dist\lantern\lantern.exe (+ _internal\). NOT TESTED: written to the
# same shape as packaging/build.sh, never run (no Windows machine was available). See README.md.
# Run from the repository root in PowerShell, with Python 3.11 (64-bit) on PATH:
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path .venv\Scripts\python.exe)) { python -m venv .venv }
.venv\Scripts\python -m pip install -q --upgrade pip
.venv\Scripts\python -m pip install -q -e ".[test,packaging]"

# The Noto TTFs named in packaging\bundle_fonts.py and wqy-microhei.ttc, downloaded beforehand.
if (-not $env:LANTERN_FONTS_DIR) { throw "Set LANTERN_FONTS_DIR to the folder with the fonts." }
# packaging\icons\lantern.ico, e.g.: magick packaging\linux\lantern.svg -define icon:auto-resize=256,64,48,32,16 packaging\icons\lantern.ico
if (-not (Test-Path packaging\icons\lantern.ico)) { throw "Make packaging\icons\lantern.ico first." }

$started = Get-Date
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN `
  --distpath dist --workpath build\pyinstaller packaging\lantern.spec
Compress-Archive -Force -Path dist\lantern -DestinationPath dist\lantern-windows-x64.zip
"Built dist\lantern in {0:N0}s" -f ((Get-Date) - $started).TotalSeconds
# Then: .venv\Scripts\python packaging\smoke_test.py dist\lantern
