#!/usr/bin/env python3
"""Reference outputs of the reference DCGAN's preprocessing, for PreprocessorTest.

pytorch/examples dcgan/main.py prepares images with torchvision's Resize(size) and
CenterCrop(size) on PIL images. This script applies the same steps with PIL directly
(torchvision's PIL path: the shorter side becomes `size`, the longer int(size * long / short),
bilinear filter; the crop's top/left are Python round((h - size) / 2)), on small random images,
and writes inputs and expected outputs as JSON.

Run with Debian's python3-pil and python3-numpy:
    /usr/bin/python3 scripts/make_preprocess_fixtures.py
"""
import json
import pathlib

import numpy as np
from PIL import Image

OUT = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/fixtures/preprocess.json"

# (width, height, input channels, target size, target channels)
CASES = [
    (37, 23, 3, 16, 3),   # landscape, downscale, odd crop
    (20, 50, 1, 8, 1),    # portrait grey, strong downscale
    (28, 28, 1, 64, 1),   # MNIST to 64: upscale
    (28, 28, 1, 32, 3),   # grey to RGB
    (45, 30, 3, 32, 1),   # RGB to grey
    (32, 32, 3, 32, 3),   # identity
    (9, 7, 3, 12, 3),     # upscale, landscape crop
]


def reference(img, size, channels):
    w, h = img.size
    if w <= h:
        rw, rh = size, int(size * h / w)
    else:
        rw, rh = int(size * w / h), size
    if (rw, rh) != (w, h):
        img = img.resize((rw, rh), Image.BILINEAR)
    top = int(round((rh - size) / 2.0))
    left = int(round((rw - size) / 2.0))
    img = img.crop((left, top, left + size, top + size))
    img = img.convert("L" if channels == 1 else "RGB")
    a = np.asarray(img, dtype=np.uint8)
    if channels == 1:
        return a[None, :, :]
    return a.transpose(2, 0, 1)


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    for w, h, c, size, channels in CASES:
        # Smooth random images: resampling of noise alone would hide filter-support mistakes less.
        base = rng.integers(0, 256, size=(h, w, c)).astype(np.float64)
        ramp = np.linspace(0, 255, w)[None, :, None]
        pixels = np.clip(0.5 * base + 0.5 * ramp, 0, 255).astype(np.uint8)
        img = Image.fromarray(pixels[:, :, 0] if c == 1 else pixels, "L" if c == 1 else "RGB")
        expected = reference(img, size, channels)
        cases.append({
            "width": w, "height": h, "channels": c, "size": size, "target_channels": channels,
            "pixels": pixels.reshape(-1).tolist(),
            "expected": expected.reshape(-1).tolist(),
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"pil": Image.__version__, "cases": cases}))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(cases)} cases)")


if __name__ == "__main__":
    main()
