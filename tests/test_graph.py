import numpy as np

from sim.model.graph import degrees, reach, social_graph


def test_graph_is_symmetric_simple_and_heavy_tailed():
    g = social_graph(20_000, 12, 2.3, 500, np.random.default_rng(1))
    assert (g != g.T).nnz == 0
    assert g.diagonal().sum() == 0
    assert set(np.unique(g.data)) == {1.0}
    d = degrees(g)
    assert 9 < d.mean() < 13
    assert d.max() > 10 * d.mean()  # a few people reach many
    assert np.median(d) < d.mean()  # right-skewed


def test_reach_counts_messages_from_ties():
    g = social_graph(500, 6, 2.5, 500, np.random.default_rng(2))
    senders = np.arange(50)
    who, counts = reach(g, senders, 1.0, np.random.default_rng(0))
    expected = np.asarray(g[:, :50].sum(axis=1)).ravel()
    assert np.array_equal(who, np.flatnonzero(expected)) and np.array_equal(counts, expected[who])
    who, counts = reach(g, senders, 0.0, np.random.default_rng(0))
    assert who.size == 0


def test_reach_draws_one_uniform_per_tie_in_order():
    """The compiled reach keeps the ties numpy's bulk draw would keep, and leaves the stream where it would."""
    g = social_graph(2000, 8, 2.3, 500, np.random.default_rng(3))
    senders = np.random.default_rng(4).choice(2000, 300, replace=False)
    mine, ref = np.random.default_rng(5), np.random.default_rng(5)
    ties = np.concatenate([g.indices[g.indptr[s]:g.indptr[s + 1]] for s in senders])
    kept = ties[ref.random(ties.size) < 0.3]
    who, counts = reach(g, senders, 0.3, mine)
    expected, expected_counts = np.unique(kept, return_counts=True)
    assert np.array_equal(who, expected) and np.array_equal(counts, expected_counts)
    assert mine.random() == ref.random()


def test_a_bigger_market_has_the_same_hubs():
    """With the tie cap fixed, the share of people with many ties is the same at 20,000 and 200,000 people; with
    only the structural cutoff (which grows as sqrt(n)) the bigger market's hubs are bigger."""
    def hub_share(n, max_ties, ties=300):
        return (degrees(social_graph(n, 12, 2.5, max_ties, np.random.default_rng(n))) > ties).mean()

    capped_small, capped_large = hub_share(20_000, 500), hub_share(200_000, 500)
    assert abs(capped_large - capped_small) < 0.2 * capped_small
    assert hub_share(200_000, 1e9, ties=600) > 0 == hub_share(200_000, 500, ties=600)


def test_runs_on_one_seed_share_their_market_and_give_the_numbers_a_fresh_graph_gives():
    """The last graph is kept for the next run on the same seed and market (a comparison's other strategies);
    a kept graph must give what a newly drawn one gives."""
    import sim
    import sim.model.graph as graph
    from sim.model import AudienceModel

    from .conftest import scenario

    a, b = scenario("stammtisch", **{"market.people": 3000}), scenario("tupperparty", **{"market.people": 3000})
    assert AudienceModel(a, seed=4).graph is AudienceModel(b, seed=4).graph
    assert AudienceModel(b, seed=5).graph is not AudienceModel(b, seed=4).graph
    kept = sim.run(b, days=60, seed=4).daily
    graph._last = None
    assert kept.equals(sim.run(b, days=60, seed=4).daily)
