"""PyTorch reference throughput for libs/engine/bench/engine.bench.ts.

Usage: python3 bench_torch.py --batch 32 --repeats 5 --threads 2 resnet18 resnet50
Prints one JSON line: {"results": [{"model", "layout", "imgPerSec", "seconds": [...]}]}: eval mode, inference_mode,
random weights, one warm-up batch, then the median of `repeats` timed batches, for the default (contiguous NCHW)
and channels_last layouts.
"""
import argparse
import json
import statistics
import time

import torch
import torchvision


def throughput(model, batch, repeats):
    with torch.inference_mode():
        model(batch)
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            model(batch)
            seconds.append(time.perf_counter() - start)
    return batch.shape[0] / statistics.median(seconds), seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    pixels = torch.randn(args.batch, 3, 224, 224)
    results = []
    for name in args.models:
        model = getattr(torchvision.models, name)(weights=None).eval()
        for layout in ("default", "channels_last"):
            fmt = torch.channels_last if layout == "channels_last" else torch.contiguous_format
            m = model.to(memory_format=fmt)
            x = pixels.contiguous(memory_format=fmt)
            rate, seconds = throughput(m, x, args.repeats)
            results.append({"model": name, "layout": layout, "imgPerSec": rate, "seconds": seconds})
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
