#!/usr/bin/python3
"""torch.save fixtures for the restricted .pt/.pth reader (core/interop/TorchStateDicts).

Run from the repository root with Debian's interpreter (python3-torch, CPU):

    /usr/bin/python3 scripts/make_pickle_fixtures.py

The committed files were made with torch 1.13.0a0 (Debian build) and numpy 1.24.2.
Everything is tiny (a 32x32, nz 4, ngf/ndf 2, one-channel pytorch/examples DCGAN) so the
files stay a few KB each. Written to src/test/resources/fixtures/torch_pickle/:

    G.pt                 netG.state_dict(), plain torch.save (zip format)
    G_dataparallel.pt    nn.DataParallel(netG).state_dict(): every key starts with "module."
    G_half.pt            netG.half().state_dict(): float16 storages (counters stay int64)
    G_noncontig.pt       G.pt's values, but main.0.weight is a permuted view at a non-zero
                         storage offset of a bigger storage, main.3.weight a transposed view
    G_proto4.pt          G.pt with pickle_protocol=4 (FRAME, MEMOIZE, SHORT_BINUNICODE opcodes)
    G_parameters.pt      G.pt's tensors as nn.Parameter (torch._utils._rebuild_parameter)
    D.pth                {"netD." + k: v} of netD.state_dict(), as a GAN wrapper module saves it
    G_expected.safetensors, G_half_expected.safetensors, D_expected.safetensors
                         the same tensors, contiguous, float32 (half: float16 values widened)
    evil_os_system.pt    a zip whose pickle calls os.system via __reduce__ (must be refused)
    legacy.pt            G.pt's state dict with _use_new_zipfile_serialization=False
                         (its storage keys come from object ids, so it differs run to run)
"""
import collections
import importlib.util
import os
import pathlib

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src/test/resources/fixtures/torch_pickle"

_spec = importlib.util.spec_from_file_location("tf", ROOT / "scripts/make_torch_fixtures.py")
tf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tf)


class Evil:
    """Unpickling this runs a shell command: the reader must refuse it, never run it."""

    def __reduce__(self):
        return (os.system, ("echo pwned-by-pickle > /tmp/dcgan-studio-pwned",))


def non_contiguous(t):
    """t's values as a view that is neither contiguous nor at storage offset 0."""
    if t.dim() == 4:
        big = torch.zeros((2,) + (t.shape[1], t.shape[0], t.shape[2], t.shape[3]))
        view = big[1].permute(1, 0, 2, 3)
    else:
        big = torch.zeros((2,) + tuple(reversed(t.shape)))
        view = big[1].t()
    view.copy_(t)
    assert not view.is_contiguous() and view.storage_offset() > 0
    return view


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(7)
    netG, netD = tf.make_nets(32, 4, 2, 2, 1)
    with torch.no_grad():
        for m in list(netG.modules()) + list(netD.modules()):
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.normal_(0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(3)
    sd = netG.state_dict()
    torch.save(sd, OUT / "G.pt")
    torch.save(torch.nn.DataParallel(netG).state_dict(), OUT / "G_dataparallel.pt")
    tf.save_safetensors(sd, OUT / "G_expected.safetensors")

    nc = collections.OrderedDict(sd)
    nc["main.0.weight"] = non_contiguous(sd["main.0.weight"])
    nc["main.3.weight"] = non_contiguous(sd["main.3.weight"])
    torch.save(nc, OUT / "G_noncontig.pt")

    torch.save(sd, OUT / "G_proto4.pt", pickle_protocol=4)
    torch.save(collections.OrderedDict((k, torch.nn.Parameter(v, requires_grad=False)) for k, v in sd.items()),
               OUT / "G_parameters.pt")

    half = collections.OrderedDict(
        (k, v.half() if v.is_floating_point() else v) for k, v in sd.items())
    torch.save(half, OUT / "G_half.pt")
    tf.save_safetensors(collections.OrderedDict(
        (k, v.float() if v.is_floating_point() else v) for k, v in half.items()),
        OUT / "G_half_expected.safetensors")

    dsd = netD.state_dict()
    torch.save(collections.OrderedDict(("netD." + k, v) for k, v in dsd.items()), OUT / "D.pth")
    tf.save_safetensors(dsd, OUT / "D_expected.safetensors")

    torch.save({"weights": Evil()}, OUT / "evil_os_system.pt")
    torch.save(sd, OUT / "legacy.pt", _use_new_zipfile_serialization=False)

    # the files must round-trip through torch itself (the evil one only with weights_only)
    for name in ["G.pt", "G_dataparallel.pt", "G_half.pt", "G_noncontig.pt", "G_parameters.pt", "D.pth",
                 "legacy.pt"]:
        torch.load(OUT / name, weights_only=True)
    # torch 1.13's weights_only reader stops at protocol 4's FRAME opcode (later versions read it)
    torch.load(OUT / "G_proto4.pt")
    try:
        torch.load(OUT / "evil_os_system.pt", weights_only=True)
        raise SystemExit("evil_os_system.pt loaded with weights_only=True")
    except Exception as e:  # torch's own refusal: what the Java reader must match
        print("torch refuses evil_os_system.pt:", str(e).splitlines()[-1][:120])
    for f in sorted(OUT.iterdir()):
        print(f.name, f.stat().st_size)


if __name__ == "__main__":
    main()
