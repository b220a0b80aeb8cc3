"""The social graph: who sees a person's shares and word of mouth.

Ties are undirected and stored as a ``scipy.sparse`` CSR matrix, so spreading
is a sparse product, never a loop over people. Degrees are heavy-tailed (a
Chung-Lu graph with Pareto expected degrees): a few people reach many.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def social_graph(n: int, mean_degree: float, tail: float, rng: np.random.Generator) -> sparse.csr_matrix:
    """A Chung-Lu graph: each tie's ends are drawn with weight = a person's expected degree.

    Expected degrees follow a Pareto law with exponent ``tail`` (scaled to
    ``mean_degree``); self-ties and repeated ties are dropped, so the realised
    mean degree is slightly below the target for small markets.
    """
    if n < 2 or mean_degree <= 0:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    weight = rng.pareto(tail - 1.0, n) + 1.0
    weight = np.minimum(weight, np.sqrt(n * weight.mean()))  # structural cutoff: no one tied to all
    p = weight / weight.sum()
    m = int(round(n * mean_degree / 2))
    a = rng.choice(n, size=m, p=p).astype(np.int32)
    b = rng.choice(n, size=m, p=p).astype(np.int32)
    keep = a != b
    a, b = a[keep], b[keep]
    rows = np.concatenate([a, b])
    cols = np.concatenate([b, a])
    g = sparse.csr_matrix((np.ones(rows.size, dtype=np.float32), (rows, cols)), shape=(n, n))
    g.data[:] = 1.0  # duplicate ties were summed: one tie is one tie
    return g


def degrees(graph: sparse.csr_matrix) -> np.ndarray:
    """Number of ties of each person."""
    return np.diff(graph.indptr)


def reach(graph: sparse.csr_matrix, senders: np.ndarray, share_of_ties: float, rng: np.random.Generator) -> np.ndarray:
    """How many messages each person receives when ``senders`` (bool) speak.

    Each sender's message reaches each tie with probability ``share_of_ties``
    (binomial thinning of the sparse product).
    """
    counts = (graph @ senders.astype(np.float32)).astype(np.int64)
    if share_of_ties < 1.0:
        heard = np.flatnonzero(counts)
        counts[heard] = rng.binomial(counts[heard], share_of_ties)
    return counts
