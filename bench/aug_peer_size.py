"""The OpenCV-Python peer (../shared/reference/peers/aug_peers.py) at ONE image size, for
bench/augment.sh to alternate with augreg size by size. Same images, same case functions, same
warm-up (a fifth of the time) as the peer script; prints the peer's line format
`opencv-python CASE SIZE IMAGES_PER_SECOND`.

Usage: /usr/bin/python3 bench/aug_peer_size.py IMAGE_DIR SIZE SECONDS wall|cpu
  wall: the peer's own timing (aug_peers.bench, elapsed time);
  cpu:  the same loop timed in this thread's CPU time (time.thread_time), read about every millisecond like
        `augreg bench augment --clock cpu`, so other processes on the cores do not count.
"""
import os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                                "reference", "peers"))
import aug_peers  # noqa: E402  (sets cv2.setNumThreads(1))


def cpu_bench(fn, ims, secs):
    """aug_peers.bench timed in this thread's CPU time. Reading that clock is a system call
    (about a microsecond), so after the warm-up it is read about once per millisecond, as augreg's
    --clock cpu does; otherwise the clock would cost the peer more than a 64 px flip."""
    i = 0; t0 = time.thread_time()
    while time.thread_time() - t0 < secs * 0.2: fn(ims[i % len(ims)]); i += 1
    batch = max(1, int(i / (secs * 0.2) * 0.001))
    n = 0; t0 = time.thread_time()
    while True:
        for _ in range(batch):
            fn(ims[n % len(ims)]); n += 1
        dt = time.thread_time() - t0
        if dt >= secs: return n / dt


def main():
    d, size, secs, clock = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    bench = {"wall": aug_peers.bench, "cpu": cpu_bench}[clock]
    ims = aug_peers.load(d, size)
    for k, fn in aug_peers.CV.items():
        print("opencv-python %s %d %.0f" % (k, size, bench(fn, ims, secs)), flush=True)


if __name__ == "__main__":
    main()
