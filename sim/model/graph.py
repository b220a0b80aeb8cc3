"""The social graph: who sees a person's shares and word of mouth.

Ties are undirected and stored as a ``scipy.sparse`` CSR matrix. Degrees are
heavy-tailed (a Chung-Lu-style graph with Pareto expected degrees): a few
people reach many. Spreading gathers only the senders' rows, so its cost is
the number of ties of those who speak, never the size of the market.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .indices import sorted_unique, unique
from .kernel_cache import kernel


def social_graph(n: int, mean_degree: float, tail: float, max_ties: float, rng: np.random.Generator) -> sparse.csr_matrix:
    """Ties from stub matching with Pareto expected degrees.

    Each person gets Poisson(weight * mean_degree) tie ends ("stubs"),
    weights Pareto with exponent ``tail`` (mean 1), an expected degree capped
    at ``max_ties`` and at the structural cutoff sqrt(n * mean_degree);
    shuffled stubs are paired. Self-ties and repeated ties are dropped, so the
    realised mean degree is slightly below the target. A fixed cap keeps the
    biggest hubs, and so what spreads per person, the same in a bigger market.
    """
    if n < 2 or mean_degree <= 0:
        return sparse.csr_matrix((n, n), dtype=np.bool_)
    weight = rng.pareto(tail - 1.0, n) + 1.0
    weight *= (tail - 2.0) / (tail - 1.0)  # mean 1 in expectation: a sample's mean would grow with its largest draws, so with n
    weight = np.minimum(weight, min(np.sqrt(n * mean_degree), max_ties) / mean_degree)
    stubs = _stubs(rng.poisson(weight * mean_degree))
    _shuffle(stubs, rng)
    half = stubs.size // 2
    indptr, indices = _undirected_csr(n, stubs[:half], stubs[half:2 * half])
    return sparse.csr_matrix((np.ones(indices.size, dtype=np.bool_), indices, indptr), shape=(n, n))


def market_graph(n: int, mean_degree: float, tail: float, max_ties: float, seed: int, rng: np.random.Generator) -> sparse.csr_matrix:
    """``social_graph`` drawn from ``rng``, the graph stream of a run seeded with ``seed``; this process keeps the
    last one. The strategies a comparison runs on one seed share their market's ties, and building them again
    costs a tenth of a run (a quarter-second at 250,000 people). Markets above a million people are not kept:
    the graph would hold its memory after the run."""
    global _last
    key = (n, float(mean_degree), float(tail), float(max_ties), seed)
    if _last is not None and _last[0] == key:
        return _last[1]
    graph = social_graph(n, mean_degree, tail, max_ties, rng)
    _last = (key, graph) if n <= 1_000_000 else None
    return graph


_last: tuple | None = None  # (market and seed, graph) of this process's last run


@kernel
def _stubs(counts):
    """Person i's index ``counts[i]`` times, in order (``np.repeat(np.arange(n), counts)``, several times faster)."""
    stubs = np.empty(counts.sum(), np.int32)
    k = 0
    for i in range(counts.size):
        for _ in range(counts[i]):
            stubs[k] = i
            k += 1
    return stubs


def _shuffle(stubs: np.ndarray, rng: np.random.Generator, chunk: int = 1 << 20) -> None:
    """Fisher-Yates in place, its uniforms drawn a chunk at a time (numpy's own shuffle is several times
    slower on 10^7 stubs, and one uniform per stub at once would take 8 bytes a stub)."""
    u = np.empty(min(chunk, stubs.size))
    top = stubs.size - 1
    while top > 0:
        k = min(chunk, top)
        rng.random(out=u[:k])
        _fisher_yates(stubs, top, u[:k])
        top -= k


@kernel
def _fisher_yates(a, top, u):
    """Swap a[i] with a uniform a[j], j <= i, for i = top, top - 1, ... (one uniform each)."""
    for t in range(u.size):
        i = top - t
        j = int(u[t] * (i + 1))
        a[i], a[j] = a[j], a[i]


@kernel
def _undirected_csr(n, a, b):
    """CSR rows of the ties a[i]-b[i] in both directions, without self-ties or repeats (rows not sorted)."""
    degree = np.zeros(n + 1, np.int64)
    for i in range(a.size):
        if a[i] != b[i]:
            degree[a[i] + 1] += 1
            degree[b[i] + 1] += 1
    start = np.cumsum(degree)
    fill = start[:-1].copy()
    ends = np.empty(start[-1], np.int32)
    for i in range(a.size):
        if a[i] != b[i]:
            ends[fill[a[i]]] = b[i]
            fill[a[i]] += 1
            ends[fill[b[i]]] = a[i]
            fill[b[i]] += 1
    indptr = np.zeros(n + 1, np.int64)
    seen_in = np.full(n, -1, np.int32)  # the last row each person was seen in: drops repeated ties without sorting
    k = 0
    for row in range(n):
        for i in range(start[row], start[row + 1]):
            tie = ends[i]
            if seen_in[tie] != row:
                seen_in[tie] = row
                ends[k] = tie
                k += 1
        indptr[row + 1] = k
    return indptr, ends[:k].copy()


def degrees(graph: sparse.csr_matrix) -> np.ndarray:
    """Number of ties of each person."""
    return np.diff(graph.indptr)


def reach(graph: sparse.csr_matrix, senders: np.ndarray, share_of_ties: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Who hears ``senders`` (index array), and how many messages each: (people, counts).

    Each sender's message reaches each tie with probability ``share_of_ties``
    (one uniform per tie, senders in order and each one's ties in order, from ``rng``).
    """
    senders = np.asarray(senders, dtype=np.int64)
    if senders.size == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    ties = _ties(graph.indptr, graph.indices, senders)
    heard = ties if share_of_ties >= 1.0 else ties[rng.random(ties.size) < share_of_ties]  # numpy's draws, in bulk
    return unique(heard, return_counts=True)


@kernel
def _ties(indptr, indices, senders):
    """The ties of each sender in turn, a tie once per sender (compiled: no arrays of offsets)."""
    total = 0
    for s in senders:
        total += indptr[s + 1] - indptr[s]
    out = np.empty(total, np.int64)
    k = 0
    for s in senders:
        for i in range(indptr[s], indptr[s + 1]):
            out[k] = indices[i]
            k += 1
    return out


@kernel
def _heard(indptr, indices, senders, share, rng):
    """The ties each message reaches, as ``reach`` draws them (one uniform per tie, in order)."""
    ties = _ties(indptr, indices, senders)
    if share >= 1.0:
        return ties
    out = np.empty(ties.size, np.int64)
    k = 0
    for tie in ties:
        if rng.random() < share:
            out[k] = tie
            k += 1
    return out[:k]


@kernel
def heard_by(indptr, indices, senders, share, rng):
    """``reach(...)[0]`` inside a compiled pass: the people who hear ``senders``, sorted (no draws without senders)."""
    if senders.size == 0:
        return np.empty(0, np.int64)
    return sorted_unique(_heard(indptr, indices, senders, share, rng))
