"""The same OpenCV calls as bench/OpenCvCalls.java, on the peer's OpenCV (Debian's python3-opencv),
one thread: microseconds of this thread's CPU time per call (the Python call overhead included,
about 0.1 us). Run by bench/opencv_calls.sh.
Usage: /usr/bin/python3 bench/opencv_calls.py IMAGE SIZE SECONDS"""
import sys, time
import numpy as np, cv2

cv2.setNumThreads(1)


def main():
    path, size, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    im = cv2.resize(cv2.imread(path), (size, size), interpolation=cv2.INTER_AREA)
    lut = np.zeros(256, np.uint8)
    ok, buf = cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, 75])
    calls = {
        "GaussianBlur_5x5": lambda: cv2.GaussianBlur(im, (5, 5), 1.0, borderType=cv2.BORDER_REFLECT_101),
        "LUT": lambda: cv2.LUT(im, lut),
        "cvtColor_gray_and_back": lambda: cv2.cvtColor(cv2.cvtColor(im, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR),
        "flip_vertical": lambda: cv2.flip(im, 0),
        "imencode_jpeg_q75": lambda: cv2.imencode(".jpg", im, [cv2.IMWRITE_JPEG_QUALITY, 75]),
        "imdecode_jpeg": lambda: cv2.imdecode(buf, cv2.IMREAD_COLOR),
    }
    for name, f in calls.items():
        t0 = time.thread_time()
        while time.thread_time() - t0 < secs * 0.2:
            f()
        n = 0
        t0 = time.thread_time()
        while True:
            for _ in range(10):
                f()
            n += 10
            dt = time.thread_time() - t0
            if dt >= secs:
                break
        print("debian %s %d %.2f" % (name, size, dt / n * 1e6), flush=True)


if __name__ == "__main__":
    main()
