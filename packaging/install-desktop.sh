#!/usr/bin/env bash
# Install the Market Workbench desktop bundle for this user, in the XDG folders: the app
# in $XDG_DATA_HOME/market-workbench, the `workbench` command in ~/.local/bin, the menu
# entry, the icon, and the .mwp file type opening in the app. No root needed.
#
#   install-desktop.sh [BUNDLE]     BUNDLE: a folder built by packaging/build.sh; default:
#                                   the bundle this script sits in, else dist/MarketWorkbench
#   install-desktop.sh --uninstall  remove all of it again
#
# The desktop's caches are refreshed with update-mime-database, update-desktop-database
# and gtk-update-icon-cache, and .mwp files are given to the app with xdg-mime (or gio),
# each where it is available.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name=market-workbench
mime_type=application/x-market-workbench
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
config_home=${XDG_CONFIG_HOME:-$HOME/.config}
bin_home=$HOME/.local/bin
app_dir=$data_home/$name
icon_sizes=(16 24 32 48 64 128 256 512)

have() { command -v "$1" >/dev/null 2>&1; }

refresh_caches() {
    if have update-mime-database; then update-mime-database "$data_home/mime" >/dev/null; fi
    if have update-desktop-database; then update-desktop-database -q "$data_home/applications"; fi
    if have gtk-update-icon-cache && [ -f "$data_home/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$data_home/icons/hicolor" || true
    fi
}

find_bundle() {
    local bundle=${1:-}
    if [ -z "$bundle" ]; then
        if [ -x "$here/workbench" ] && [ -d "$here/_internal" ]; then
            bundle=$here
        else
            bundle=$here/../dist/MarketWorkbench
        fi
    fi
    if [ ! -x "$bundle/workbench" ] || [ ! -d "$bundle/_internal" ]; then
        echo "install-desktop.sh: no bundle at $bundle; build one with packaging/build.sh" >&2
        exit 2
    fi
    (cd "$bundle" && pwd)
}

install_app() {
    local bundle=$1
    if [ "$bundle" != "$app_dir" ]; then
        rm -rf "$app_dir.new"
        mkdir -p "$data_home"
        cp -a "$bundle" "$app_dir.new"
        rm -rf "$app_dir"
        mv "$app_dir.new" "$app_dir"
    fi
    mkdir -p "$bin_home"
    if [ ! -e "$bin_home/workbench" ] || [ -L "$bin_home/workbench" ]; then
        ln -sfn "$app_dir/workbench" "$bin_home/workbench"
    else
        echo "install-desktop.sh: kept the existing $bin_home/workbench (not ours)" >&2
    fi
}

install_desktop_files() {
    local icons=$app_dir/_internal/workbench/gui/icons size
    for size in "${icon_sizes[@]}"; do
        install -Dm644 "$icons/$name-$size.png" "$data_home/icons/hicolor/${size}x$size/apps/$name.png"
    done
    install -Dm644 "$icons/$name.svg" "$data_home/icons/hicolor/scalable/apps/$name.svg"
    install -Dm644 "$here/$name-mime.xml" "$data_home/mime/packages/$name.xml"
    mkdir -p "$data_home/applications"
    sed -e "s|^Exec=.*|Exec=\"$app_dir/workbench\" %f|" \
        -e "s|^TryExec=.*|TryExec=$app_dir/workbench|" \
        "$here/$name.desktop" >"$data_home/applications/$name.desktop"
    refresh_caches
    if have xdg-mime; then
        xdg-mime default "$name.desktop" "$mime_type"
    elif have gio; then
        gio mime "$mime_type" "$name.desktop" >/dev/null
    fi
}

uninstall() {
    rm -rf "$app_dir" "$data_home/applications/$name.desktop" \
        "$data_home/mime/packages/$name.xml" "$data_home/icons/hicolor/scalable/apps/$name.svg"
    local size
    for size in "${icon_sizes[@]}"; do
        rm -f "$data_home/icons/hicolor/${size}x$size/apps/$name.png"
    done
    if [ -L "$bin_home/workbench" ] && [ "$(readlink "$bin_home/workbench")" = "$app_dir/workbench" ]; then
        rm -f "$bin_home/workbench"
    fi
    if [ -f "$config_home/mimeapps.list" ]; then
        sed -i "\|^$mime_type=$name.desktop;\?$|d" "$config_home/mimeapps.list"
    fi
    refresh_caches
    echo "Removed Market Workbench from $data_home."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi
bundle=$(find_bundle "${1:-}")
install_app "$bundle"
install_desktop_files
echo "Installed Market Workbench in $app_dir: the menu entry, the icon and the .mwp file type."
echo "Command line: $bin_home/workbench"
