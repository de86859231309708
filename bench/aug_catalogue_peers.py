"""Peers of the catalogue cases of `augreg bench augment` (AugmentBench.CATALOGUE), one image size:
the fastest Python implementation here of each step with the same parameter ranges: OpenCV-Python
where OpenCV has the operation, otherwise torchvision's tensor path (uint8 tensors); the policies
against torchvision's RandAugment / TrivialAugmentWide / AutoAugment / AugMix on tensors.
Timing as bench/aug_peer_size.py (cpu: this thread's CPU time).
Usage: /usr/bin/python3 bench/aug_catalogue_peers.py IMAGE_DIR SIZE SECONDS wall|cpu [CASES]
Prints `LIBRARY CASE SIZE IMAGES_PER_SECOND` lines."""
import os, sys, random
import numpy as np, cv2, torch
import torchvision.transforms as T
import torchvision.transforms.functional as TF

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aug_peer_size  # noqa: E402  (puts the peer script on the path)
import aug_peers  # noqa: E402

u = random.uniform


def lut(table):
    t = np.asarray(table, np.uint8)
    return lambda im: cv2.LUT(im, t)


def gamma(im):
    g = u(0.7, 1.5)
    return cv2.LUT(im, (255.999 * (np.arange(256) / 255.0) ** g).astype(np.uint8))


def posterize(im):
    return cv2.LUT(im, (np.arange(256) & ~15).astype(np.uint8))


def solarize(im):
    a = np.arange(256)
    return cv2.LUT(im, np.where(a >= 128, 255 - a, a).astype(np.uint8))


def grayscale(im):
    return cv2.cvtColor(cv2.cvtColor(im, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)


def channelshuffle(im):
    return np.ascontiguousarray(im[:, :, np.random.permutation(3)])


def equalize(im):
    return cv2.merge([cv2.equalizeHist(c) for c in cv2.split(im)])


def blur(im):
    return cv2.GaussianBlur(im, (5, 5), u(0.1, 2.0), borderType=cv2.BORDER_REFLECT_101)


def jpeg(im):
    ok, buf = cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, random.randint(50, 95)])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def affine(im):
    h, w = im.shape[:2]
    M = cv2.getRotationMatrix2D((w / 2, h / 2), u(-15, 15), u(0.9, 1.1))
    M[0, 1] += np.tan(np.radians(u(-10, 10)))
    M[0, 2] += u(-0.1, 0.1) * w
    M[1, 2] += u(-0.1, 0.1) * h
    return cv2.warpAffine(im, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def perspective(im):
    h, w = im.shape[:2]
    d = 0.5
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    dst = src + np.float32([[u(0, d * w / 2), u(0, d * h / 2)], [-u(0, d * w / 2), u(0, d * h / 2)],
                            [-u(0, d * w / 2), -u(0, d * h / 2)], [u(0, d * w / 2), -u(0, d * h / 2)]])
    return cv2.warpPerspective(im, cv2.getPerspectiveTransform(src, dst), (w, h),
                               flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def elastic(im):  # Albumentations' recipe: smoothed uniform fields, remap
    h, w = im.shape[:2]
    k = int(8 * 5 + 1) | 1
    dx = cv2.GaussianBlur(np.random.uniform(-1, 1, (h, w)).astype(np.float32), (k, k), 5) * 25
    dy = cv2.GaussianBlur(np.random.uniform(-1, 1, (h, w)).astype(np.float32), (k, k), 5) * 25
    x, y = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(im, x + dx, y + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def pad(im):
    return cv2.copyMakeBorder(im, 4, 4, 4, 4, cv2.BORDER_REFLECT_101)


def erase(im):
    h, w = im.shape[:2]
    for _ in range(10):
        a = h * w * u(0.02, 0.33)
        r = np.exp(u(np.log(0.3), np.log(3.3)))
        eh, ew = int(round(np.sqrt(a * r))), int(round(np.sqrt(a / r)))
        if eh < h and ew < w:
            y, x = random.randint(0, h - eh), random.randint(0, w - ew)
            out = im.copy()
            out[y:y + eh, x:x + ew] = 0
            return out
    return im


def coarsedropout(im):
    h, w = im.shape[:2]
    out = im.copy()
    for _ in range(8):
        bw, bh = max(1, int(u(0.05, 0.15) * w)), max(1, int(u(0.05, 0.15) * h))
        x, y = random.randint(0, w - bw), random.randint(0, h - bh)
        out[y:y + bh, x:x + bw] = 0
    return out


CV = {"gamma": gamma, "invert": cv2.bitwise_not, "posterize": posterize, "solarize": solarize,
      "grayscale": grayscale, "channelshuffle": channelshuffle, "equalize": equalize, "blur": blur,
      "jpeg": jpeg, "affine": affine, "perspective": perspective, "elastic": elastic, "pad": pad,
      "erase": erase, "coarsedropout": coarsedropout}

TV = {"saturation": lambda t: TF.adjust_saturation(t, u(0.5, 1.5)),
      "hue": lambda t: TF.adjust_hue(t, u(-0.1, 0.1)),
      "colorjitter": T.ColorJitter(0.4, 0.4, 0.4, 0.1),
      "sharpness": lambda t: TF.adjust_sharpness(t, u(0.5, 2.0)),
      "autocontrast": TF.autocontrast,
      "randaugment": T.RandAugment(2, 9), "trivialaugment": T.TrivialAugmentWide(),
      "autoaugment": T.AutoAugment(T.AutoAugmentPolicy.IMAGENET), "augmix": T.AugMix()}


def main():
    d, size, secs, clock = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    cases = sys.argv[5].split(",") if len(sys.argv) > 5 else list(CV) + list(TV)
    bench = {"wall": aug_peers.bench, "cpu": aug_peer_size.cpu_bench}[clock]
    ims = aug_peers.load(d, size)
    tens = [torch.from_numpy(im[:, :, ::-1].copy()).permute(2, 0, 1).contiguous() for im in ims]
    for k in cases:
        if k in CV:
            print("opencv-python %s %d %.0f" % (k, size, bench(CV[k], ims, secs)), flush=True)
        elif k in TV:
            print("torchvision %s %d %.0f" % (k, size, bench(TV[k], tens, secs)), flush=True)


if __name__ == "__main__":
    main()
