"""PyTorch reference timings for libs/engine/bench/engine.bench.ts, served one batch at a time so the benchmark
can interleave PyTorch's batches with ours (on a shared machine both then see the same load).

Usage: python3 bench_torch.py --batch 32 --threads 2 resnet18 resnet50
Builds each model (random weights, eval mode) in the default (contiguous NCHW) and channels_last layouts, runs one
warm-up batch of each, prints {"ready": true}; then for every stdin line "MODEL LAYOUT" times one batch under
inference_mode and prints {"seconds": s}. Exits when stdin closes.
"""
import argparse
import json
import sys
import time

import torch
import torchvision

LAYOUTS = {"default": torch.contiguous_format, "channels_last": torch.channels_last}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    pixels = torch.randn(args.batch, 3, 224, 224)
    runs = {}
    with torch.inference_mode():
        for name in args.models:
            for layout, fmt in LAYOUTS.items():
                model = getattr(torchvision.models, name)(weights=None).eval().to(memory_format=fmt)
                x = pixels.contiguous(memory_format=fmt)
                model(x)
                runs[(name, layout)] = (model, x)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        name, layout = line.split()
        model, x = runs[(name, layout)]
        with torch.inference_mode():
            start = time.perf_counter()
            model(x)
            seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
