#!/usr/bin/python3
"""PyTorch baseline benchmark for DCGAN Studio.

Times the full pytorch/examples dcgan training iteration (D step on real and
fake, G step; Adam lr 2e-4 betas (0.5, 0.999); BCELoss) on random tensors that
are already in memory, so no data loading is measured.

    /usr/bin/python3 scripts/torch_dcgan_bench.py                     # reference 64x64 config
    /usr/bin/python3 scripts/torch_dcgan_bench.py --convt phase       # phase-decomposed ConvT
    /usr/bin/python3 scripts/torch_dcgan_bench.py --tiny              # nz 8, ngf=ndf=2, batch 1

--convt torch   uses nn.ConvTranspose2d in G (the reference).
--convt phase   replaces every ConvTranspose2d of G by an equivalent:
                k=4,s=2,p=1 -> one conv2d with a re-laid-out 2x2 kernel giving
                4*Cout channels on the input padded by 1, interleaved by
                reshape/permute and cropped by 1 on each edge;
                the first layer (1x1 input, s=1, p=0) -> one matmul.
                The weights keep the ConvTranspose2d layout (Cin, Cout, kH, kW),
                so the re-layout is part of every forward/backward, and the
                optimizer sees exactly the same parameters as with --convt torch.
                Equality with nn.ConvTranspose2d is asserted at start (atol 1e-4).

Prints one JSON line.
"""

import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_torch_fixtures import Discriminator, Generator, reference_iteration, weights_init  # noqa: E402


# --------------------------------------------------------------------------
# phase (sub-pixel) decomposition of ConvTranspose2d
# --------------------------------------------------------------------------

def convt_k4s2p1_phase(x, w):
    """== F.conv_transpose2d(x, w, stride=2, padding=1) for w of shape (Cin, Cout, 4, 4).

    Output pixel (2m+ry, 2n+rx) before the crop is a 2x2 correlation of the
    1-padded input with K[ry,rx][dy,dx] = w[2+ry-2dy, 2+rx-2dx]; after the
    interleave the full (2H+2, 2W+2) map is cropped by 1 on every edge.
    """
    n, cin, h, wd = x.shape
    cout = w.shape[1]
    # index tensor for kernel taps: rows/cols [2+r-2d] -> for r in {0,1}, d in {0,1}
    idx = torch.tensor([[2, 0], [3, 1]], device=w.device)  # idx[r][d] = 2 + r - 2d
    # wk[ci, co, ry, dy, rx, dx] = w[ci, co, idx[ry,dy], idx[rx,dx]]
    wk = w[:, :, idx][:, :, :, :, idx]                      # (Cin, Cout, 2, 2, 2, 2)
    # conv2d weight (4*Cout, Cin, 2, 2), out channel = (ry*2+rx)*Cout + co
    k = wk.permute(2, 4, 1, 0, 3, 5).reshape(4 * cout, cin, 2, 2)
    z = F.conv2d(F.pad(x, (1, 1, 1, 1)), k)                  # (N, 4*Cout, H+1, W+1)
    z = z.view(n, 2, 2, cout, h + 1, wd + 1).permute(0, 3, 4, 1, 5, 2)
    z = z.reshape(n, cout, 2 * (h + 1), 2 * (wd + 1))
    return z[:, :, 1:-1, 1:-1]


def convt_1x1_input_matmul(x, w):
    """== F.conv_transpose2d(x, w) (stride 1, padding 0) for x of shape (N, Cin, 1, 1)."""
    n, cin = x.shape[0], x.shape[1]
    cout, kh, kw = w.shape[1], w.shape[2], w.shape[3]
    return torch.mm(x.reshape(n, cin), w.reshape(cin, cout * kh * kw)).view(n, cout, kh, kw)


class PhaseConvTranspose2d(nn.Module):
    """Drop-in for the bias-free ConvTranspose2d layers of the DCGAN generator."""

    def __init__(self, ct):
        super().__init__()
        assert ct.bias is None and ct.groups == 1 and ct.dilation == (1, 1)
        self.kernel_size, self.stride, self.padding = ct.kernel_size, ct.stride, ct.padding
        if self.stride == (2, 2) and self.padding == (1, 1) and self.kernel_size == (4, 4):
            self.mode = "phase"
        elif self.stride == (1, 1) and self.padding == (0, 0):
            self.mode = "matmul"
        else:
            raise ValueError("unsupported ConvTranspose2d %s" % ct)
        self.weight = nn.Parameter(ct.weight.detach().clone())

    def forward(self, x):
        if self.mode == "phase":
            return convt_k4s2p1_phase(x, self.weight)
        assert x.shape[2] == 1 and x.shape[3] == 1
        return convt_1x1_input_matmul(x, self.weight)


def to_phase(G):
    for i, m in enumerate(G.main):
        if isinstance(m, nn.ConvTranspose2d):
            G.main[i] = PhaseConvTranspose2d(m)
    return G


