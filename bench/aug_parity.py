"""Does augreg's copy of the CNN peer's augmentation draw the same distribution as torchvision's?

The CNN benchmark (bench/cnn.sh) trains augreg with `bench cnn`'s PEER_AUGMENT, which restates
the torchvision pipeline of ../shared/reference/peers/torch_cats_cnn.py step for step. Test
accuracy over 5 seeds is too noisy (50 test images) to show that the two pipelines are the same;
this script compares them directly. Every training image is augmented COPIES times by each tool
(augreg: `augreg augment --pipeline PEER_AUGMENT`, PNG; torchvision: the peer's transforms,
quantized to 8 bits like a PNG), and per augmented image it measures

  mean      mean pixel value (0..1)
  std       standard deviation of the pixels
  dark      fraction of pixels with every channel below 0.06 (rotation's black corners)
  diff      mean |augmented − original| (how far the augmentation moves an image)
  flipped   1 if the image is closer to the mirrored original than to the original
  grad      mean |x[i, j+1] − x[i, j]| (sharpness: noise raises it, crop up-scaling lowers it)
  contrast  std of the luma divided by the original's (contrast jitter, crop)

then prints each statistic's mean for both tools, their difference and the difference in
standard errors (z). The comparison is paired by source image (each image's mean over its copies,
augreg minus torchvision), so the differences between images do not hide a difference between
the tools. |z| < 3 everywhere means no difference the sample can see; the relative difference
says how large any difference is.

Usage (from the project root):
  /usr/bin/python3 bench/aug_parity.py [--copies 20] [--seed 0] [--steps 5]
      [--data ../shared/datasets/catvnoncat]
  --steps K compares the first K steps only (hflip, rotate, crop, contrast, noise), to find which
  step a difference comes from.
Needs python3-torchvision (bench/cnn.sh installs it).
"""
import argparse, glob, math, os, re, subprocess, sys, tempfile

try:
    import numpy as np
    import torch
    import torchvision.transforms as T
    from PIL import Image
except ImportError as e:  # the peer's libraries are Debian packages, not on every machine
    sys.exit("aug_parity.py: needs numpy, torch, torchvision and PIL (%s); run it with "
             "/usr/bin/python3 after `apt-get install python3-torchvision`" % e)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STATS = ["mean", "std", "dark", "diff", "flipped", "grad", "contrast"]


def peer_transform(steps):
    """The first `steps` steps of the peer's training transform with augmentation
    (torch_cats_cnn.py, aug=1; all 5 steps: verbatim)."""
    noise = T.Lambda(lambda t: (t + torch.randn_like(t) * 0.03).clamp(0, 1))
    pil = [T.RandomHorizontalFlip(), T.RandomRotation(15), T.RandomResizedCrop(64, scale=(0.7, 1.0)),
           T.ColorJitter(contrast=0.2)]
    return T.Compose(pil[:steps] + [T.ToTensor()] + ([noise] if steps > len(pil) else []))


def peer_augment_spec():
    """PEER_AUGMENT as written in BenchCnnCommand.java (one source of truth)."""
    src = open(os.path.join(ROOT, "src/main/java/io/augreg/cli/BenchCnnCommand.java")).read()
    m = re.search(r'PEER_AUGMENT\s*=\s*((?:"[^"]*"\s*\+?\s*)+);', src)
    return "".join(re.findall(r'"([^"]*)"', m.group(1)))


def luma(x):
    return 0.299 * x[..., 0] + 0.587 * x[..., 1] + 0.114 * x[..., 2]


def stats(aug, orig):
    """The statistics of one augmented image (H×W×3 in 0..1) against its original."""
    mirror = orig[:, ::-1]
    d, dm = np.abs(aug - orig).mean(), np.abs(aug - mirror).mean()
    return [aug.mean(), aug.std(), (aug.max(axis=2) < 0.06).mean(), d, float(dm < d),
            np.abs(np.diff(aug, axis=1)).mean(), luma(aug).std() / max(luma(orig).std(), 1e-6)]


def load(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "datasets", "catvnoncat"))
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", type=int, default=5, choices=range(1, 6),
                    help="compare only the first STEPS steps of both pipelines (default: all 5)")
    a = ap.parse_args()
    train = os.path.join(a.data, "train")
    sources = sorted(glob.glob(os.path.join(train, "*", "*.png")))
    if not sources:
        sys.exit("aug_parity.py: no PNG images under " + train)
    spec = " | ".join(s.strip() for s in peer_augment_spec().split("|")[:a.steps])
    print("augreg pipeline: " + spec)
    print("images: %d x %d copies per tool" % (len(sources), a.copies))

    torch.manual_seed(a.seed)
    tf = peer_transform(a.steps)
    theirs = []
    for p in sources:
        orig = load(p)
        img = Image.open(p).convert("RGB")
        for _ in range(a.copies):
            t = tf(img).permute(1, 2, 0).numpy().astype(np.float64)
            theirs.append(stats(np.round(t * 255) / 255, orig))

    ours = []
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([os.path.join(ROOT, "augreg"), "augment", train, out, "--pipeline", spec,
                        "--copies", str(a.copies), "--seed", str(a.seed), "--format", "png",
                        "--overwrite"], check=True, stdout=subprocess.DEVNULL)
        for p in sources:
            orig = load(p)
            rel = os.path.relpath(p, train)[:-len(".png")]
            for k in range(a.copies):
                ours.append(stats(load(os.path.join(out, "%s_aug%d.png" % (rel, k))), orig))

    # per source image: the mean of each statistic over its copies
    theirs = np.array(theirs).reshape(len(sources), a.copies, -1).mean(axis=1)
    ours = np.array(ours).reshape(len(sources), a.copies, -1).mean(axis=1)
    print("%-9s %10s %10s %10s %8s %6s" % ("statistic", "torchvision", "augreg", "difference",
                                            "relative", "z"))
    worst = 0.0
    for i, name in enumerate(STATS):
        t, o = theirs[:, i], ours[:, i]
        # paired: d_j = ō_j − t̄_j per source image j, z = mean(d) / (sd(d) / √n)
        d = o - t
        se = d.std(ddof=1) / math.sqrt(len(d))
        z = d.mean() / se if se > 0 else 0.0
        worst = max(worst, abs(z))
        print("%-9s %10.4f %10.4f %+10.4f %+7.1f%% %+6.1f" % (name, t.mean(), o.mean(),
                                                           o.mean() - t.mean(),
                                                           100 * (o.mean() / t.mean() - 1), z))
    print("largest |z|: %.1f (%s)" % (worst, "no difference the sample can see" if worst < 3
                                        else "the distributions differ"))


if __name__ == "__main__":
    main()
