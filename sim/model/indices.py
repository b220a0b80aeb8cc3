"""Sets of people as sorted index arrays.

numpy 2.3+ answers ``np.unique`` on integers by hashing and then sorting,
and its sort of random integers measured about 30 ns an element on this
project's machine;
these give the same sorted results from one adaptive sort: a merge of the
sorted runs an index array is usually made of (viewers of several posts,
followers and joiners), or a radix sort of people indices in random order
(the ties of senders), 10x faster than numpy's there.
"""

from __future__ import annotations

import numpy as np

from .kernel_cache import kernel

_RADIX_BITS = 11


def sort(idx: np.ndarray) -> np.ndarray:
    """A sorted copy of a non-negative integer index array (as ``np.sort``)."""
    runs, top = _runs(idx)
    if runs <= 1:
        return idx.copy()
    if runs * 64 < idx.size:
        return np.sort(idx, kind="stable")  # timsort: a linear merge of a few runs
    return _radix_sort(idx, top)


def unique(idx: np.ndarray, return_counts: bool = False):
    """``np.unique(idx[, return_counts=True])`` for a non-negative integer index array, by one sort."""
    if not return_counts:
        return sorted_unique(idx)
    s = sort(idx)
    first = np.empty(s.size, np.bool_)
    if s.size:
        first[0] = True
        np.not_equal(s[1:], s[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return s[starts], np.diff(np.append(starts, s.size))


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.union1d(a, b)``: the sorted people in either."""
    return unique(np.concatenate([a, b]))


def merge(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.sort(np.concatenate([a, b]))`` for two sorted arrays, in one linear pass."""
    if a.size == 0 or b.size == 0:
        return (b if a.size == 0 else a).copy()
    return _merge(a, b.astype(a.dtype, copy=False))


def within(idx: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """``np.isin(idx, sorted_set)`` for a sorted ``sorted_set``, by binary search (no sort, no hashing)."""
    if sorted_set.size == 0:
        return np.zeros(idx.size, np.bool_)
    pos = np.searchsorted(sorted_set, idx)
    pos[pos == sorted_set.size] = 0
    return sorted_set[pos] == idx


@kernel
def _merge(a, b):
    """Equal values: ``a``'s first. A few into many (the day's joiners into the followers) go in by binary search
    and block copies; otherwise one linear pass."""
    out = np.empty(a.size + b.size, a.dtype)
    if b.size * 16 < a.size:
        at = np.searchsorted(a, b, side="right")
        prev = 0
        for j in range(b.size):
            out[prev + j:at[j] + j] = a[prev:at[j]]
            out[at[j] + j] = b[j]
            prev = at[j]
        out[prev + b.size:] = a[prev:]
        return out
    i = j = k = 0
    while i < a.size and j < b.size:
        if b[j] < a[i]:
            out[k] = b[j]
            j += 1
        else:
            out[k] = a[i]
            i += 1
        k += 1
    out[k:k + a.size - i] = a[i:]
    out[k + a.size - i:] = b[j:]
    return out


@kernel
def _runs(idx):
    """The number of ascending runs in ``idx`` and its largest value."""
    if idx.size == 0:
        return 0, 0
    runs, top = 1, idx[0]
    for i in range(1, idx.size):
        if idx[i] < idx[i - 1]:
            runs += 1
        if idx[i] > top:
            top = idx[i]
    return runs, top


@kernel
def _radix_sort(idx, top):
    """Least-significant-digit radix sort, 11 bits a pass (two passes below 4.2 million people)."""
    n = idx.size
    out, buf = idx.copy(), np.empty_like(idx)
    counts = np.empty(1 << _RADIX_BITS, np.int64)
    mask = (1 << _RADIX_BITS) - 1
    shift = 0
    while (top >> shift) > 0:
        counts[:] = 0
        for i in range(n):
            counts[(out[i] >> shift) & mask] += 1
        total = 0
        for b in range(counts.size):
            c = counts[b]
            counts[b] = total
            total += c
        for i in range(n):
            b = (out[i] >> shift) & mask
            buf[counts[b]] = out[i]
            counts[b] += 1
        out, buf = buf, out
        shift += _RADIX_BITS
    return out


@kernel
def sorted_unique(idx):
    """``unique(idx)``, also inside a compiled pass: the sorted distinct values of a non-negative index array."""
    runs, top = _runs(idx)
    s = idx.copy() if runs <= 1 else _radix_sort(idx, top)
    out = np.empty(s.size, s.dtype)
    k = 0
    for i in range(s.size):
        if i == 0 or s[i] != s[i - 1]:
            out[k] = s[i]
            k += 1
    return out[:k]


@kernel
def joined(parts):
    """Index arrays as one, with the offsets of each: part i is ``out[at[i]:at[i + 1]]``."""
    at = np.zeros(len(parts) + 1, np.int64)
    for i in range(len(parts)):
        at[i + 1] = at[i] + parts[i].size
    out = np.empty(at[-1], np.int64)
    for i in range(len(parts)):
        out[at[i]:at[i + 1]] = parts[i]
    return out, at
