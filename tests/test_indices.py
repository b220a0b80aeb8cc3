"""Sets of people: the adaptive sort gives numpy's answers on every shape of input."""

import numpy as np
import pytest

from sim.model.indices import merge, sort, union, unique, within


@pytest.mark.parametrize("size", [0, 1, 2, 17, 5_000, 300_000])
def test_sort_and_unique_agree_with_numpy(size):
    rng = np.random.default_rng(size)
    shuffled = rng.integers(0, 5_000_000, size)  # random order: the radix sort (three passes above 4.2 M)
    runs = np.concatenate([np.sort(rng.integers(0, 250_000, size // 3)) for _ in range(3)])  # a few sorted runs: a merge
    for idx in (shuffled, runs, np.sort(shuffled), shuffled[::-1].copy()):
        assert np.array_equal(sort(idx), np.sort(idx))
        assert np.array_equal(unique(idx), np.unique(idx))
        who, counts = unique(idx, return_counts=True)
        expected, expected_counts = np.unique(idx, return_counts=True)
        assert np.array_equal(who, expected) and np.array_equal(counts, expected_counts)
    assert np.array_equal(union(shuffled, runs), np.union1d(shuffled, runs))


def test_sort_returns_a_copy():
    idx = np.arange(10)
    out = sort(idx)
    out[0] = 99
    assert idx[0] == 0


def test_within_is_isin_for_a_sorted_set():
    rng = np.random.default_rng(9)
    for size in (0, 1, 50, 5_000):
        members = np.unique(rng.integers(0, 10_000, size))
        idx = rng.integers(-5, 10_010, 3_000)
        assert np.array_equal(within(idx, members), np.isin(idx, members))


def test_merge_is_the_sort_of_two_sorted_runs():
    rng = np.random.default_rng(11)
    for na, nb in ((0, 0), (0, 5), (7, 0), (1, 1), (300, 20), (20, 300)):
        a, b = np.sort(rng.integers(0, 100, na)), np.sort(rng.integers(0, 100, nb))
        assert np.array_equal(merge(a, b), np.sort(np.concatenate([a, b])))
