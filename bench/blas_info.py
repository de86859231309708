"""Prints which BLAS this Python's numpy runs on, as one line, for the bench scripts' headers.

Usage: PYTHON bench/blas_info.py
The line names numpy's version, the BLAS numpy was built against (numpy.show_config), the shared
library actually mapped into the process after a matrix product (/proc/self/maps, symlinks
resolved: Debian's libblas.so.3 is an alternatives link that may point at the reference BLAS or
at OpenBLAS) and OpenBLAS's thread count when the library exports it (the threadpoolctl way).
"""
import ctypes
import os
import re

import numpy as np


def built_against():
    try:
        cfg = np.show_config(mode="dicts")  # numpy >= 1.26
        blas = cfg["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name", "?"), blas.get("version", ""))
    except TypeError:
        info = getattr(np.__config__, "blas_opt_info", None) or getattr(np.__config__, "blas_info", {})
        return "libs=%s" % ",".join(info.get("libraries", ["?"])) if isinstance(info, dict) else "?"


def mapped_blas():
    a = np.ones((64, 64))
    a @ a  # loads the BLAS if numpy loads it lazily
    libs = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if line.strip() else ""
            name = os.path.basename(path).lower()
            if path.startswith("/") and re.search(r"blas|mkl|blis|atlas|accelerate", name):
                real = os.path.realpath(path)
                if real not in libs:
                    libs.append(real)
    return libs


def openblas_call(libs, names, restype=ctypes.c_int):
    """The result of the first of the exported functions `names` found in `libs`, else None."""
    for lib in libs:
        try:
            handle = ctypes.CDLL(lib)
        except OSError:
            continue
        for sym in names:
            if hasattr(handle, sym):
                fn = getattr(handle, sym)
                fn.restype = restype
                return fn()
    return None


def corename(libs):
    """The kernel set OpenBLAS chose (or was told by OPENBLAS_CORETYPE), e.g. Haswell, Cooperlake."""
    name = openblas_call(libs, ("scipy_openblas_get_corename64_", "openblas_get_corename64_",
                                "openblas_get_corename", "scipy_openblas_get_corename"),
                         ctypes.c_char_p)
    return None if name is None else name.decode()


def threads(libs):
    return openblas_call(libs, ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                                "openblas_get_num_threads", "scipy_openblas_get_num_threads"))


if __name__ == "__main__":
    libs = mapped_blas()
    n = threads(libs)
    core = corename(libs)
    print("numpy %s; built against %s; loaded %s; OpenBLAS threads %s; kernels %s" % (
        np.__version__, built_against().strip(), " + ".join(libs) or "(none mapped)",
        "n/a" if n is None else n, "n/a" if core is None else core))
