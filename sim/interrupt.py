"""Ctrl-C that takes effect between days, never inside a compiled kernel.

Python raises KeyboardInterrupt wherever the main thread happens to be. Inside
a numba kernel that is unsafe: the interrupt comes back as a SystemError, and
once in about forty sweeps it landed while numba was converting a random
Generator and the process died of a segmentation fault (exit -11, nothing
reported). During a run a first Ctrl-C is only noted, and the run stops at the
end of the day it falls in; a second one stops at once, as usual.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


@contextmanager
def between_days():
    """Defer Ctrl-C inside the block; yields ``check()``, which raises KeyboardInterrupt once one was pressed.

    Leaves the handler alone where Python's default is not installed (a thread, a runner that ignores Ctrl-C,
    an application's own handler): there it does what it did before."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield lambda: None
        return
    pressed = []

    def note(signum, frame):
        pressed.append(signum)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # a second Ctrl-C: at once

    def check():
        if pressed:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, note)
    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    check()  # pressed after the last check: the block's work is done, but the caller must still stop
