"""The original's linear proxy (hpides/alsatian proxies/nn_proxy.py semantics) on CPU torch, timed, for
proxy.bench.ts: Linear(D, C), SGD lr, given epochs, one step per batch in order, mean CE. Reads the raw
float32/int32 files the bench writes; prints one JSON line {"seconds", "cpuSeconds", "accuracy", "loss", "threads"}.

usage: python3 torch_linear_proxy.py <dir> <dim> <classes> <batch> <epochs> <lr>
"""
import json
import os
import sys
import time

import numpy as np
import torch

folder, dim, classes, batch, epochs, lr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
load = lambda name, dtype: np.fromfile(os.path.join(folder, name), dtype=dtype)
train_x = torch.from_numpy(load("train_x.f32", np.float32).reshape(-1, dim))
train_y = torch.from_numpy(load("train_y.i32", np.int32).astype(np.int64))
test_x = torch.from_numpy(load("test_x.f32", np.float32).reshape(-1, dim))
test_y = torch.from_numpy(load("test_y.i32", np.int32).astype(np.int64))
weight = torch.from_numpy(load("init_w.f32", np.float32).reshape(classes, dim))
bias = torch.from_numpy(load("init_b.f32", np.float32))
train = [(train_x[i:i + batch], train_y[i:i + batch]) for i in range(0, len(train_y), batch)]
test = [(test_x[i:i + batch], test_y[i:i + batch]) for i in range(0, len(test_y), batch)]

start = time.perf_counter()
cpu_start = time.process_time()
model = torch.nn.Linear(dim, classes)
with torch.no_grad():
    model.weight.copy_(weight)
    model.bias.copy_(bias)
opt = torch.optim.SGD(model.parameters(), lr=lr)
loss_fn = torch.nn.CrossEntropyLoss()
for _ in range(epochs):
    for x, y in train:
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()
total_loss, correct, total = 0.0, 0, 0
for x, y in test:  # the original evaluates without no_grad
    out = model(x)
    total_loss += loss_fn(out, y).item()
    correct += int((out.argmax(1) == y).sum())
    total += len(y)
seconds = time.perf_counter() - start
cpu_seconds = time.process_time() - cpu_start
print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds, "accuracy": correct / total, "loss": total_loss / len(test), "threads": torch.get_num_threads()}))
