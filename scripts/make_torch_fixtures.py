#!/usr/bin/python3
"""Reference fixtures for DCGAN Studio, made with real PyTorch.

Run from the repository root with Debian's interpreter (it has torch + numpy):

    /usr/bin/python3 scripts/make_torch_fixtures.py            # write, then verify
    /usr/bin/python3 scripts/make_torch_fixtures.py --verify   # only re-check the files

The committed files under src/test/resources/fixtures/ were made with
torch 1.13.0a0 (Debian build, CPU) and numpy 1.24.2. The script is
deterministic (torch.manual_seed per fixture), so re-running it with the same
torch version reproduces them bit for bit; other versions may differ in the
last float bits (tests should compare with a tolerance anyway).

What it writes (all float32 unless stated):

fixtures/conv_transpose2d/case_NN.npz
    x (N,Cin,H,W), w (Cin,Cout,kH,kW), b (Cout,) [only with bias], gy (like y),
    y = F.conv_transpose2d(x, w, b, stride, padding, output_padding),
    gx, gw, gb [only with bias] = gradients of (y * gy).sum(),
    params = int64 [stride, padding, output_padding, has_bias]
    (stride/padding/output_padding are the same in both dims).

fixtures/dcgan/<name>/        (s64_nz64_ngf32_nc3, s32_nz16_ngf8_nc1, s28_nz8_ngf4_nc1)
    G.safetensors, D.safetensors  state_dicts after a few train-mode forwards
                                  (so BN running stats are non-trivial)
    z.npy (5,nz,1,1), g_eval.npy, g_train.npy (batch statistics),
    images.npy (5,nc,S,S) uniform [-1,1], d_eval.npy (5,), d_train.npy (5,),
    config.json {"image_size","nz","ngf","ndf","channels"}

fixtures/dcgan/train_step/    (image 32, nz 8, ngf=ndf=4, nc 3, batch 4)
    G0/D0.safetensors (initial), real.npy (3,4,3,32,32), noise.npy (3,4,8,1,1),
    metrics.npy (3,5) columns [errD, errG, D_x, D_G_z1, D_G_z2],
    G3/D3.safetensors after 3 iterations of the reference loop,
    adam_G3.npz / adam_D3.npz with "<param>.exp_avg" / "<param>.exp_avg_sq",
    config.json

safetensors files are written by hand (Debian's python has no safetensors
package): u64 LE header length N, N bytes of JSON header (padded with spaces
to a multiple of 8, as the official library does), then the raw LE data.
"""

import copy
import json
import math
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures")


# --------------------------------------------------------------------------
# safetensors I/O
# --------------------------------------------------------------------------

_DTYPES = {torch.float32: ("F32", "<f4"), torch.int64: ("I64", "<i8")}
_NP_DTYPES = {"F32": "<f4", "I64": "<i8"}


