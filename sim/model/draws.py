"""Random draws that cost what they yield, not what the market weighs.

A Bernoulli(p) trial for each of n people takes n uniforms; when p is small,
the gaps between successes are geometric, so drawing the gaps gives the same
process with about n*p numbers. Varying probabilities are drawn by thinning:
candidates at the largest probability, each kept with p_i / p_max.
"""

from __future__ import annotations

import numpy as np


def bernoulli_indices(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Sorted indices i < n at which independent Bernoulli(p) trials succeed."""
    if p <= 0 or n == 0:
        return np.empty(0, np.int64)
    if p >= 1:
        return np.arange(n, dtype=np.int64)
    out, start = [], -1
    while True:
        k = int(n * p + 6 * np.sqrt(n * p) + 16)  # almost always one batch
        hits = start + np.cumsum(rng.geometric(p, size=k))
        out.append(hits[hits < n])
        if hits[-1] >= n:
            return np.concatenate(out)
        start = int(hits[-1])


def thinned(rng: np.random.Generator, n: int, p_max: float, p_of) -> np.ndarray:
    """Indices of successes of Bernoulli(p_i) trials, p_i = p_of(candidates) <= p_max."""
    top = min(p_max, 1.0)  # a probability above 1 is a certainty
    candidates = bernoulli_indices(rng, n, top)
    if candidates.size == 0:
        return candidates
    keep = rng.random(candidates.size) * top < p_of(candidates)
    return candidates[keep]
