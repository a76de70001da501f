"""Writes an nn model file with NumPy alone (the reverse direction), and the book's predictions for it.

usage: numpy_write.py MODEL.safetensors EXPECTED.safetensors MNIST_IMAGES(.gz) N
MODEL: W1 [784, 50], b1, W2 [50, 10], b2 drawn from a fixed seed, with the metadata nn needs to rebuild
a TwoLayerNet. EXPECTED: "probabilities" [N, 10] of the first N test images by the book's predict.
"""
import json
import struct
import sys

import numpy as np

from numpy_predict import mnist_images, predict


def write_safetensors(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    if metadata:
        header["__metadata__"] = metadata
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    rng = np.random.default_rng(20261123)
    t = {"W1": 0.1 * rng.standard_normal((784, 50)), "b1": 0.1 * rng.standard_normal(50),
         "W2": 0.1 * rng.standard_normal((50, 10)), "b2": 0.1 * rng.standard_normal(10)}
    layers = [{"type": "Affine", "inputs": 784, "outputs": 50}, {"type": "Relu"},
              {"type": "Affine", "inputs": 50, "outputs": 10}]
    write_safetensors(sys.argv[1], t, {"format": "nn.model/1", "nn.dtype": "float64", "nn.loss": "SoftmaxWithLoss",
                                       "nn.weight_decay": "0.0", "nn.layers": json.dumps(layers),
                                       "nn.version": "numpy"})
    x = mnist_images(sys.argv[3])[:int(sys.argv[4])]
    write_safetensors(sys.argv[2], {"probabilities": predict(t, x)})
    print("written")


if __name__ == "__main__":
    main()
