"""The cheap Bernoulli draws give the process they stand for."""

import numpy as np
from scipy import stats

from sim.model.draws import bernoulli_indices, thinned


def test_bernoulli_indices_have_the_right_rate_and_no_position_bias():
    rng = np.random.default_rng(0)
    n, p = 100_000, 0.01
    hits = np.concatenate([bernoulli_indices(rng, n, p) for _ in range(20)])
    assert abs(hits.size / (20 * n) - p) < 0.0005
    assert stats.kstest(hits / n, "uniform").pvalue > 0.001
    assert bernoulli_indices(rng, 10, 0.0).size == 0 and bernoulli_indices(rng, 10, 1.0).tolist() == list(range(10))
    one = bernoulli_indices(rng, 1000, 0.3)
    assert np.all(np.diff(one) > 0) and one.max() < 1000


def test_thinning_gives_each_person_their_own_probability():
    rng = np.random.default_rng(1)
    p = np.where(np.arange(50_000) < 25_000, 0.002, 0.008)
    counts = np.zeros(2)
    for _ in range(40):
        hits = thinned(rng, p.size, 0.008, lambda c: p[c])
        counts += [np.sum(hits < 25_000), np.sum(hits >= 25_000)]
    rates = counts / (40 * 25_000)
    assert abs(rates[0] - 0.002) < 0.0003 and abs(rates[1] - 0.008) < 0.0006


def _gaps_by_numpy(rng, n, p):
    """The draws as numpy's own geometric gaps give them, batch by batch (the reference)."""
    out, start = [], -1
    while True:
        k = int(n * p + 6 * np.sqrt(n * p) + 16)
        hits = start + np.cumsum(rng.geometric(p, size=k))
        out.append(hits[hits < n])
        if hits[-1] >= n:
            return np.concatenate(out)
        start = int(hits[-1])


def test_bernoulli_indices_are_numpys_geometric_gaps_from_the_same_stream():
    """The compiled gaps reproduce numpy's geometric draws exactly, so a seed gives the same people either way,
    and the stream is left where numpy would leave it (the next draw agrees too)."""
    for n, p in [(1000, 0.3), (100_000, 0.01), (1_000_000, 2e-6), (50, 0.2), (5, 0.9), (200_000, 0.3333)]:
        for seed in range(5):
            mine, ref = np.random.default_rng(seed), np.random.default_rng(seed)
            assert np.array_equal(bernoulli_indices(mine, n, p), _gaps_by_numpy(ref, n, p)), (n, p, seed)
            assert mine.random() == ref.random()


def test_recommendations_thin_as_thinned_does():
    """The compiled recommendation draw keeps the candidates ``thinned`` keeps (same stream, same order), then
    drops followers."""
    from sim.model.platform import _recommended

    people = np.random.default_rng(1)
    activity = people.beta(2.0, 5.0, 50_000).astype(np.float32)
    follows = people.random(50_000) < 0.2
    for seed in range(3):
        mine, ref = np.random.default_rng(seed), np.random.default_rng(seed)
        shown = thinned(ref, activity.size, 0.04, lambda c: 0.04 * activity[c])
        got = _recommended(bernoulli_indices(mine, activity.size, 0.04), 0.04, activity, follows, mine)
        assert np.array_equal(got, shown[~follows[shown]])
        assert mine.random() == ref.random()


def test_the_compiled_float32_normals_are_numpys():
    """The reactions' noise drawn inside a compiled pass is numpy's float32 normal draw for draw, tails and wedges
    included (numba's own differs about once in a few million draws), from any point of the stream."""
    from sim.model.draws import normal_f32

    for seed in range(3):
        mine, ref = np.random.default_rng(seed), np.random.default_rng(seed)
        assert mine.random(dtype=np.float32) == ref.random(dtype=np.float32)  # half of a 64-bit word left over
        assert np.array_equal(normal_f32(mine, 8_000_000), ref.standard_normal(8_000_000, dtype=np.float32)), seed
        assert mine.random() == ref.random()
