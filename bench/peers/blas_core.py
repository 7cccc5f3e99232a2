"""Which BLAS a peer process really runs, for the bench suites' fairness lines (imported by the peer scripts).

`openblas_core()` reads the libraries mapped into this process (/proc/self/maps) and, for OpenBLAS, asks the library
itself which kernel set it chose at start-up (`openblas_get_corename`) and with how many threads, through ctypes.
Call it after the BLAS has been used once (so it is loaded)."""
import ctypes, os


def openblas_core():
    """(library path, core name, OpenBLAS thread count); core '?' and threads -1 when the BLAS is not OpenBLAS."""
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and ("blas" in parts[-1] or "mkl" in parts[-1]):
                libs.add(os.path.realpath(parts[-1]))
    for lib in sorted(libs):
        try:
            so = ctypes.CDLL(lib)
            so.openblas_get_corename.restype = ctypes.c_char_p
            so.openblas_get_num_threads.restype = ctypes.c_int
            return lib, so.openblas_get_corename().decode(), so.openblas_get_num_threads()
        except (OSError, AttributeError):
            continue
    return ", ".join(sorted(libs)) or "none", "?", -1


def describe():
    """One line: library, chosen core, threads, and whether the environment forced a core (it should not)."""
    lib, core, threads = openblas_core()
    forced = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    return f"{lib}; OpenBLAS core {core}, {threads} thread(s)" + (f"; FORCED by {forced}" if forced else "")
