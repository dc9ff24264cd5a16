#!/usr/bin/env python3
"""The "PyTorch" reference of the original tool: an IResNet (insightface's ArcFace backbone) run eagerly in PyTorch,
timed at several batch sizes. Random weights: the cost, not the embeddings, is what is measured.

    python3 bench/gpu/pytorch_iresnet.py --depth 100 --fp16 --batches 32,64,128,256

IResNet: a 3x3 stem (64 channels, BN, PReLU), four stages of improved basic blocks (BN, 3x3 conv, BN, PReLU,
3x3 conv with the stage's stride, BN, plus a projected shortcut where the shape changes) with 64/128/256/512
channels, then BN, flatten, a 512-d linear layer and BN. Depth 50: 3/4/14/3 blocks; depth 100: 3/13/30/3.
"""
import argparse
import time

import torch
from torch import nn

BLOCKS = {50: (3, 4, 14, 3), 100: (3, 13, 30, 3)}


class Block(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.BatchNorm2d(inputs), nn.Conv2d(inputs, outputs, 3, 1, 1, bias=False), nn.BatchNorm2d(outputs),
            nn.PReLU(outputs), nn.Conv2d(outputs, outputs, 3, stride, 1, bias=False), nn.BatchNorm2d(outputs))
        self.shortcut = None
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        return self.body(x) + (x if self.shortcut is None else self.shortcut(x))


class IResNet(nn.Module):
    def __init__(self, depth, dim=512):
        super().__init__()
        layers = [nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.PReLU(64)]
        channels = 64
        for width, count in zip((64, 128, 256, 512), BLOCKS[depth]):
            for i in range(count):
                layers.append(Block(channels, width, 2 if i == 0 else 1))
                channels = width
        self.features = nn.Sequential(*layers, nn.BatchNorm2d(512))
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(512 * 7 * 7, dim), nn.BatchNorm1d(dim))

    def forward(self, x):
        return self.head(self.features(x))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, choices=sorted(BLOCKS), default=100)
    parser.add_argument("--fp16", action="store_true")
    parser.add_argument("--batches", default="32,64,128,256")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.manual_seed(0)
    model = IResNet(args.depth).eval().to(device)
    dtype = torch.float16 if args.fp16 and device == "cuda" else torch.float32
    model = model.to(dtype)
    name = torch.cuda.get_device_name() if device == "cuda" else "cpu"
    print(f"IResNet-{args.depth} {str(dtype).replace('torch.', '')} on {name}, torch {torch.__version__}")
    with torch.inference_mode():
        for batch in (int(b) for b in args.batches.split(",")):
            x = torch.rand(batch, 3, 112, 112, device=device, dtype=dtype) * 2 - 1
            for _ in range(3):
                model(x)
            sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
            sync()
            runs, start = 0, time.perf_counter()
            while time.perf_counter() - start < args.seconds:
                model(x)
                runs += 1
            sync()
            elapsed = time.perf_counter() - start
            print(f"batch {batch}: {runs * batch / elapsed:.1f} faces/s, {elapsed / runs * 1000:.2f} ms per batch")


if __name__ == "__main__":
    main()
