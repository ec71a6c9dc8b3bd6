#!/usr/bin/env bash
# Remakes the files in samples/ from the shipped default model (assets/default-model) with the
# project's own commands. Run from anywhere after `mvn -B -q package -DskipTests`.
# The evolution GIFs need the two training runs (hours on a CPU; the commands are below and in
# assets/default-model/README.md): FACES_RUN and FASHION_RUN name their directories.
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

# The training runs' evolution, as postable GIFs: the top-left 4×4 cells of each recorded grid,
# log-spaced so the early steps, where most changes, get most frames, captioned "step N · epoch E".
FACES_RUN=${FACES_RUN:-runs/faces64}        # train --data synthetic-faces --image-size 64 --batch 64 --epochs 8 --seed 1 --sample-every 50 --checkpoint-every 500
FASHION_RUN=${FASHION_RUN:-runs/fashion32}  # train --data fashion-mnist --image-size 32 --channels 1 --batch 64 --epochs 3 --seed 1 --sample-every 25
if [ -d "$FACES_RUN" ]; then
    run gif "$FACES_RUN" --out samples/faces64-evolution.gif --grid 4x4 --frames 60 --log-spaced --caption --delay 120
fi
if [ -d "$FASHION_RUN" ]; then
    run gif "$FASHION_RUN" --out samples/fashion32-evolution.gif --frames 60 --log-spaced --caption --delay 120
fi

# What the studio itself exports (and the README's screenshots), driven as a user would under Xvfb
if command -v xvfb-run >/dev/null && [ -d "$FACES_RUN" ]; then
    xvfb-run -a java -XX:TieredStopAtLevel=1 -jar target/dcgan-studio.jar studio --screenshots "$tmp/tour" \
        --screenshots-run "$FACES_RUN"
    cp "$tmp"/tour/{train,explore,arithmetic,export}.png docs/screenshots/
    cp "$tmp/tour/walk.gif" samples/studio-walk.gif
    cp "$tmp/tour/walk-strip.png" samples/studio-walk-strip.png
    cp "$tmp/tour/sweep-PC1.gif" samples/studio-sweep-PC1.gif
    cp "$tmp/tour/arithmetic-figure.png" samples/studio-arithmetic-figure.png
fi
