"""A minimal safetensors writer (Debian has no python3-safetensors package).

Format: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} padded with
spaces to a multiple of 8, then the tensors' raw little-endian bytes in header order.
"""
import json
import os
import struct

import torch

_DTYPES = {torch.float32: "F32", torch.int64: "I64", torch.float16: "F16", torch.float64: "F64"}


def save_file(tensors, path):
    """Writes {name: tensor} to `path` (temp file + rename, so a crash leaves no half-written file)."""
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        t = tensor.detach().cpu().contiguous()
        if t.dtype not in _DTYPES:
            raise TypeError(f"{name}: dtype {t.dtype} is not supported by this writer")
        blob = t.numpy().tobytes() if t.dim() > 0 or t.numel() == 1 else b""
        header[name] = {"dtype": _DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * ((8 - (len(text) + 8) % 8) % 8)
    encoded = text.encode("utf-8")
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)
