"""Generates cnn-torch-blocks.json: torchvision 0.14's CNN blocks with random weights, a random input and the
block's eval-mode output, for the parity test of our block kinds (cnn-torch-parity.test.ts).
Run from the repository root: /usr/bin/python3 libs/models/test/cnn-torch-blocks.py"""
import base64, json, os
from functools import partial
import torch
from torch import nn
from torchvision.models.resnet import BasicBlock, Bottleneck
from torchvision.models.mobilenetv2 import InvertedResidual
from torchvision.models.efficientnet import FusedMBConv, FusedMBConvConfig, MBConv, MBConvConfig


def resnet(cls, inp, planes, stride):
    out = planes * cls.expansion
    down = None
    if stride != 1 or inp != out:
        down = nn.Sequential(nn.Conv2d(inp, out, 1, stride, bias=False), nn.BatchNorm2d(out))
    return cls(inp, planes, stride, down), {'in': inp, 'planes': planes, 'stride': stride}


def effnet(kind, inp, out, stride, expand, kernel):
    bn = partial(nn.BatchNorm2d, eps=1e-3)
    m = FusedMBConv(FusedMBConvConfig(expand, kernel, stride, inp, out, 1), 0.0, bn) if kind == 'fused_mbconv' \
        else MBConv(MBConvConfig(expand, kernel, stride, inp, out, 1), 0.0, bn)
    return m, {'in': inp, 'out': out, 'stride': stride, 'expand': expand, 'kernel': kernel}


CASES = [
    ('basic_block', *resnet(BasicBlock, 8, 8, 1)),
    ('basic_block', *resnet(BasicBlock, 8, 16, 2)),
    ('bottleneck', *resnet(Bottleneck, 8, 4, 1)),
    ('bottleneck', *resnet(Bottleneck, 16, 4, 2)),
    ('bottleneck', *resnet(Bottleneck, 16, 4, 1)),
    ('inverted_residual', InvertedResidual(8, 8, 1, 1), {'in': 8, 'out': 8, 'stride': 1, 'expand': 1}),
    ('inverted_residual', InvertedResidual(8, 16, 2, 6), {'in': 8, 'out': 16, 'stride': 2, 'expand': 6}),
    ('inverted_residual', InvertedResidual(16, 16, 1, 6), {'in': 16, 'out': 16, 'stride': 1, 'expand': 6}),
    ('fused_mbconv', *effnet('fused_mbconv', 8, 8, 1, 1, 3)),
    ('fused_mbconv', *effnet('fused_mbconv', 8, 16, 2, 4, 3)),
    ('mbconv', *effnet('mbconv', 8, 16, 2, 4, 3)),
    ('mbconv', *effnet('mbconv', 16, 16, 1, 4, 3)),
]


def b64(t):
    return base64.b64encode(t.detach().float().contiguous().numpy().tobytes()).decode()


def main():
    torch.manual_seed(0)
    cases = []
    for kind, module, attrs in CASES:
        module.eval()
        with torch.no_grad():
            for name, t in module.state_dict().items():
                if name.endswith('num_batches_tracked'):
                    continue
                if name.endswith('running_var'):
                    t.uniform_(0.5, 2.0)
                elif name.endswith('running_mean') or name.endswith('bias'):
                    t.uniform_(-0.5, 0.5)
                elif t.dim() == 1:  # batch-norm weight
                    t.uniform_(0.5, 1.5)
                else:
                    t.normal_(0, (2.0 / t[0].numel()) ** 0.5)
            x = torch.randn(2, attrs['in'], 7, 7)  # odd size: strided convs must floor like PyTorch
            y = module(x)
        weights = {k: {'shape': list(v.shape), 'data': b64(v)} for k, v in module.state_dict().items() if not k.endswith('num_batches_tracked')}
        cases.append({'kind': kind, 'attrs': attrs, 'input': {'shape': list(x.shape), 'data': b64(x)},
                      'output': {'shape': list(y.shape), 'data': b64(y)}, 'weights': weights})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cnn-torch-blocks.json')
    with open(path + '.tmp', 'w') as f:
        json.dump({'generator': 'libs/models/test/cnn-torch-blocks.py', 'torch': torch.__version__, 'cases': cases}, f)
    os.replace(path + '.tmp', path)


main()
