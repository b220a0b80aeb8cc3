"""The social graph: who sees a person's shares and word of mouth.

Ties are undirected and stored as a ``scipy.sparse`` CSR matrix. Degrees are
heavy-tailed (a Chung-Lu-style graph with Pareto expected degrees): a few
people reach many. Spreading gathers only the senders' rows, so its cost is
the number of ties of those who speak, never the size of the market.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def social_graph(n: int, mean_degree: float, tail: float, rng: np.random.Generator) -> sparse.csr_matrix:
    """Ties from stub matching with Pareto expected degrees.

    Each person gets Poisson(weight * mean_degree) tie ends ("stubs"),
    weights Pareto with exponent ``tail`` (mean 1, capped at the structural
    cutoff sqrt(n * mean_degree)); shuffled stubs are paired. Self-ties and
    repeated ties are dropped, so the realised mean degree is slightly below
    the target.
    """
    if n < 2 or mean_degree <= 0:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    weight = rng.pareto(tail - 1.0, n) + 1.0
    weight *= 1.0 / weight.mean()
    weight = np.minimum(weight, np.sqrt(n * mean_degree) / mean_degree)
    stubs = np.repeat(np.arange(n, dtype=np.int32), rng.poisson(weight * mean_degree))
    rng.shuffle(stubs)
    half = stubs.size // 2
    a, b = stubs[:half], stubs[half:2 * half]
    keep = a != b
    a, b = a[keep], b[keep]
    g = sparse.csr_matrix((np.ones(2 * a.size, dtype=np.float32), (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n))
    g.data[:] = 1.0  # duplicate ties were summed: one tie is one tie
    return g


def degrees(graph: sparse.csr_matrix) -> np.ndarray:
    """Number of ties of each person."""
    return np.diff(graph.indptr)


def ties_of(graph: sparse.csr_matrix, people: np.ndarray) -> np.ndarray:
    """All ties of ``people`` (index array), concatenated; a person tied to two of them appears twice."""
    starts = graph.indptr[people]
    lengths = graph.indptr[people + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return graph.indices[offsets + np.arange(total)]


def reach(graph: sparse.csr_matrix, senders: np.ndarray, share_of_ties: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Who hears ``senders`` (index array), and how many messages each: (people, counts).

    Each sender's message reaches each tie with probability ``share_of_ties``.
    """
    ties = ties_of(graph, senders)
    if share_of_ties < 1.0:
        ties = ties[rng.random(ties.size) < share_of_ties]
    return np.unique(ties, return_counts=True)
