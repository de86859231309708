"""Side-by-side throughput: augreg (Java, via AugmentBench --serve) against OpenCV-Python.

The two run alternately on the same images in short rounds, so background load hits both alike.
Reported per side: the best round (least disturbed by other processes) and the median round, and
the ratio augreg / OpenCV-Python of each.

Usage (from the project root; bench/classpath.sh compiles first):
  /usr/bin/python3 bench/compare_peers.py [--images DIR] [--seconds S] [--rounds R]
      [--threads N] [--sizes 64,256,512] [--cases hflip,...]
Needs python3-opencv and python3-torchvision (the peer script imports both).
"""
import argparse, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "..", "shared", "reference", "peers"))
import aug_peers  # noqa: E402  (sets cv2.setNumThreads(1))

CASES = ["hflip", "vflip", "rotate", "crop", "contrast", "noise", "pipeline"]


def cpu_rate(fn, ims, secs):
    """Images per second of this thread's CPU time (other processes on the cores do not count)."""
    t0 = time.thread_time(); i = 0
    while time.thread_time() - t0 < secs * 0.2:
        fn(ims[i % len(ims)]); i += 1
    batch = max(1, int(i / (secs * 0.2) * 0.001))  # read the clock about every millisecond
    n = 0; t0 = time.thread_time()
    while True:
        for _ in range(batch):
            fn(ims[n % len(ims)]); n += 1
        dt = time.thread_time() - t0
        if dt >= secs:
            return n / dt


def classpath():
    """The build tree's classpath, from bench/classpath.sh (compiles first)."""
    return subprocess.run([os.path.join(HERE, "classpath.sh")], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", default=os.path.join(ROOT, "data", "photos"))
    ap.add_argument("--seconds", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sizes", default="64,256,512")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                    help="cpu: per-thread CPU time (robust when other processes share the cores); "
                         "wall: elapsed time, like the peer script (needs an idle machine)")
    a = ap.parse_args()
    java = subprocess.Popen(["java", "-cp", classpath(), "io.augreg.augment.AugmentBench", "--serve",
                             a.images], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ours(case, size):
        cpu = a.clock == "cpu"
        java.stdin.write("%s %d %g %d%s\n" % (case, size, a.seconds, a.threads, " cpu" if cpu else ""))
        java.stdin.flush()
        return float(java.stdout.readline())

    print("%-9s %5s %12s %12s %7s %13s %13s %7s" % ("case", "size", "augreg best", "opencv best",
                                                     "ratio", "augreg median", "opencv median", "ratio"))
    for size in [int(s) for s in a.sizes.split(",")]:
        ims = aug_peers.load(a.images, size)
        for case in a.cases.split(","):
            mine, peer = [], []
            ours(case, size)  # warm-up of the JIT for this case
            for _ in range(a.rounds):
                if a.clock == "cpu" and a.threads == 1:
                    peer.append(cpu_rate(aug_peers.CV[case], ims, a.seconds))
                else:
                    peer.append(aug_peers.bench(aug_peers.CV[case], ims, a.seconds))
                mine.append(ours(case, size))
            bm, bp = max(mine), max(peer)
            m, p = statistics.median(mine), statistics.median(peer)
            print("%-9s %5d %12.0f %12.0f %6.2fx %13.0f %13.0f %6.2fx" % (case, size, bm, bp, bm / bp,
                                                                        m, p, m / p), flush=True)
    java.stdin.close()
    java.wait()


if __name__ == "__main__":
    main()
