#!/usr/bin/env bash
# Build the self-contained Linux bundle dist/lantern/ (run it as dist/lantern/lantern), then
# pack it as dist/lantern-linux-x86_64.tar.gz. Needs the set-up of README.md (./run-tests or
# ./lantern once): the .venv, and the Debian font packages whose files are bundled.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ ! -x .venv/bin/pyinstaller ]]; then
  .venv/bin/python -m pip install -q 'pyinstaller>=6.0'
fi
started=$(date +%s)
# --clean: start from an empty build cache, so nothing of a deleted module can be carried over.
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/lantern.spec
# Drop debug symbols (~130 MB). Not from auditwheel-patched libraries (name-hash.so, *.libs/):
# strip breaks their patched ELF layout (numpy's OpenBLAS then fails to load). Not from the
# `lantern` program either: its archive is appended to the file. The smoke test loads them all.
if command -v strip >/dev/null; then
  find dist/lantern/_internal -type f -name '*.so*' ! -path '*.libs/*' \
    ! -regex '.*-[0-9a-f]\{8\}\.so.*' -exec strip --strip-debug {} +
else
  echo "strip (binutils) not installed: the bundle keeps its debug symbols"
fi
install -m 0644 packaging/linux/lantern.desktop packaging/linux/lantern.svg dist/lantern/
install -m 0755 packaging/linux/install.sh dist/lantern/
tar -C dist -czf "dist/lantern-linux-$(uname -m).tar.gz" lantern
echo "Built dist/lantern in $(( $(date +%s) - started ))s; $(du -sh dist/lantern | cut -f1) unpacked," \
  "$(du -h "dist/lantern-linux-$(uname -m).tar.gz" | cut -f1) packed."
