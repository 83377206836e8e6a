#!/usr/bin/env bash
# Put MNIST Studio in your desktop's application menu (for you only, no root needed): installs
# mnist-studio.desktop and the app icon (SVG + PNG 16-256 px) under ~/.local/share.
#
#   ./install-desktop-entry.sh [PATH/TO/mnist-studio]     install (or update) the menu entry
#   ./install-desktop-entry.sh --uninstall                remove it again
#
# Run it from the app folder (dist/mnist-studio/, where build.sh also puts a copy) or from
# packaging/linux/ in a checkout. The menu entry runs the executable by its absolute path, so move the
# app folder first, then install. Honours XDG_DATA_HOME.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
apps_dir="$data_home/applications"
icons_dir="$data_home/icons/hicolor"
entry="$apps_dir/mnist-studio.desktop"
sizes="16 24 32 48 64 128 256"

refresh_caches() {
  # Desktops watch these folders; a newer folder time tells icon caches to look again. No cache files
  # are written: a per-user icon cache would later hide other programs' icons.
  touch "$icons_dir" "$apps_dir" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$entry" "$icons_dir/scalable/apps/mnist-studio.svg"
  for s in $sizes; do rm -f "$icons_dir/${s}x${s}/apps/mnist-studio.png"; done
  refresh_caches
  echo "removed the MNIST Studio menu entry and icons from $data_home"
  exit 0
fi

# The executable: the argument, else the one beside this script (inside the app folder), else the
# freshly built one in the checkout.
exe="${1:-}"
if [ -z "$exe" ]; then
  for candidate in "$here/mnist-studio" "$here/../../dist/mnist-studio/mnist-studio"; do
    if [ -f "$candidate" ] && [ -x "$candidate" ]; then exe="$candidate"; break; fi
  done
fi
if [ -z "$exe" ] || [ ! -f "$exe" ] || [ ! -x "$exe" ]; then
  echo "install-desktop-entry.sh: no app executable found${exe:+ at '$exe'}; build it with packaging/build.sh or give its path" >&2
  exit 1
fi
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"

# The icons: from the app folder's resources, else from the checkout's resources/.
icon_src=""
for candidate in "$(dirname "$exe")/_internal/mnist_studio/resources" "$here/../../resources"; do
  if [ -f "$candidate/icon.svg" ]; then icon_src="$(cd "$candidate" && pwd)"; break; fi
done
[ -n "$icon_src" ] || { echo "install-desktop-entry.sh: cannot find the app icons (icon.svg) next to $exe" >&2; exit 1; }

template="$here/mnist-studio.desktop"
[ -f "$template" ] || { echo "install-desktop-entry.sh: $template is missing" >&2; exit 1; }

# Exec= wants the path quoted, with \ " ` $ escaped inside the quotes, and % doubled; then the
# .desktop string rules double every backslash once more (Desktop Entry spec, "The Exec key").
exec_arg=$(printf '%s' "$exe" | sed -e 's/[\\"`$]/\\&/g' -e 's/%/%%/g')
exec_value=$(printf '"%s"' "$exec_arg" | sed -e 's/\\/\\\\/g')
tryexec_value=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g')

mkdir -p "$apps_dir" "$icons_dir/scalable/apps"
install -m 644 "$icon_src/icon.svg" "$icons_dir/scalable/apps/mnist-studio.svg"
for s in $sizes; do
  if [ -f "$icon_src/icon-$s.png" ]; then
    mkdir -p "$icons_dir/${s}x${s}/apps"
    install -m 644 "$icon_src/icon-$s.png" "$icons_dir/${s}x${s}/apps/mnist-studio.png"
  fi
done

# Build the entry in a scratch folder, check it, then move it into place under a temporary name, so
# the menu never reads half a file.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    # TryExec hides the entry if the app folder is deleted later.
    Exec=*) printf 'Exec=%s\nTryExec=%s\n' "$exec_value" "$tryexec_value" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$template" > "$work/mnist-studio.desktop"
if command -v desktop-file-validate >/dev/null && ! desktop-file-validate "$work/mnist-studio.desktop"; then
  echo "install-desktop-entry.sh: the generated entry does not validate (see above); not installed" >&2
  exit 1
fi
install -m 644 "$work/mnist-studio.desktop" "$apps_dir/.mnist-studio.desktop.new"
mv -f "$apps_dir/.mnist-studio.desktop.new" "$entry"
refresh_caches
echo "installed $entry -> $exe"
echo "MNIST Studio is now in your application menu (log out and in if it does not show up yet)."
