"""Issue #13: trust from what each person saw, results that do not depend on the market's size, recovery without
a paradox, unheard is not ignored, changes over time, and trust changes applied once."""


import numpy as np
import pytest
from click.testing import CliRunner
from scipy import stats

import sim
from sim.cli import main
from sim.model import AudienceModel
from sim.model.people import People
from sim.model.threads import Threads
from sim.model.trust import TrustLedger
from sim.scenario import read_toml
from sim.validation import suite

from .conftest import ROOT, figure, scenario, simulate

SEEDS = range(4)
HEADLINE = ("long_term_trust", "trust_followers_end", "unfollow_rate_per_30d", "organic_reach", "engagement_per_impression")


# -- exposure per person ------------------------------------------------------------

@pytest.mark.parametrize("name", ["tupperparty", "stammtisch"])
def test_a_market_ten_times_larger_gives_the_same_per_capita_figures(name):
    """Every extensive setting (people, desk staff, paid budget, listening) scaled x10 (Scenario.scaled). The
    deliberate dependences on size are switched off: the page-size effect on reach (V7); the economies of scale
    of a bigger desk (more agents pool their queue: Erlang C), by a desk that answers at once in its hours; the
    quality score's prior (a fixed count of impressions, so a day moves a small page's score less), by scaling it
    too; and a discussion smaller than what a visitor reads (a sales party's page of 4,000 followers has less than
    one comment a day to read, so its visitors see fewer threads than those of a page ten times as big), by reading
    a fifth of a comment."""
    base = scenario(name, **{"market.people": 20_000, "simulation.days": 365, "platform.size_elasticity": 0.0,
                             "service.staff": 2.0, "service.answers_per_staff_hour": 1000.0, "service.comments_read": 0.2})
    prior = 10 * base.platform.quality_prior
    small = [sim.run(base, seed=s).summary for s in SEEDS]
    large = [sim.run(base.scaled(10).with_overrides(**{"platform.quality_prior": prior}), seed=s).summary for s in SEEDS]
    z = stats.norm.ppf(1 - 0.05 / (2 * 2 * len(HEADLINE)))  # 95% for the family: five figures for each of two strategies
    for key in HEADLINE:
        a, b = np.array([r[key] for r in small]), np.array([r[key] for r in large])
        half = z * np.hypot(a.std(ddof=1) / np.sqrt(a.size), b.std(ddof=1) / np.sqrt(b.size))
        assert abs(a.mean() - b.mean()) <= half, (key, a.mean(), b.mean(), half)


def test_scaling_multiplies_exactly_the_extensive_settings():
    base = scenario("stammtisch", **{"strategy.paid_boost_per_day": 10.0, "market.people": 20_000, "service.staff": 2.0})
    big = base.scaled(10)
    assert (big.market.people, big.service.staff, big.strategy.paid_boost_per_day) == (200_000, 20.0, 100.0)
    assert base.with_overrides(**{"service.staff": "auto"}).scaled(10).service.staff == "auto"  # a sized desk sizes itself
    assert big.service.listening_cost_per_day == 10 * base.service.listening_cost_per_day
    assert big.market.mean_degree == base.market.mean_degree and big.service.answers_per_staff_hour == base.service.answers_per_staff_hour
    # a prize or a sample per post grows with the market (content tables too); what a post costs to make does not
    assert big.content["giveaway"].prize == 10 * base.content["giveaway"].prize > 0
    assert big.content["promo"].production_hours == base.content["promo"].production_hours


def _people(n=10):
    p = People(n, 1)
    return p, TrustLedger(p), Threads(p)


def test_only_those_who_saw_a_thread_judge_it():
    p, ledger, threads = _people()
    p.trust[:] = 0.5
    rng = np.random.default_rng(0)
    visitors = np.array([1, 2, 3])
    threads.expose(visitors, np.array([7]), comments=0.0, comments_read=1.0, days=1.0, rng=rng)  # D = 1: all see it
    assert list(np.flatnonzero(p.threads_seen)) == [1, 2, 3]
    assert threads.close(np.array([7]), np.array([-1.0]), 0.01, ledger) == 3
    ledger.settle()
    np.testing.assert_allclose(p.trust[[1, 2, 3]], 0.49, atol=1e-7)
    assert (p.trust[[0, 4, 5, 6, 7, 8, 9]] == 0.5).all()
    assert (p.threads_seen == 0).all()


