"""Reads an nn model with NumPy alone and checks nn's predictions against the book's predict formula.

usage: numpy_predict.py MODEL.safetensors EXPECTED.safetensors MNIST_IMAGES(.gz)
EXPECTED holds nn's probabilities for the first N test images ("probabilities", [N, 10]).
Prints "OK <N> images, max |difference| <d>" and exits 0 when every class agrees and every
probability is within 1e-12; exits 1 otherwise.
"""
import gzip
import json
import struct
import sys

import numpy as np

DTYPES = {"F64": "<f8", "F32": "<f4"}


def read_safetensors(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    header = json.loads(b[8:8 + n])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(b[8 + n + start:8 + n + end], DTYPES[info["dtype"]]).reshape(info["shape"])
    return tensors, header.get("__metadata__", {})


def mnist_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, count, rows, cols = struct.unpack(">IIII", data[:16])
    assert magic == 0x803, "not an IDX image file"
    return np.frombuffer(data[16:], np.uint8).reshape(count, rows * cols).astype(np.float64) / 255.0


def softmax(a):  # the book's common/functions.py softmax, for a batch
    a = a - np.max(a, axis=1, keepdims=True)
    e = np.exp(a)
    return e / np.sum(e, axis=1, keepdims=True)


def predict(t, x):  # softmax(relu(x·W1 + b1)·W2 + b2)
    h = np.maximum(0, x @ t["W1"] + t["b1"])
    return softmax(h @ t["W2"] + t["b2"])


def main():
    model, meta = read_safetensors(sys.argv[1])
    expected, _ = read_safetensors(sys.argv[2])
    p_nn = expected["probabilities"]
    x = mnist_images(sys.argv[3])[:p_nn.shape[0]]
    assert meta["format"] == "nn.model/1", meta
    p = predict(model, x)
    worst = float(np.max(np.abs(p - p_nn)))
    same = bool(np.all(np.argmax(p, axis=1) == np.argmax(p_nn, axis=1)))
    print(f"{'OK' if same and worst <= 1e-12 else 'MISMATCH'} {len(x)} images, max |difference| {worst:.3e}, "
          f"classes {'agree' if same else 'differ'}")
    sys.exit(0 if same and worst <= 1e-12 else 1)


if __name__ == "__main__":
    main()
