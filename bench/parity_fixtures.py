"""Writes the fixtures of ParityTest (src/test/resources/io/augreg/augment/parity): small synthetic
test images, torchvision's output for fixed parameters on its PIL path (what torchvision v2 does to a
PIL image; Debian's python3-torchvision 0.14 functional API), and cases.json naming the augreg step,
its parameter record (as in a manifest) and the check: exact (bit for bit), close (|diff| <= 1 on
>= 99.9% of values) or geometric (mean |diff| <= 1 away from the borders).
Usage: /usr/bin/python3 bench/parity_fixtures.py   (needs python3-torchvision, python3-pil)."""
import json, math, os
import numpy as np
from PIL import Image
import torch
import torchvision
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                   "io", "augreg", "augment", "parity")
os.makedirs(out, exist_ok=True)
W, H = 48, 40
rng = np.random.default_rng(15)

def scene():  # smooth colour gradients, two disks, mild texture
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    r = 128 + 100 * np.sin(x / 7.0) * np.cos(y / 9.0)
    g = 40 + 4 * x + 1.5 * y
    b = 200 - 3 * y + 20 * np.sin((x + y) / 5.0)
    img = np.stack([r, g, b], axis=-1)
    for cx, cy, rad, col in [(14, 12, 8, (250, 30, 60)), (34, 26, 10, (20, 90, 240))]:
        m = (x - cx) ** 2 + (y - cy) ** 2 < rad ** 2
        img[m] = col
    img += rng.normal(0, 6, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")

def dull():  # low contrast: values within about 70..170
    img = np.asarray(scene()).astype(np.float64) * 0.4 + 70
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")

images = {"scene": scene(), "dull": dull()}
images["gray"] = images["scene"].convert("L")
for name, im in images.items():
    im.save(os.path.join(out, f"in_{name}.png"))

cases = []

def case(name, image, step, params, check, fn):
    res = fn(images[image])
    if isinstance(res, torch.Tensor):
        res = F.to_pil_image(res)
    res.save(os.path.join(out, f"out_{name}.png"))
    cases.append({"case": name, "image": image, "step": step, "params": params, "check": check})

NEAR, LIN = InterpolationMode.NEAREST, InterpolationMode.BILINEAR
for im in ["scene", "dull", "gray"]:
    case(f"invert_{im}", im, "invert", {}, "exact", F.invert)
    case(f"posterize_{im}", im, "posterize", {"bits": 3}, "exact", lambda i: F.posterize(i, 3))
    case(f"solarize_{im}", im, "solarize", {"threshold": 100}, "exact", lambda i: F.solarize(i, 100))
    case(f"equalize_{im}", im, "equalize", {}, "exact", F.equalize)
    case(f"autocontrast_{im}", im, "autocontrast", {}, "exact", F.autocontrast)
for im in ["scene", "dull"]:
    case(f"grayscale_{im}", im, "grayscale", {}, "exact", lambda i: F.rgb_to_grayscale(i, 3))
    for g in [0.6, 1.7]:
        case(f"gamma{g}_{im}", im, "gamma", {"gamma": g}, "exact", lambda i: F.adjust_gamma(i, g))
    case(f"brightness_{im}", im, "colorjitter",
         {"order": "0", "brightness": 1.3, "contrast": 1, "saturation": 1, "hue": 0}, "exact",
         lambda i: F.adjust_brightness(i, 1.3))
    case(f"contrast_{im}", im, "colorjitter",
         {"order": "1", "brightness": 1, "contrast": 0.7, "saturation": 1, "hue": 0}, "exact",
         lambda i: F.adjust_contrast(i, 0.7))
    for f in [0.3, 1.7]:
        case(f"saturation{f}_{im}", im, "saturation", {"factor": f}, "close",
             lambda i: F.adjust_saturation(i, f))
    for f in [0.3, 2.5]:
        case(f"sharpness{f}_{im}", im, "sharpness", {"factor": f}, "close",
             lambda i: F.adjust_sharpness(i, f))
    for h in [0.15, -0.2]:
        case(f"hue{h}_{im}", im, "hue", {"shift": h}, "close", lambda i: F.adjust_hue(i, h))
    case(f"blur_{im}", im, "blur", {"kernel": 5, "sigma": 1.2}, "close",
         lambda i: F.gaussian_blur(i, [5, 5], [1.2, 1.2]))
    case(f"affine_{im}", im, "affine",
         {"angle": 20, "dx": 3, "dy": -2, "scale": 1.1, "shear_x": 10, "shear_y": 5,
          "interp": "linear", "border": "constant"}, "geometric",
         lambda i: F.affine(i, angle=20, translate=[3, -2], scale=1.1, shear=[10, 5],
                            interpolation=LIN))
    case(f"shearx_{im}", im, "affine",
         {"angle": 0, "dx": 0, "dy": 0, "scale": 1, "shear_x": math.degrees(math.atan(0.2)),
          "shear_y": 0, "corner": True, "interp": "nearest", "border": "constant"}, "geometric",
         lambda i: F.affine(i, angle=0.0, translate=[0, 0], scale=1.0,
                            shear=[math.degrees(math.atan(0.2)), 0.0], interpolation=NEAR,
                            center=[0, 0]))
    case(f"rotate_{im}", im, "affine",
         {"angle": -25, "dx": 0, "dy": 0, "scale": 1, "shear_x": 0, "shear_y": 0,
          "interp": "nearest", "border": "constant"}, "geometric",
         lambda i: F.rotate(i, 25, interpolation=NEAR))
    end = [[3, 2], [W - 5, 4], [W - 2, H - 6], [6, H - 1]]
    start = [[0, 0], [W - 1, 0], [W - 1, H - 1], [0, H - 1]]
    case(f"perspective_{im}", im, "perspective",
         {"tlx": 3, "tly": 2, "trx": W - 5, "tr_y": 4, "brx": W - 2, "bry": H - 6, "blx": 6,
          "bly": H - 1, "interp": "linear", "border": "constant"}, "geometric",
         lambda i: F.perspective(i, start, end, interpolation=LIN))
    for mode, ours in [("constant", "constant"), ("reflect", "reflect"), ("edge", "replicate")]:
        case(f"pad_{mode}_{im}", im, "pad", {"px": 3, "border": ours, "fill": 0}, "exact",
             lambda i: F.pad(i, 3, padding_mode=mode))
    case(f"centercrop_{im}", im, "centercrop", {"x": 9, "y": 8, "w": 30, "h": 24}, "exact",
         lambda i: F.center_crop(i, [24, 30]))
    case(f"centercrop_big_{im}", im, "centercrop", {"x": -3, "y": -2, "w": 54, "h": 44}, "exact",
         lambda i: F.center_crop(i, [44, 54]))
    case(f"randomcrop_{im}", im, "randomcrop",
         {"x": -4 + 5, "y": -4 + 2, "w": 32, "h": 32, "border": "constant", "fill": 0}, "exact",
         lambda i: F.crop(F.pad(i, 4), 2, 5, 32, 32))
    case(f"zoomout_{im}", im, "zoomout", {"x": 5, "y": 7, "w": 70, "h": 60, "fill": 0}, "exact",
         lambda i: F.pad(i, [5, 7, 70 - W - 5, 60 - H - 7], fill=0))

with open(os.path.join(out, "cases.json"), "w") as f:
    json.dump({"torchvision": torchvision.__version__, "cases": cases}, f, indent=1)
print(f"{len(cases)} cases, torchvision {torchvision.__version__}, written to {os.path.normpath(out)}")
