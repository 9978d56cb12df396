#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders SSE Scope's application icon from resources/icons/ssescope.svg into the files that are committed
# beside it: resources/icons/png/ssescope-N.png (N = 16 22 24 32 48 64 128 256 512), the Windows icon
# resources/icons/ssescope.ico (16, 24, 32, 48, 64 and 256 pixels) and the macOS icon
# resources/icons/ssescope.icns (16, 32, 128, 256 and 512 pixels). Run it again after changing the SVG.
#
# Needs rsvg-convert, icotool and png2icns: the Debian packages librsvg2-bin, icoutils and icnsutils. When one
# is missing it installs them with apt-get (as root, or through sudo). Options: --check renders into a
# temporary directory and fails when the committed files differ from what the SVG gives.
set -euo pipefail
# shellcheck source=lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"

source=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
svg=$source/resources/icons/ssescope.svg
pngSizes=(16 22 24 32 48 64 128 256 512)
icoSizes=(16 24 32 48 64 256)
icnsSizes=(16 32 128 256 512)

check=
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        -h|--help)
            sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *)
            echo "make-icons: unknown option '$arg' (try --help)" >&2
            exit 2 ;;
    esac
done

ensureTools() {
    local -A packageOf=([rsvg-convert]=librsvg2-bin [icotool]=icoutils [png2icns]=icnsutils)
    local missing=() tool
    for tool in "${!packageOf[@]}"; do
        command -v "$tool" >/dev/null || missing+=("${packageOf[$tool]}")
    done
    aptInstall make-icons "${missing[@]}"
}

ensureTools
[ -f "$svg" ] || { echo "make-icons: no $svg" >&2; exit 3; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/png"

for size in "${pngSizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$svg" -o "$work/png/ssescope-$size.png"
done

# 256 pixels goes in as PNG (--raw), as Windows Vista and later expect; the smaller sizes as bitmaps.
icoArgs=()
for size in "${icoSizes[@]}"; do
    if [ "$size" -ge 256 ]; then
        icoArgs+=(--raw="$work/png/ssescope-$size.png")
    else
        icoArgs+=("$work/png/ssescope-$size.png")
    fi
done
icotool --create --output="$work/ssescope.ico" "${icoArgs[@]}"

icnsArgs=()
for size in "${icnsSizes[@]}"; do
    icnsArgs+=("$work/png/ssescope-$size.png")
done
# png2icns names each image it adds on standard output; only its errors matter here.
png2icns "$work/ssescope.icns" "${icnsArgs[@]}" >/dev/null

outputs=(ssescope.ico ssescope.icns)
for size in "${pngSizes[@]}"; do
    outputs+=("png/ssescope-$size.png")
done

if [ -n "$check" ]; then
    stale=()
    for file in "${outputs[@]}"; do
        cmp -s "$work/$file" "$source/resources/icons/$file" || stale+=("$file")
    done
    if [ ${#stale[@]} -gt 0 ]; then
        echo "make-icons: out of date with ssescope.svg: ${stale[*]} (run scripts/make-icons.sh)" >&2
        exit 1
    fi
    echo "make-icons: every icon matches ssescope.svg"
    exit 0
fi

mkdir -p "$source/resources/icons/png"
for file in "${outputs[@]}"; do
    cp "$work/$file" "$source/resources/icons/$file"
done
echo "make-icons: wrote ${#outputs[@]} files to resources/icons (png/, ssescope.ico, ssescope.icns)"