def save_safetensors(tensors, path):
    """tensors: ordered mapping name -> torch.Tensor (float32 or int64)."""
    header = {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _DTYPES:
            raise TypeError("%s: unsupported dtype %s" % (name, t.dtype))
        st_dtype, np_dtype = _DTYPES[t.dtype]
        data = t.numpy().astype(np_dtype, copy=False).tobytes(order="C")
        header[name] = {"dtype": st_dtype, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((8 - len(hjson) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for blob in blobs:
            f.write(blob)


def load_safetensors(path):
    """Returns (ordered dict name -> np.ndarray, header dict)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        arr = np.frombuffer(raw[base + b:base + e], dtype=_NP_DTYPES[info["dtype"]])
        out[name] = arr.reshape(info["shape"]).copy()
    return out, header


def save_state_dict(module, path):
    save_safetensors(module.state_dict(), path)


# --------------------------------------------------------------------------
# DCGAN (pytorch/examples dcgan/main.py, generalised to other image sizes)
# --------------------------------------------------------------------------

def _geometry(image_size):
    if image_size == 28:
        base = 7
    elif image_size >= 32 and image_size <= 256 and (image_size & (image_size - 1)) == 0:
        base = 4
    else:
        raise ValueError("image size must be 28 or a power of two in 32..256")
    n = int(round(math.log2(image_size // base)))
    assert base * 2 ** n == image_size
    return base, n


class Generator(nn.Module):
    def __init__(self, image_size=64, nz=100, ngf=64, nc=3):
        super().__init__()
        base, n = _geometry(image_size)
        mult = [min(2 ** (n - 1 - i), 8) for i in range(n)]
        layers = [nn.ConvTranspose2d(nz, ngf * mult[0], base, 1, 0, bias=False),
                  nn.BatchNorm2d(ngf * mult[0]), nn.ReLU(True)]
        for i in range(1, n):
            layers += [nn.ConvTranspose2d(ngf * mult[i - 1], ngf * mult[i], 4, 2, 1, bias=False),
                       nn.BatchNorm2d(ngf * mult[i]), nn.ReLU(True)]
        layers += [nn.ConvTranspose2d(ngf * mult[n - 1], nc, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x)


class Discriminator(nn.Module):
    def __init__(self, image_size=64, ndf=64, nc=3):
        super().__init__()
        base, n = _geometry(image_size)
        m = [min(2 ** i, 8) for i in range(n)]
        layers = [nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True)]
        for i in range(1, n):
            layers += [nn.Conv2d(ndf * m[i - 1], ndf * m[i], 4, 2, 1, bias=False),
                       nn.BatchNorm2d(ndf * m[i]), nn.LeakyReLU(0.2, inplace=True)]
        layers += [nn.Conv2d(ndf * m[n - 1], 1, base, 1, 0, bias=False), nn.Sigmoid()]
        self.main = nn.Sequential(*layers)

    def forward(self, x):
        return self.main(x).view(-1, 1).squeeze(1)


def weights_init(m):
    """Exactly the reference weights_init."""
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        torch.nn.init.normal_(m.weight, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        torch.nn.init.normal_(m.weight, 1.0, 0.02)
        torch.nn.init.zeros_(m.bias)


def make_nets(image_size, nz, ngf, ndf, nc):
    G = Generator(image_size, nz, ngf, nc)
    G.apply(weights_init)
    D = Discriminator(image_size, ndf, nc)
    D.apply(weights_init)
    return G, D


# --------------------------------------------------------------------------
# 1. conv_transpose2d fixtures
# --------------------------------------------------------------------------

# (N, Cin, Cout, H, W, kH, kW, stride, padding, output_padding, bias)
CONVT_CASES = [
    (1, 1, 1, 3, 3, 1, 1, 1, 0, 0, True),    # 00 trivial 1x1 kernel
    (2, 2, 3, 4, 4, 3, 3, 1, 1, 0, False),   # 01 "same" stride 1
    (2, 3, 2, 5, 3, 3, 3, 2, 1, 1, True),    # 02 non-square input, output_padding 1
    (1, 2, 2, 4, 4, 4, 4, 2, 1, 0, False),   # 03 DCGAN inner layer (k4 s2 p1)
    (3, 4, 2, 1, 1, 4, 4, 1, 0, 0, False),   # 04 DCGAN first layer (1x1 input, k4 s1 p0)
    (2, 2, 4, 3, 4, 5, 5, 3, 2, 1, True),    # 05 k5 s3 p2 op1
    (1, 3, 3, 5, 5, 2, 2, 2, 0, 0, True),    # 06 k2 s2 (no overlap)
    (2, 1, 2, 3, 5, 5, 5, 2, 2, 1, True),    # 07 k5 s2 p2 op1, non-square input
    (3, 2, 1, 2, 2, 3, 3, 3, 0, 0, True),    # 08 stride > kernel overlap gap (k3 s3)
    (2, 2, 3, 4, 3, 3, 5, 2, 1, 0, False),   # 09 non-square kernel 3x5
    (1, 4, 4, 6, 6, 4, 4, 2, 1, 0, True),    # 10 DCGAN inner layer with bias
    (2, 3, 2, 7, 5, 1, 1, 2, 0, 1, True),    # 11 k1 s2 op1 (holes in output)
    (1, 2, 3, 5, 4, 3, 3, 1, 2, 0, False),   # 12 padding 2 with k3 s1 (output shrinks)
    (3, 1, 2, 1, 1, 7, 7, 1, 0, 0, False),   # 13 DCGAN first layer for 28x28 (k7 on 1x1)
]


def make_convt_fixtures():
    out_dir = os.path.join(FIXTURES, "conv_transpose2d")
    os.makedirs(out_dir, exist_ok=True)
    for idx, (N, cin, cout, H, W, kh, kw, s, p, op, bias) in enumerate(CONVT_CASES):
        assert op < s
        torch.manual_seed(1000 + idx)
        x = torch.randn(N, cin, H, W, requires_grad=True)
        w = (torch.randn(cin, cout, kh, kw) * 0.5).requires_grad_(True)
        b = torch.randn(cout, requires_grad=True) if bias else None
        y = F.conv_transpose2d(x, w, b, stride=s, padding=p, output_padding=op)
        gy = torch.randn_like(y)
        (y * gy).sum().backward()
        arrs = {"x": x, "w": w, "gy": gy, "y": y, "gx": x.grad, "gw": w.grad}
        if bias:
            arrs["b"] = b
            arrs["gb"] = b.grad
        arrs = {k: v.detach().numpy().astype(np.float32) for k, v in arrs.items()}
        arrs["params"] = np.array([s, p, op, int(bias)], dtype=np.int64)
        np.savez(os.path.join(out_dir, "case_%02d.npz" % idx), **arrs)
        print("conv_transpose2d case_%02d: x%s w%s -> y%s s=%d p=%d op=%d bias=%s"
              % (idx, tuple(x.shape), tuple(w.shape), tuple(y.shape), s, p, op, bias))


# --------------------------------------------------------------------------
# 2. DCGAN forward parity fixtures
# --------------------------------------------------------------------------

DCGAN_CASES = [
    # name, image_size, nz, ngf(=ndf), nc
    ("s64_nz64_ngf32_nc3", 64, 64, 32, 3),
    ("s32_nz16_ngf8_nc1", 32, 16, 8, 1),
    ("s28_nz8_ngf4_nc1", 28, 8, 4, 1),
]


def _npsave(path, t):
    np.save(path, t.detach().cpu().numpy().astype(np.float32))


def make_dcgan_fixtures():
    for ci, (name, S, nz, ngf, nc) in enumerate(DCGAN_CASES):
        ndf = ngf
        out_dir = os.path.join(FIXTURES, "dcgan", name)
        os.makedirs(out_dir, exist_ok=True)
        torch.manual_seed(2000 + ci)
        G, D = make_nets(S, nz, ngf, ndf, nc)
        # a few train-mode forwards so BN running stats are non-trivial
        G.train()
        D.train()
        with torch.no_grad():
            for _ in range(3):
                G(torch.randn(4, nz, 1, 1))
                D(torch.rand(4, nc, S, S) * 2 - 1)
        save_state_dict(G, os.path.join(out_dir, "G.safetensors"))
        save_state_dict(D, os.path.join(out_dir, "D.safetensors"))

        N = 5
        z = torch.randn(N, nz, 1, 1)
        images = torch.rand(N, nc, S, S) * 2 - 1
        with torch.no_grad():
            g_train = copy.deepcopy(G).train()(z)
            d_train = copy.deepcopy(D).train()(images)
            g_eval = G.eval()(z)
            d_eval = D.eval()(images).view(-1)
        assert g_eval.shape == (N, nc, S, S) and d_eval.shape == (N,)
        _npsave(os.path.join(out_dir, "z.npy"), z)
        _npsave(os.path.join(out_dir, "g_eval.npy"), g_eval)
        _npsave(os.path.join(out_dir, "g_train.npy"), g_train)
        _npsave(os.path.join(out_dir, "images.npy"), images)
        _npsave(os.path.join(out_dir, "d_eval.npy"), d_eval)
        _npsave(os.path.join(out_dir, "d_train.npy"), d_train.view(-1))
        with open(os.path.join(out_dir, "config.json"), "w") as f:
            json.dump({"image_size": S, "nz": nz, "ngf": ngf, "ndf": ndf, "channels": nc}, f)
            f.write("\n")
        print("dcgan %s: G params %d, D params %d" % (
            name, sum(p.numel() for p in G.parameters()), sum(p.numel() for p in D.parameters())))


# --------------------------------------------------------------------------
# 3. training-step parity fixture
# --------------------------------------------------------------------------

def reference_iteration(netG, netD, optimizerD, optimizerG, criterion, real_cpu, noise):
    """One pass of the loop body of pytorch/examples dcgan/main.py; returns
    [errD, errG, D_x, D_G_z1, D_G_z2]."""
    real_label, fake_label = 1.0, 0.0
    batch_size = real_cpu.size(0)
    # (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
    netD.zero_grad()
    label = torch.full((batch_size,), real_label, dtype=real_cpu.dtype)
    output = netD(real_cpu)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = output.mean().item()
    fake = netG(noise)
    label.fill_(fake_label)
    output = netD(fake.detach())
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = output.mean().item()
    errD = errD_real + errD_fake
    optimizerD.step()
    # (2) Update G network: maximize log(D(G(z)))
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake)
    errG = criterion(output, label)
    errG.backward()
    D_G_z2 = output.mean().item()
    optimizerG.step()
    return [errD.item(), errG.item(), D_x, D_G_z1, D_G_z2]


def run_reference_iterations(netG, netD, optimizerD, optimizerG, reals, noises):
    """Runs reference_iteration over batches; returns metrics rows."""
    criterion = nn.BCELoss()
    return [reference_iteration(netG, netD, optimizerD, optimizerG, criterion, real_cpu, noise)
            for real_cpu, noise in zip(reals, noises)]


def _save_adam(opt, module, path):
    arrs = {}
    for pname, p in module.named_parameters():
        st = opt.state[p]
        arrs[pname + ".exp_avg"] = st["exp_avg"].detach().numpy().astype(np.float32)
        arrs[pname + ".exp_avg_sq"] = st["exp_avg_sq"].detach().numpy().astype(np.float32)
    np.savez(path, **arrs)


def make_train_step_fixture():
    S, nz, ngf, ndf, nc, batch, iters = 32, 8, 4, 4, 3, 4, 3
    out_dir = os.path.join(FIXTURES, "dcgan", "train_step")
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(3000)
    netG, netD = make_nets(S, nz, ngf, ndf, nc)
    save_state_dict(netG, os.path.join(out_dir, "G0.safetensors"))
    save_state_dict(netD, os.path.join(out_dir, "D0.safetensors"))
    real = torch.rand(iters, batch, nc, S, S) * 2 - 1
    noise = torch.randn(iters, batch, nz, 1, 1)
    optimizerD = torch.optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
    optimizerG = torch.optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
    netG.train()
    netD.train()
    rows = run_reference_iterations(netG, netD, optimizerD, optimizerG, real, noise)
    np.save(os.path.join(out_dir, "real.npy"), real.numpy().astype(np.float32))
    np.save(os.path.join(out_dir, "noise.npy"), noise.numpy().astype(np.float32))
    np.save(os.path.join(out_dir, "metrics.npy"), np.array(rows, dtype=np.float32))
    save_state_dict(netG, os.path.join(out_dir, "G3.safetensors"))
    save_state_dict(netD, os.path.join(out_dir, "D3.safetensors"))
    _save_adam(optimizerG, netG, os.path.join(out_dir, "adam_G3.npz"))
    _save_adam(optimizerD, netD, os.path.join(out_dir, "adam_D3.npz"))
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump({"image_size": S, "nz": nz, "ngf": ngf, "ndf": ndf, "channels": nc,
                   "batch": batch, "iterations": iters, "lr": 0.0002, "beta1": 0.5,
                   "beta2": 0.999, "eps": 1e-8}, f)
        f.write("\n")
    for i, r in enumerate(rows):
        print("train_step iter %d: errD %.6f errG %.6f D_x %.6f D_G_z1 %.6f D_G_z2 %.6f"
              % ((i,) + tuple(r)))


# --------------------------------------------------------------------------
# verification: reload the written files and re-check them
# --------------------------------------------------------------------------

def _close(a, b, what, atol=1e-5, rtol=1e-5):
    a = np.asarray(a)
    b = np.asarray(b)
    assert a.shape == b.shape, "%s: shape %s != %s" % (what, a.shape, b.shape)
    if not np.allclose(a, b, atol=atol, rtol=rtol):
        raise AssertionError("%s: max abs diff %g" % (what, np.abs(a - b).max()))


def _load_into(module, path):
    tensors, header = load_safetensors(path)
    sd = module.state_dict()
    assert list(tensors) == list(sd), "%s: keys differ from state_dict" % path
    for k, v in sd.items():
        assert list(header[k]["shape"]) == list(v.shape), (path, k)
        assert header[k]["dtype"] == _DTYPES[v.dtype][0], (path, k)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in tensors.items()}, strict=True)
    return tensors


def verify():
    n_checks = 0
    # 1. conv_transpose2d: recompute from the stored inputs (independent pass)
    for idx, case in enumerate(CONVT_CASES):
        z = np.load(os.path.join(FIXTURES, "conv_transpose2d", "case_%02d.npz" % idx))
        bias = case[-1]
        want = {"x", "w", "gy", "y", "gx", "gw", "params"} | ({"b", "gb"} if bias else set())
        assert set(z.files) == want, (idx, z.files)
        for k in z.files:
            assert z[k].dtype == (np.int64 if k == "params" else np.float32), (idx, k)
        s, p, op, hb = [int(v) for v in z["params"]]
        assert (s, p, op, bool(hb)) == tuple(case[7:]), idx
        x = torch.from_numpy(z["x"]).requires_grad_(True)
        w = torch.from_numpy(z["w"]).requires_grad_(True)
        b = torch.from_numpy(z["b"]).requires_grad_(True) if hb else None
        y = F.conv_transpose2d(x, w, b, stride=s, padding=p, output_padding=op)
        (y * torch.from_numpy(z["gy"])).sum().backward()
        _close(y.detach(), z["y"], "case_%02d y" % idx)
        _close(x.grad, z["gx"], "case_%02d gx" % idx)
        _close(w.grad, z["gw"], "case_%02d gw" % idx)
        if hb:
            _close(b.grad, z["gb"], "case_%02d gb" % idx)
        # and against a naive scatter implementation in numpy
        xn, wn = z["x"].astype(np.float64), z["w"].astype(np.float64)
        N, cin, H, W = xn.shape
        cout, kh, kw = wn.shape[1:]
        Ho = (H - 1) * s - 2 * p + kh + op
        Wo = (W - 1) * s - 2 * p + kw + op
        full = np.zeros((N, cout, (H - 1) * s + kh + op, (W - 1) * s + kw + op))
        for i in range(H):
            for j in range(W):
                full[:, :, i * s:i * s + kh, j * s:j * s + kw] += np.einsum(
                    "nc,cokl->nokl", xn[:, :, i, j], wn)
        ref = full[:, :, p:p + Ho, p:p + Wo]
        if hb:
            ref = ref + z["b"].astype(np.float64)[None, :, None, None]
        _close(ref, z["y"], "case_%02d naive y" % idx, atol=1e-4)
        n_checks += 1

    # 2. dcgan forward parity
    for name, S, nz, ngf, nc in DCGAN_CASES:
        d = os.path.join(FIXTURES, "dcgan", name)
        cfg = json.load(open(os.path.join(d, "config.json")))
        assert cfg == {"image_size": S, "nz": nz, "ngf": ngf, "ndf": ngf, "channels": nc}, cfg
        G = Generator(S, nz, ngf, nc)
        D = Discriminator(S, ngf, nc)
        tg = _load_into(G, os.path.join(d, "G.safetensors"))
        td = _load_into(D, os.path.join(d, "D.safetensors"))
        for t in (tg, td):
            for k, v in t.items():
                if k.endswith("running_mean"):
                    assert np.abs(v).max() > 0, (name, k)
                if k.endswith("running_var"):
                    assert np.abs(v - 1).max() > 0, (name, k)
                if k.endswith("num_batches_tracked"):
                    assert v.shape == () and int(v) == 3, (name, k, v)
        z = torch.from_numpy(np.load(os.path.join(d, "z.npy")))
        images = torch.from_numpy(np.load(os.path.join(d, "images.npy")))
        assert tuple(z.shape) == (5, nz, 1, 1) and tuple(images.shape) == (5, nc, S, S)
        assert images.min() >= -1 and images.max() <= 1
        with torch.no_grad():
            _close(copy.deepcopy(G).train()(z), np.load(os.path.join(d, "g_train.npy")), name + " g_train")
            _close(copy.deepcopy(D).train()(images), np.load(os.path.join(d, "d_train.npy")), name + " d_train")
            _close(G.eval()(z), np.load(os.path.join(d, "g_eval.npy")), name + " g_eval")
            _close(D.eval()(images), np.load(os.path.join(d, "d_eval.npy")), name + " d_eval")
        n_checks += 1

    # 3. training step: replay 3 iterations from G0/D0 and compare everything
    d = os.path.join(FIXTURES, "dcgan", "train_step")
    cfg = json.load(open(os.path.join(d, "config.json")))
    netG = Generator(cfg["image_size"], cfg["nz"], cfg["ngf"], cfg["channels"])
    netD = Discriminator(cfg["image_size"], cfg["ndf"], cfg["channels"])
    _load_into(netG, os.path.join(d, "G0.safetensors"))
    _load_into(netD, os.path.join(d, "D0.safetensors"))
    real = torch.from_numpy(np.load(os.path.join(d, "real.npy")))
    noise = torch.from_numpy(np.load(os.path.join(d, "noise.npy")))
    assert tuple(real.shape) == (3, 4, 3, 32, 32) and tuple(noise.shape) == (3, 4, 8, 1, 1)
    oD = torch.optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
    oG = torch.optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
    netG.train()
    netD.train()
    rows = run_reference_iterations(netG, netD, oD, oG, real, noise)
    _close(np.array(rows, dtype=np.float32), np.load(os.path.join(d, "metrics.npy")), "metrics")
    for net, fname in ((netG, "G3"), (netD, "D3")):
        t, _ = load_safetensors(os.path.join(d, fname + ".safetensors"))
        assert list(t) == list(net.state_dict())
        for k, v in net.state_dict().items():
            _close(v.numpy(), t[k], fname + " " + k)
    for net, opt, fname in ((netG, oG, "adam_G3"), (netD, oD, "adam_D3")):
        zz = np.load(os.path.join(d, fname + ".npz"))
        names = [n for n, _ in net.named_parameters()]
        assert sorted(zz.files) == sorted([n + ".exp_avg" for n in names] + [n + ".exp_avg_sq" for n in names])
        for n, p in net.named_parameters():
            _close(opt.state[p]["exp_avg"].numpy(), zz[n + ".exp_avg"], fname + " " + n)
            _close(opt.state[p]["exp_avg_sq"].numpy(), zz[n + ".exp_avg_sq"], fname + " " + n, atol=1e-9)
            assert int(opt.state[p]["step"]) == 3
    # G0 != G3 (the weights did move)
    g0, _ = load_safetensors(os.path.join(d, "G0.safetensors"))
    g3, _ = load_safetensors(os.path.join(d, "G3.safetensors"))
    assert not np.array_equal(g0["main.0.weight"], g3["main.0.weight"])
    n_checks += 1
    print("verify: OK (%d convt cases, %d dcgan cases, train_step)" % (len(CONVT_CASES), len(DCGAN_CASES)))


def main():
    torch.set_num_threads(1)  # keeps reductions in a fixed order
    if "--verify" in sys.argv[1:]:
        verify()
        return 0
    print("torch", torch.__version__, "numpy", np.__version__)
    make_convt_fixtures()
    make_dcgan_fixtures()
    make_train_step_fixture()
    verify()
    return 0


if __name__ == "__main__":
    sys.exit(main())
