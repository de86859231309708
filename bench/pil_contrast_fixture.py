"""The fixture of ContrastTest.pilMeanIsPilsImageEnhanceContrastBitForBit: PIL's ImageEnhance.Contrast
(what torchvision's ColorJitter(contrast) does to a PIL image) on test images that the Java test
builds the same way. Usage: /usr/bin/python3 bench/pil_contrast_fixture.py (needs python3-pil)."""
import numpy as np
from PIL import Image, ImageEnhance, __version__

def jhash(vals):  # java.util.Arrays.hashCode(int[])
    h = 1
    for v in vals:
        h = (31 * h + int(v)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h

def ramp_image(c, n):  # 256 gray pixels k = 0..255, then n pixels of gray c, one row, RGB
    vals = list(range(256)) + [c] * n
    a = np.array([[[v, v, v] for v in vals]], dtype=np.uint8)
    return Image.fromarray(a)

def colour_image(w, h):  # pixel (x, y): R = (7x + 3y) % 256, G = (5x·y + 11) % 256, B = (x² + 2y) % 256
    a = np.zeros((h, w, 3), dtype=np.uint8)
    for y in range(h):
        for x in range(w):
            a[y, x] = [(7 * x + 3 * y) % 256, (5 * x * y + 11) % 256, (x * x + 2 * y) % 256]
    return Image.fromarray(a)

print("PIL", __version__)
for c, n, f in [(128, 0, 0.8), (128, 0, 1.2), (0, 300, 0.8), (0, 300, 1.13), (255, 700, 0.91),
                (255, 700, 2.5), (40, 1000, 0.37), (200, 50, 1.0), (90, 90, 0.0)]:
    im = ramp_image(c, n)
    out = np.array(ImageEnhance.Contrast(im).enhance(f))[0, :256, 0]
    mean = int(np.array(im.convert("L")).mean() + 0.5)
    print(f"ramp c={c} n={n} f={f}: M={mean} hash={jhash(out)} out[0]={out[0]} out[100]={out[100]} out[255]={out[255]}")
for w, h, f in [(9, 7, 0.8), (64, 64, 1.2), (31, 17, 1.05)]:
    im = colour_image(w, h)
    lum = np.array(im.convert("L"))
    out = np.array(ImageEnhance.Contrast(im).enhance(f))
    print(f"colour {w}x{h} f={f}: Lmean={lum.mean():.6f} M={int(lum.mean() + 0.5)} hashL={jhash(lum.flatten())} "
          f"hash={jhash(out.flatten())} out[0,0]={out[0,0].tolist()}")