def test_a_thread_seen_twice_counts_once_and_a_busier_discussion_is_read_less():
    p, _, threads = _people(2000)
    rng = np.random.default_rng(1)
    visitors = np.arange(1000)
    threads.expose(visitors, np.array([1500]), comments=0.0, comments_read=1.0, days=1.0, rng=rng)
    threads.expose(visitors, np.array([1500]), comments=0.0, comments_read=1.0, days=1.0, rng=rng)
    assert p.threads_seen.max() == 1 and threads.key.size == 1000
    busy = Threads(People(2000, 1))
    busy.expose(visitors, np.array([1500]), comments=9.0, comments_read=1.0, days=1.0, rng=rng)  # one in ten
    assert 50 < busy.key.size < 150


def test_promotion_costs_extra_trust_only_for_those_who_saw_an_open_thread():
    from sim.model.reactions import react

    def requested(extra):
        sc = scenario("tupperparty", **{"market.people": 2000})
        model = AudienceModel(sc, seed=0)
        model.people.threads_seen[:200] = 1
        react(model.people, np.arange(400), model.content.index["promo"], model.content, sc.reactions,
              np.random.default_rng(0), 0, sc.follows.follow_on_purchase, True, extra_distrust=extra)
        return model.people.trust_change[:400].copy()

    lost = requested(0.05) - requested(0.0)
    np.testing.assert_allclose(lost[:200], -0.05, atol=1e-6)
    assert (lost[200:] == 0).all()


# -- trust changes are requested and applied once -----------------------------------

def test_trust_changes_are_summed_then_clipped_once():
    p, ledger, _ = _people(3)
    p.trust[:] = 0.95
    ledger.request(np.array([0, 0]), np.array([0.1, -0.1]))  # sequential clipping would end at 0.9
    ledger.request(np.array([1]), 0.2)
    ledger.settle()
    np.testing.assert_allclose(p.trust, [0.95, 1.0, 0.95], atol=1e-7)
    assert (p.trust_change == 0).all()


# -- unseen is not ignored ------------------------------------------------------------

def test_a_problem_nobody_at_the_brand_saw_costs_less_than_one_it_ignored():
    """The same market and problems; off the page, one brand sees everything and answers nothing, the other sees nothing."""
    common = {"service.answer_share": 0.0, "market.initial_follower_share": 0.0, "follows.follow_on_purchase": 0.0,
              "service.problem_rate": 0.003}
    ignoring = simulate("stammtisch", SEEDS, **common, **{"service.monitors_elsewhere": 1.0})
    deaf = simulate("stammtisch", SEEDS, **common, **{"service.monitors_elsewhere": 0.0})
    assert all(r.daily["complaints_unheard"].sum() == 0 for r in ignoring)
    assert all(r.daily["complaints_unheard"].sum() > 0 for r in deaf)
    total = lambda runs, key: np.array([r.daily[key].sum() for r in runs])  # noqa: E731
    assert (total(deaf, "complaints_ignored") < total(ignoring, "complaints_ignored") / 5).all()  # the page's few remain
    assert (figure(deaf, "long_term_trust") > figure(ignoring, "long_term_trust")).all()


# -- recovery as the meta-analysis has it (V5) ---------------------------------------

def test_recovery_restores_but_never_raises_and_a_crisis_never_pays():
    path = ROOT / "validation" / "v5_recovery.toml"
    spec = read_toml(path, "validation target")
    checks = suite.recovery(path, spec, spec["quick"])
    failed = [(c.check, c.measured()) for c in checks if not c.passed]
    assert not failed, failed


# -- a timeline in scenario files -------------------------------------------------------

def test_a_timeline_switches_strategy_and_runs_a_crisis_for_its_window_only():
    sc = scenario("stammtisch", **{"market.people": 3000, "simulation.days": 60}).with_overrides(timeline=[
        {"from": 10, "to": 20, "service": {"problem_rate": 0.05}},
        {"at": 40, "strategy": {"posts_per_day": 3}},
    ])
    plain = sim.run(scenario("stammtisch", **{"market.people": 3000, "simulation.days": 60}), seed=0).daily
    run = sim.run(sc, seed=0)
    d = run.daily
    assert (d["posts"].iloc[:40] == plain["posts"].iloc[:40]).all() and (d["posts"].iloc[40:] == 3).all()
    assert d["complaints_raised"].iloc[10:20].mean() > 10 * plain["complaints_raised"].iloc[10:20].mean()
    assert (d["complaints_raised"].iloc[:10] == plain["complaints_raised"].iloc[:10]).all()
    assert d["complaints_raised"].iloc[25:40].mean() < 3 * plain["complaints_raised"].iloc[25:40].mean() + 1
    assert run.manifest["scenario"]["timeline"][0]["from"] == 10


