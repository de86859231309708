"""Side-by-side throughput: augreg (Java, via AugmentBench --serve) against OpenCV-Python.

The two run alternately on the same images in short rounds, so background load hits both alike;
the median of each side's rounds is reported with the ratio augreg / OpenCV-Python.

Usage (from the project root, after `mvn -q compile`):
  /usr/bin/python3 bench/compare_peers.py [--images DIR] [--seconds S] [--rounds R]
      [--threads N] [--sizes 64,256,512] [--cases hflip,...]
Needs python3-opencv and python3-torchvision (the peer script imports both).
"""
import argparse, os, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "reference", "peers"))
import aug_peers  # noqa: E402  (sets cv2.setNumThreads(1))

CASES = ["hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline"]


def classpath():
    cp_file = os.path.join(ROOT, "target", "bench-classpath.txt")
    if not os.path.exists(cp_file):
        subprocess.run(["mvn", "-B", "-q", "-o", "dependency:build-classpath",
                        "-Dmdep.outputFile=" + cp_file], cwd=ROOT, check=True)
    with open(cp_file) as f:
        return os.path.join(ROOT, "target", "classes") + os.pathsep + f.read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", default=os.path.join(ROOT, "data", "photos"))
    ap.add_argument("--seconds", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sizes", default="64,256,512")
    ap.add_argument("--cases", default=",".join(CASES))
    a = ap.parse_args()
    java = subprocess.Popen(["java", "-cp", classpath(), "io.augreg.augment.AugmentBench", "--serve",
                             a.images], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ours(case, size):
        java.stdin.write("%s %d %g %d\n" % (case, size, a.seconds, a.threads))
        java.stdin.flush()
        return float(java.stdout.readline())

    print("%-9s %5s %12s %12s %7s" % ("case", "size", "augreg/s", "opencv-py/s", "ratio"))
    for size in [int(s) for s in a.sizes.split(",")]:
        ims = aug_peers.load(a.images, size)
        for case in a.cases.split(","):
            mine, peer = [], []
            ours(case, size)  # warm-up of the JIT for this case
            for _ in range(a.rounds):
                peer.append(aug_peers.bench(aug_peers.CV[case], ims, a.seconds))
                mine.append(ours(case, size))
            m, p = statistics.median(mine), statistics.median(peer)
            print("%-9s %5d %12.0f %12.0f %6.2fx" % (case, size, m, p, m / p), flush=True)
    java.stdin.close()
    java.wait()


if __name__ == "__main__":
    main()
