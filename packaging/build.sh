#!/usr/bin/env bash
# Build the double-clickable app: a one-folder bundle at dist/mnist-studio/ that runs with no Python,
# no network and an empty home. Run from anywhere inside a clone:   packaging/build.sh [options]
#
#   --clean       start from nothing: delete the build venv (build/venv) and old outputs first
#   --no-test     skip the bundle's self-test at the end
#   --archive     also pack dist/mnist-studio-<version>-<os>-<arch>.tar.gz for handing out
#
# Environment: PYTHON (interpreter for the build venv, default python3; 3.10 or newer).
# It needs PyPI (or a pip mirror) the first time; later builds reuse build/venv.
# Exit codes: 0 built (and self-tested); 3 the build tools could not be set up (no suitable Python,
# or pip could not install the pinned packages), so nothing was built; 1 the build or self-test failed.
set -euo pipefail

clean=0 run_test=1 archive=0
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    --no-test) run_test=0 ;;
    --archive) archive=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
venv="build/venv"
app="dist/mnist-studio"
started=$(date +%s)

if ! "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "build.sh: '$python' is not Python 3.10+ with the venv module; set PYTHON=/path/to/python3.x" >&2
  exit 3
fi

if [ "$clean" = 1 ]; then
  rm -rf "$venv" build/pyinstaller build/lib build/bdist.* "$app"
fi

# 1. A build venv of our own, with exact versions (packaging/constraints.txt), so two builds of one
#    commit bundle the same libraries and nothing from the developer's environment leaks in.
if [ ! -x "$venv/bin/python" ]; then
  echo "== creating the build venv ($venv) with $("$python" --version)"
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    echo "build.sh: could not create the build venv with $python (Debian/Ubuntu: apt-get install python3-venv)" >&2
    exit 3
  fi
fi
vpy="$venv/bin/python"
echo "== installing the pinned dependencies and PyInstaller"
if ! "$vpy" -m pip install -q --disable-pip-version-check -c packaging/constraints.txt '.[package]'; then
  echo "build.sh: pip could not install the pinned build tools (packaging/constraints.txt); is PyPI reachable?" >&2
  exit 3
fi
# The project itself, not editable, rebuilt from this tree every time (its version number does not
# change between commits, so pip would otherwise keep the previous build). setuptools' own build/lib
# may hold modules deleted since; clear it so they do not come back.
rm -rf build/lib build/bdist.*
"$vpy" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall .

# 2. Freeze.
echo "== running PyInstaller (packaging/mnist-studio.spec)"
rm -rf "$app" build/pyinstaller
"$vpy" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/mnist-studio.spec

exe="$app/mnist-studio"
[ -x "$exe" ] || { echo "build.sh: PyInstaller finished but $exe is missing" >&2; exit 1; }
echo "== built $exe ($(du -sh "$app" | cut -f1))"
mac_app="dist/MNIST Studio.app"
if [ -d "$mac_app" ] && [ "$(uname -s)" = Darwin ]; then
  echo "== built $mac_app (double-click this one on macOS)"
fi

# 3. Libraries the bundle expects the system to provide but this build machine lacks: PyInstaller can
#    only bundle what it finds, so the window may not open on machines without them either.
if command -v ldd >/dev/null; then
  missing=$(find "$app/_internal/PySide6" -name '*.so*' -type f -exec ldd {} \; 2>/dev/null \
            | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
  if [ -n "$missing" ]; then
    echo "warning: not found on this build machine, so not bundled: $missing"
    echo "         (the X11 window needs them; on Debian/Ubuntu install e.g. libxcb-icccm4 libxcb-keysyms1"
    echo "          libxcb-cursor0 and build again, or make sure the target machines have them)"
  fi
fi

# 4. Check the bundle the way a classroom machine would run it: no Python on PATH, empty home, no
#    display (offscreen), no network needed.
if [ "$run_test" = 1 ]; then
  echo "== self-test of the bundle (env -i, empty HOME, offscreen)"
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  if ! env -i HOME="$home" QT_QPA_PLATFORM=offscreen "$exe" --self-test; then
    echo "build.sh: the bundle's self-test FAILED (see above)" >&2
    exit 1
  fi
  # The same on a Chinese system: the bundle must carry and load its translations (and Qt's).
  echo "== self-test of the bundle with LANG=zh_CN.UTF-8"
  if ! out=$(env -i HOME="$home" LANG=zh_CN.UTF-8 QT_QPA_PLATFORM=offscreen "$exe" --self-test); then
    echo "$out"
    echo "build.sh: the bundle's self-test under LANG=zh_CN.UTF-8 FAILED (see above)" >&2
    exit 1
  fi
  echo "$out"
  case "$out" in
    *"language zh_CN"*) ;;
    *) echo "build.sh: under LANG=zh_CN.UTF-8 the bundle did not load its Chinese translation" >&2; exit 1 ;;
  esac
fi

if [ "$archive" = 1 ]; then
  version=$("$vpy" -c 'from importlib.metadata import version; print(version("mnist-studio"))')
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  if [ "$os" = darwin ]; then
    # ditto keeps the .app's symlinks, permissions and extended attributes, as Finder's zip does.
    packed="dist/mnist-studio-$version-macos-$(uname -m).zip"
    rm -f "$packed"
    ditto -c -k --keepParent "$mac_app" "$packed"
  else
    packed="dist/mnist-studio-$version-$os-$(uname -m).tar.gz"
    tar -C dist -czf "$packed" mnist-studio
  fi
  echo "== packed $packed ($(du -h "$packed" | cut -f1))"
fi

echo "== done in $(( $(date +%s) - started )) s: $exe"
