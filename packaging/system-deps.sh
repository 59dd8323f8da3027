#!/usr/bin/env bash
# System packages Market Workbench needs on Debian: Qt's platform libraries (xcb for a
# real screen or Xvfb, EGL/GL for offscreen), fonts, Xvfb for screens without a display,
# LibreOffice, the spreadsheet engine the workbook tests recalculate with (and Writer, which
# opens the Word report), python3-uno (the system Python's bridge to LibreOffice, with which
# the workbook tests sort and insert rows as a colleague would), poppler-utils (pdftoppm: the report's preview pages), the
# PostgreSQL server the team-server tests start in a temporary folder, and what the
# desktop bundle needs: binutils for PyInstaller, and xdg-utils, gio (libglib2.0-bin),
# shared-mime-info and desktop-file-utils to install and open its menu entry and file type.
# Installs only what is missing, so it is quick on a machine that has everything.
set -euo pipefail
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
          libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xfixes0
          libxcb-xkb1 fonts-dejavu-core xvfb xauth libreoffice-calc-nogui
          libreoffice-writer-nogui python3-uno poppler-utils postgresql binutils xdg-utils libglib2.0-bin
          shared-mime-info desktop-file-utils)
missing=()
for pkg in "${packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
