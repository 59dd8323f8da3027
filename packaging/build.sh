#!/usr/bin/env bash
# Build the Market Workbench desktop bundle: one folder with one executable, `workbench`,
# for the app and the command line, that runs on a Linux machine without Python.
#
#   packaging/build.sh [OUT_DIR]     the bundle goes to OUT_DIR/MarketWorkbench (default dist/)
#
# Needs PyInstaller (pip install -e '.[build]'); PYTHON picks the interpreter (default
# python3) and WORKBENCH_BUILD_WORK PyInstaller's work folder (default build/pyinstaller).
# The bundle also carries install-desktop.sh, which installs it for the user with its menu
# entry, icon and the .mwp file type. See docs/packaging.md.
set -euo pipefail
packaging=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$packaging")
out=$(realpath -m "${1:-$root/dist}")
work=$(realpath -m "${WORKBENCH_BUILD_WORK:-$root/build/pyinstaller}")
python=${PYTHON:-python3}

if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed for $python; run: pip install -e '.[build]'" >&2
    exit 2
fi
# The tree being built, not another installed copy, is what PyInstaller must import.
export PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"
"$python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$out" --workpath "$work" "$packaging/workbench.spec"

bundle="$out/MarketWorkbench"
# A Python built from source (pyenv) keeps its debug symbols; the bundle does not need
# them. Only the interpreter's own files: `strip` breaks libraries auditwheel patched.
if command -v strip >/dev/null; then
    find "$bundle/_internal" -type f \( -name 'libpython3*.so*' -o -path '*/lib-dynload/*.so' \) \
        -exec strip --strip-debug {} +
fi
cp "$packaging/install-desktop.sh" "$packaging/market-workbench.desktop" \
    "$packaging/market-workbench-mime.xml" "$bundle/"
size_mb=$(du -sm "$bundle" | cut -f1)
files=$(find "$bundle" -type f | wc -l)
echo "Built $bundle: $size_mb MB in $files files."
echo "Run it: $bundle/workbench    Install it for this user: $bundle/install-desktop.sh"