def test_scaling_a_market_scales_its_timeline_too():
    sc = scenario("stammtisch").with_overrides(timeline=[{"from": 30, "to": 44, "strategy": {"paid_boost_per_day": 200.0},
                                                           "service": {"staff": 4.0, "quality": 0.9}}])
    during = sc.scaled(10).during(35)
    assert (during.strategy.paid_boost_per_day, during.service.staff, during.service.quality) == (2000.0, 40.0, 0.9)


def test_a_crisis_does_not_make_anyone_read_more_than_comments_read_threads_a_day():
    p = People(10_000, 1)
    threads = Threads(p)
    rng = np.random.default_rng(2)
    visitors = np.arange(1000)
    threads.expose(visitors, np.arange(5000, 5002), comments=20.0, comments_read=1.0, days=7.0, rng=rng)  # a calm day
    new = threads.expose(visitors, np.arange(5000, 5300), comments=20.0, comments_read=1.0, days=7.0, rng=rng)  # 300 threads
    assert new / visitors.size < 1.1  # the average discussion still says about 60; today's 300 threads set the limit


@pytest.mark.parametrize("entry, key", [
    ("from = 60\nto = 50\nservice.problem_rate = 0.01", "timeline.0.to = 50"),
    ("from = 6\nservice.problem_rate = 2", "timeline.0.service.problem_rate = 2"),
    ("at = 5\nmarket.people = 5", "timeline.0.market"),
    ("to = 5\nservice.staff = 1", "timeline.0 = 'no day'"),
    ("at = 3\nservice.stuff = 1", "timeline.0.service.stuff = 1"),
    ("at = 3\ncontent = 5", "timeline.0.content = 5"),
    ("at = 0\ncontent.info.valued_by = 0.1", "timeline.0.content.info.valued_by = 0.1"),
    ("from = -3\nservice.staff = 1", "timeline.0.from = -3: expected a whole number in [0, 100000]"),
    # one share given, as an override may: a timeline's mix replaces the whole mix, and the error says so
    ("from = 3\nstrategy.mix.promo = 0.9", "(these sum to 0.9); a timeline entry's mix replaces the whole mix"),
])
def test_a_bad_timeline_entry_is_one_line_naming_file_and_key(tmp_path, entry, key):
    path = tmp_path / "bad.toml"
    path.write_text(f'extends = "{(ROOT / "scenarios" / "stammtisch.toml").as_posix()}"\n[[timeline]]\n{entry}\n')
    res = CliRunner().invoke(main, ["run", str(path), "--days", "5", "--people", "1000", "--out", str(tmp_path / "out")])
    assert res.exit_code == 2, res.output
    assert len(res.output.strip().splitlines()) == 1 and "bad.toml" in res.output and key in res.output, res.output
    assert not (tmp_path / "out").exists()


# -- ads are not poison ---------------------------------------------------------------------

def test_a_big_ad_budget_cannot_buy_the_dialog_pages_engagement_and_trust_falls_gradually():
    big = {"strategy.paid_boost_per_day": 100.0}  # about 900 paid impressions a day in a market of 20,000
    paid = simulate("tupperparty", range(3), people=20_000, days=365, **big)
    taught_like_posts = simulate("tupperparty", range(3), people=20_000, days=365, **big, **{"platform.ad_trust_learning": 1.0})
    dialog = simulate("stammtisch", range(3), people=20_000, days=365)
    assert (figure(paid, "engagement_per_impression") < figure(dialog, "engagement_per_impression")).all()
    assert (figure(paid, "long_term_trust") > figure(taught_like_posts, "long_term_trust")).all()  # an ad teaches less
    for r in paid:
        monthly = r.daily["trust_market"].iloc[::30].to_numpy()
        fall = monthly[0] - monthly[-1]
        assert fall > 0 and np.max(monthly[:-1] - monthly[1:]) < fall / 3  # spread over the year, not a collapse
