#!/usr/bin/env bash
# Makes the Windows (.ico) and macOS (.icns) icons from dcgan-studio.png, the 256-pixel Linux icon
# (a 64×64 face of the default model enlarged 4×). Small sizes are averaged down from the face;
# large ones stay nearest-neighbour so its pixels stay sharp.
# Needs ImageMagick, icoutils and icnsutils (apt-get install imagemagick icoutils icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
convert dcgan-studio.png -filter point -resize 64x64 "$work/64.png"
for s in 16 32 48; do convert "$work/64.png" -filter box -resize ${s}x${s} "$work/$s.png"; done
for s in 128 256 512; do convert "$work/64.png" -filter point -resize ${s}x${s} "$work/$s.png"; done
for s in 16 32 48 64 128 256 512; do convert "$work/$s.png" -define png:color-type=6 "PNG32:$work/$s.png"; done
icotool -c -o dcgan-studio.ico "$work"/{16,32,48,64}.png -r "$work/256.png"
png2icns dcgan-studio.icns "$work"/{16,32,48,128,256,512}.png >/dev/null
ls -l dcgan-studio.ico dcgan-studio.icns
