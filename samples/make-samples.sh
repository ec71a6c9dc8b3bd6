#!/usr/bin/env bash
# Remakes the files in samples/ from the shipped default model (assets/default-model) with the
# project's own commands. Run from anywhere after `mvn -B -q package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { java -jar target/dcgan-studio.jar "$@"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 64 faces of the default model (its architecture and weights come from assets/ when no --checkpoint)
run sample --count 64 --seed 7 --png-out samples/default-model-grid.png

# a slerp walk through three drawn latents: strip and looping GIF (the paper's Figure 4)
for s in 11 12 13; do run sample --count 1 --seed "$s" --latents-out "$tmp/z$s.npy"; done
run interpolate --from "$tmp/z11.npy" --via "$tmp/z12.npy" --to "$tmp/z13.npy" --frames 17 --mode slerp \
    --png-out samples/walk-strip.png --gif-out samples/walk.gif --scale 2

# the five leading discovered directions, each swept across ±2.5 standard deviations
run directions --count 5 --npy-out "$tmp/directions.npy" --sweep-png samples/direction-sweeps.png --sweep-frames 9

# the arithmetic score of the default model (the README's figures)
run arithmetic-eval --trials 200 > samples/arithmetic-eval.json