def check_phase(G_ref, nz, batch=2):
    """Assert that the phase generator equals nn.ConvTranspose2d (outputs and grads)."""
    import copy
    torch.manual_seed(123)
    # single layers first, including bigger spatial sizes than G uses
    for cin, cout, h, w in [(3, 5, 1, 1), (4, 3, 5, 7), (2, 2, 8, 8)]:
        x = torch.randn(2, cin, h, w)
        wt = torch.randn(cin, cout, 4, 4)
        torch.testing.assert_close(convt_k4s2p1_phase(x, wt),
                                   F.conv_transpose2d(x, wt, stride=2, padding=1),
                                   atol=1e-4, rtol=0)
        x1 = torch.randn(3, cin, 1, 1)
        for k in (4, 7):
            wt = torch.randn(cin, cout, k, k)
            torch.testing.assert_close(convt_1x1_input_matmul(x1, wt),
                                       F.conv_transpose2d(x1, wt), atol=1e-4, rtol=0)
    # whole generator, train mode, forward and weight gradients
    G_a = copy.deepcopy(G_ref).train()
    G_b = to_phase(copy.deepcopy(G_ref)).train()
    z = torch.randn(batch, nz, 1, 1)
    ya, yb = G_a(z), G_b(z)
    torch.testing.assert_close(yb, ya, atol=1e-4, rtol=0)
    gy = torch.randn_like(ya)
    (ya * gy).sum().backward()
    (yb * gy).sum().backward()
    for (na, pa), (nb, pb) in zip(G_a.named_parameters(), G_b.named_parameters()):
        assert na == nb, (na, nb)
        torch.testing.assert_close(pb.grad, pa.grad, atol=1e-4, rtol=1e-4)


# --------------------------------------------------------------------------
# benchmark
# --------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image-size", type=int, default=None)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--nz", type=int, default=None)
    ap.add_argument("--ngf", type=int, default=None)
    ap.add_argument("--ndf", type=int, default=None)
    ap.add_argument("--channels", type=int, default=None)
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--warmup", type=int, default=None)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--convt", choices=["torch", "phase"], default="torch")
    ap.add_argument("--tiny", action="store_true",
                    help="preset: image 64, nz 8, ngf=ndf=2, batch 1, steps 300, warmup 30")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)

    if a.tiny:
        preset = dict(image_size=64, batch=1, nz=8, ngf=2, ndf=2, channels=3, steps=300, warmup=30)
    else:
        preset = dict(image_size=64, batch=64, nz=100, ngf=64, ndf=64, channels=3, steps=20, warmup=3)
    for k, v in preset.items():
        if getattr(a, k) is None:
            setattr(a, k, v)

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    netG = Generator(a.image_size, a.nz, a.ngf, a.channels)
    netG.apply(weights_init)
    netD = Discriminator(a.image_size, a.ndf, a.channels)
    netD.apply(weights_init)
    check_phase(netG, a.nz)
    if a.convt == "phase":
        netG = to_phase(netG)
    netG.train()
    netD.train()

    criterion = nn.BCELoss()
    optimizerD = torch.optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
    optimizerG = torch.optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
    # data already in memory: a small pool of batches, cycled
    pool = 4
    reals = torch.rand(pool, a.batch, a.channels, a.image_size, a.image_size) * 2 - 1
    noises = torch.randn(pool, a.batch, a.nz, 1, 1)

    def step(i):
        return reference_iteration(netG, netD, optimizerD, optimizerG, criterion, reals[i % pool], noises[i % pool])

    for i in range(a.warmup):
        step(i)
    times = []
    t_all = time.perf_counter()
    for i in range(a.steps):
        t0 = time.perf_counter()
        last = step(a.warmup + i)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - t_all

    step_ms = 1000.0 * total / a.steps
    print(json.dumps({
        "impl": "pytorch-python",
        "torch": torch.__version__,
        "convt": a.convt,
        "image_size": a.image_size,
        "batch": a.batch,
        "nz": a.nz, "ngf": a.ngf, "ndf": a.ndf, "channels": a.channels,
        "threads": torch.get_num_threads(),
        "steps": a.steps, "warmup": a.warmup,
        "tiny": bool(a.tiny),
        "train_images_per_s": round(a.batch * a.steps / total, 3),
        "step_ms": round(step_ms, 3),
        "step_ms_median": round(1000.0 * statistics.median(times), 3),
        "step_ms_min": round(1000.0 * min(times), 3),
        "last_metrics": {"errD": round(last[0], 5), "errG": round(last[1], 5),
                         "D_x": round(last[2], 5), "D_G_z1": round(last[3], 5),
                         "D_G_z2": round(last[4], 5)},
        "phase_check": "ok (atol 1e-4)",
    }))


if __name__ == "__main__":
    main()
