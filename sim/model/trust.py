"""Trust changes requested during the day and applied once (MODEL.md §3).

Posts, complaints, onlookers and word of mouth each *request* a change of
trust; the day applies the sum once, clipped to [0, 1], after word of mouth.
Steps 2-7 therefore read the trust people woke up with, and their order
cannot quietly decide an outcome (as follows and unfollows are resolved once
in ``follows.FollowBook``); the unfollows, purchases and lapses of steps 9-10
act on the day's settled trust.
"""

from __future__ import annotations

import numpy as np

from .kernel_cache import kernel


class TrustLedger:
    """Today's requested trust changes, kept in ``people.trust_change``."""

    def __init__(self, people):
        self.people = people
        self._touched: list[np.ndarray] = []

    def request(self, idx: np.ndarray, delta) -> None:
        """Add ``delta`` (a number or one per index) to the trust of ``idx``; an index may repeat."""
        idx = np.asarray(idx, dtype=np.int64)
        if idx.size:
            delta = np.full(idx.size, delta, np.float32) if np.ndim(delta) == 0 else np.asarray(delta, dtype=np.float32)
            scatter_add(self.people.trust_change, idx, delta)
            self._touched.append(idx)

    def touched(self, idx: np.ndarray) -> None:
        """Note people whose ``trust_change`` a compiled kernel wrote directly."""
        if idx.size:
            self._touched.append(idx)

    def settle(self) -> None:
        """Apply the day's requested changes once, clipped to [0, 1]."""
        if self._touched:
            _apply(np.concatenate(self._touched), self.people.trust, self.people.trust_change)
        self._touched = []


@kernel
def _apply(idx, trust, change):
    for j in idx:  # an index seen twice finds its change already applied and zeroed
        c = change[j]
        if c != 0.0:
            trust[j] = min(max(trust[j] + c, 0.0), 1.0)
            change[j] = 0.0


@kernel
def scatter_add(column, idx, values):
    """column[idx] += values, an index counted as often as it appears (np.add.at, without its overhead)."""
    for i in range(idx.size):
        column[idx[i]] += values[i]
