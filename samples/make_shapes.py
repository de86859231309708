#!/usr/bin/env python3
"""Generates samples/shapes/{circles,squares}/*.png: 64x64 RGB drawings made for augreg (public
domain, CC0). Standard library only; the output is deterministic. Run from anywhere:
    python3 samples/make_shapes.py
"""
import os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SIZE = 64


def png(path, rows):
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def draw(inside, fg, bg):
    """A vertical background gradient with the shape in fg (inside(x, y) -> bool)."""
    rows = []
    for y in range(SIZE):
        t = y / (SIZE - 1)
        back = tuple(int(b * (1 - 0.35 * t)) for b in bg)
        rows.append([fg if inside(x + 0.5, y + 0.5) else back for x in range(SIZE)])
    return rows


CIRCLES = [((24, 26, 14), (220, 60, 40), (235, 235, 210)), ((40, 36, 18), (40, 110, 220), (250, 240, 200)),
           ((32, 32, 24), (30, 160, 80), (220, 230, 250)), ((20, 44, 11), (240, 180, 20), (60, 60, 90))]
SQUARES = [((10, 12, 28, 0), (220, 60, 40), (235, 235, 210)), ((30, 20, 24, 0), (40, 110, 220), (250, 240, 200)),
           ((14, 14, 36, 0), (30, 160, 80), (220, 230, 250)), ((26, 30, 20, 0), (240, 180, 20), (60, 60, 90))]

for i, ((cx, cy, r), fg, bg) in enumerate(CIRCLES):
    png(os.path.join(HERE, "shapes", "circles", f"circle{i}.png"),
        draw(lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r, fg, bg))
for i, ((x0, y0, s, _), fg, bg) in enumerate(SQUARES):
    png(os.path.join(HERE, "shapes", "squares", f"square{i}.png"),
        draw(lambda x, y: x0 <= x < x0 + s and y0 <= y < y0 + s, fg, bg))
