"""Random draws that cost what they yield, not what the market weighs.

A Bernoulli(p) trial for each of n people takes n uniforms; when p is small,
the gaps between successes are geometric, so drawing the gaps gives the same
process with about n*p numbers. Varying probabilities are drawn by thinning:
candidates at the largest probability, each kept with p_i / p_max.
"""

from __future__ import annotations

import numpy as np
from numba.np.random._constants import fi_float, ki_float, wi_float, ziggurat_nor_inv_r_f, ziggurat_nor_r_f
from numba.np.random.generator_core import next_float, next_uint32

from .kernel_cache import kernel

# numpy draws a geometric gap with p < 1/3 as ceil(-E / log1p(-p)), E standard exponential; taking the
# exponentials in bulk and the rest in a compiled loop gives the same gaps from the same stream, 3-4x faster.
_INVERSION_BELOW = 1.0 / 3.0


def bernoulli_indices(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    """Sorted indices i < n at which independent Bernoulli(p) trials succeed.

    Called from Python, ``_bernoulli`` runs as Python (its draws in bulk from numpy): a compiled call that takes a
    Generator spends about 10 us converting it, more than the whole draw when p is small."""
    return _bernoulli.py_func(rng, n, p, log_q(p))


def log_q(p: float) -> float:
    """log(1 - p) as numpy computes it (its own vectorised log1p may differ from the C library's in the last bit)."""
    return float(np.log1p(-p)) if 0 < p < _INVERSION_BELOW else 0.0


@kernel
def _bernoulli(rng, n, p, log_q):
    """``bernoulli_indices`` compiled, drawing what numpy's Generator would: geometric gaps by inversion of
    exponentials (``log_q`` = log(1 - p), from ``log_q``) below a third, numpy's geometric above."""
    if p <= 0 or n == 0:
        return np.empty(0, np.int64)
    if p >= 1:
        return np.arange(n)
    out = np.empty(0, np.int64)
    start = -1
    while True:
        k = int(n * p + 6 * np.sqrt(n * p) + 16)  # almost always one batch
        if p < _INVERSION_BELOW:
            hits = _successes(rng.standard_exponential(k), log_q, start, n)
            last = start if hits.size == 0 else hits[-1]
            done = hits.size < k
        else:
            gaps = np.cumsum(rng.geometric(p, size=k))
            done, last = start + gaps[-1] >= n, start + gaps[-1]
            hits = start + gaps
            hits = hits[hits < n]
        out = hits if out.size == 0 else np.concatenate((out, hits))
        if done:
            return out
        start = last


@kernel
def _successes(exponentials, log_q, start, n):
    """start + the running sum of the gaps ceil(-E / log_q), up to the first at or beyond n (dropped)."""
    hits = np.empty(exponentials.size, np.int64)
    at = start
    for i in range(exponentials.size):
        at += np.int64(np.ceil(-exponentials[i] / log_q))
        if at >= n:
            return hits[:i]
        hits[i] = at
    return hits


def thinned(rng: np.random.Generator, n: int, p_max: float, p_of) -> np.ndarray:
    """Indices of successes of Bernoulli(p_i) trials, p_i = p_of(candidates) <= p_max."""
    top = min(p_max, 1.0)  # a probability above 1 is a certainty
    candidates = bernoulli_indices(rng, n, top)
    if candidates.size == 0:
        return candidates
    keep = rng.random(candidates.size) * top < p_of(candidates)
    return candidates[keep]


@kernel
def normal_f32(rng, n):
    """``rng.standard_normal(n, dtype=np.float32)`` inside a compiled pass, the same numbers as numpy's: numba's own
    float32 normal judges the ziggurat's wedges with a float32 exp where numpy's C uses a double one, so about one
    draw in a few million differs and the stream runs out of step."""
    out = np.empty(n, np.float32)
    bitgen = rng.bit_generator
    for i in range(n):
        out[i] = _normal_f32(bitgen)
    return out


@kernel
def _normal_f32(bitgen):
    """numpy's random_standard_normal_f (distributions.c), line by line."""
    while True:
        r = next_uint32(bitgen)
        idx = r & 0xFF
        sign = (r >> 8) & 0x1
        rabs = (r >> 9) & 0x0007FFFFF
        x = np.float32(np.float32(rabs) * wi_float[idx])
        if sign & 0x1:
            x = -x
        if rabs < ki_float[idx]:
            return x
        if idx == 0:
            while True:
                xx = np.float32(-ziggurat_nor_inv_r_f * np.log1p(-next_float(bitgen)))
                yy = np.float32(-np.log1p(-next_float(bitgen)))
                if np.float32(yy + yy) > np.float32(xx * xx):
                    return -np.float32(ziggurat_nor_r_f + xx) if (rabs >> 8) & 0x1 else np.float32(ziggurat_nor_r_f + xx)
        elif np.float32((fi_float[idx - 1] - fi_float[idx]) * next_float(bitgen) + fi_float[idx]) < np.exp(-0.5 * np.float64(x) * np.float64(x)):
            return x
