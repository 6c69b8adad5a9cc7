"""Reference features from torchvision for the parity tests: one process for every architecture asked for.

Usage: python3 torchvision_reference.py OUT_DIR ARCH [ARCH ...]
Writes OUT_DIR/input.safetensors ({"pixels": [2,3,224,224]}), OUT_DIR/<arch>.safetensors (the state dict) and
OUT_DIR/features.safetensors ({arch: [2, feature_dim]}): the model without its classifier (pooled, flattened
features; the CLS token after encoder.ln for ViT), in eval mode. Weights are random but not torchvision's
defaults for BatchNorm/LayerNorm statistics and the class token, which are constants that would hide a wrong
normalisation or token order.
"""
import os
import sys

import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_writer import save_file  # noqa: E402

HEADS = {"resnet": "fc", "mobilenet_v2": "classifier", "efficientnet": "classifier", "vit": "heads"}


def head_attribute(arch):
    for prefix, attribute in HEADS.items():
        if arch.startswith(prefix):
            return attribute
    raise SystemExit(f"unknown architecture {arch!r}: expected one of resnet*, mobilenet_v2, efficientnet*, vit*")


def randomise_statistics(model, generator):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (torch.nn.BatchNorm2d, torch.nn.LayerNorm)):
                module.weight.copy_(torch.empty_like(module.weight).uniform_(0.5, 1.5, generator=generator))
                module.bias.copy_(torch.empty_like(module.bias).normal_(0, 0.1, generator=generator))
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.copy_(torch.empty_like(module.running_mean).normal_(0, 0.1, generator=generator))
                module.running_var.copy_(torch.empty_like(module.running_var).uniform_(0.5, 1.5, generator=generator))
        if hasattr(model, "class_token"):
            model.class_token.copy_(torch.empty_like(model.class_token).normal_(0, 0.02, generator=generator))


def main():
    out_dir, archs = sys.argv[1], sys.argv[2:]
    # One thread: OpenMP threads that spin-wait make torch many times slower when the two cores are shared.
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    pixels = torch.randn(2, 3, 224, 224, generator=generator)
    save_file({"pixels": pixels}, os.path.join(out_dir, "input.safetensors"))
    features = {}
    for index, arch in enumerate(archs):
        torch.manual_seed(index + 1)
        model = getattr(torchvision.models, arch)(weights=None).eval()
        randomise_statistics(model, generator)
        save_file(model.state_dict(), os.path.join(out_dir, f"{arch}.safetensors"))
        setattr(model, head_attribute(arch), torch.nn.Identity())
        with torch.inference_mode():
            features[arch] = model(pixels)
    save_file(features, os.path.join(out_dir, "features.safetensors"))


if __name__ == "__main__":
    main()
