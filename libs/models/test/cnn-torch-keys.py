"""Generates cnn-torch-keys.json: the state-dict keys and shapes of torchvision 0.14's full CNN models (buffers
included, num_batches_tracked excluded), for the test that our blocks' sourcePrefix + local weight names cover
them exactly (cnn-source-keys.test.ts). Run from the repository root:
/usr/bin/python3 libs/models/test/cnn-torch-keys.py"""
import json, os
import torchvision

NAMES = ['resnet18', 'resnet50', 'mobilenet_v2', 'efficientnet_v2_s']


def main():
    out = {}
    for name in NAMES:
        sd = getattr(torchvision.models, name)().state_dict()
        out[name] = [[k, list(v.shape)] for k, v in sd.items() if not k.endswith('num_batches_tracked')]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'cnn-torch-keys.json')
    with open(path + '.tmp', 'w') as f:
        json.dump({'generator': 'libs/models/test/cnn-torch-keys.py', 'torchvision': torchvision.__version__, 'models': out}, f, separators=(',', ':'))
    os.replace(path + '.tmp', path)


main()
