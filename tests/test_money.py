"""Money a finance team can check: customers who lapse, customer equity, a desk sized to its load, value, break-even."""

import numpy as np
import pandas as pd
import pytest

import sim
from sim.experiments.breakeven import breakeven, crossing
from sim.model import sales, staffing
from sim.model.people import People
from sim.model.service import BEST_MARGIN, Desk, auto_staff, best_share, rehearsal_complaints, rehearse
from sim.scenario import DEFAULT_CONTENT as CONTENT
from sim.scenario import Economy, Service

from .conftest import figure, scenario, simulate

SEEDS = range(4)


# -- customers come and go -----------------------------------------------------------

def test_customers_lapse_and_a_hazard_that_rises_as_trust_falls_lowers_equity():
    """A sales party lowers trust; where lapsing depends on trust, it keeps fewer customers and loses more equity.
    The same customers on day 0 in both worlds (a steady start would itself depend on the slope)."""
    same_start = {"market.customer_share": 0.3}
    flat = simulate("tupperparty", SEEDS, days=240, **same_start, **{"economy.lapse_trust_slope": 0.0})
    steep = simulate("tupperparty", SEEDS, days=240, **same_start, **{"economy.lapse_trust_slope": 8.0})
    assert (figure(flat, "lapses") > 0).all()
    assert (figure(steep, "customers_end") < figure(flat, "customers_end")).all()
    assert (figure(steep, "customer_equity_change") < figure(flat, "customer_equity_change")).all()


def test_without_lapses_nobody_stops_being_a_customer():
    runs = simulate("stammtisch", range(2), days=120, **{"economy.lapse_rate": 0.0})
    assert (figure(runs, "lapses") == 0).all()
    assert all(np.all(np.diff(r.daily["customers"]) >= 0) for r in runs)


def test_equity_follows_trust_and_a_neutral_market_buys_at_the_neutral_rate():
    econ = Economy()
    p = People(1000, 1)
    p.customer[:500] = True
    p.trust[:] = 0.5
    neutral, index = sales.equity(p, econ)
    assert index == pytest.approx(1.0)
    p.trust[:] = 0.4
    lower, index_lower = sales.equity(p, econ)
    assert lower < neutral and index_lower < 1.0
    # without coming back (no first purchases), a customer at neutral trust is worth g r / (delta + h)
    lost_for_good = econ.model_copy(update={"prospect_purchase_rate": 0.0})
    delta = np.log1p(econ.discount_rate_per_year) / 365
    one = People(1, 1)
    one.customer[0], one.trust[0] = True, 0.5
    g = econ.price * econ.margin
    assert sales.equity(one, lost_for_good)[0] == pytest.approx(g * econ.base_purchase_rate / (delta + econ.lapse_rate), rel=1e-5)
    # with it, the two-state chain: V_c = (g r + h V_p) / (delta + h), V_p = a (g + V_c) / (a + delta)
    r, a, h = econ.base_purchase_rate, econ.prospect_purchase_rate, econ.lapse_rate
    v_c = sales.equity(one, econ)[0]
    one.customer[0] = False
    v_p = sales.equity(one, econ)[0]
    assert v_c == pytest.approx((g * r + h * v_p) / (delta + h), rel=1e-5)
    assert v_p == pytest.approx(a * (g + v_c) / (a + delta), rel=1e-5)
    # purchase rates scale as (trust / 0.5)^elasticity, at the default 2 (computed as a square) and at any other
    one.customer[0], one.trust[0] = True, 0.75
    for e in (2.0, 1.5):
        econ_e = lost_for_good.model_copy(update={"trust_elasticity": e})
        h_e = econ.lapse_rate * np.exp(econ.lapse_trust_slope * (0.5 - 0.75))
        assert sales.equity(one, econ_e)[0] == pytest.approx(g * r * 1.5**e / (delta + h_e), rel=1e-6)


def test_how_much_equity_rests_on_the_link_between_trust_and_money():
    """Without a link, equity does not depend on trust; a market that came to trust the brand more gained more
    equity the stronger the link (every rate rises with trust and the lapse hazard falls)."""
    econ = Economy()
    p = People(1000, 1)
    p.customer[:300] = True
    p.trust[:] = 0.3
    low = sales.equity(p, econ, 0.0, 0.0)[0]
    p.trust[:] = 0.7
    assert sales.equity(p, econ, 0.0, 0.0)[0] == pytest.approx(low, rel=1e-12)
    p.trust[:] = 0.5
    start = sales.valuations(p, econ) | {"central": sales.equity(p, econ)[0]}
    p.trust[:] = 0.7
    end = sales.valuations(p, econ) | {"central": sales.equity(p, econ)[0]}
    gain = {k: end[k] - start[k] for k in start}
    assert 0 < gain["weak_trust_link"] < gain["central"] < gain["strong_trust_link"]


def test_equity_with_trust_left_to_fade_moves_toward_the_market_it_started_from():
    """Valued as if the brand stopped, trust returns to each person's prior: without forgetting that is the
    closed form with trust held (the grid and its integration agree within 0.2%); with it, a market that came
    to trust the brand more is worth less than held, one that came to trust it less is worth more, and one still
    at its prior is worth what it is held; the faster trust forgets, the closer to the prior's worth."""
    econ = Economy()
    p = People(2000, 1)
    p.customer[:600] = True
    p.trust[:] = p.trust_prior[:] = np.linspace(0.2, 0.8, p.n, dtype=np.float32)
    at_prior = sales.equity(p, econ)[0]
    assert sales.fading_equity(p, econ, 0.001) == pytest.approx(at_prior, rel=2e-3)
    for shift in (0.1, -0.1):
        p.trust[:] = np.clip(p.trust_prior + shift, 0, 1)
        held = sales.equity(p, econ)[0]
        assert sales.fading_equity(p, econ, 0.0) == pytest.approx(held, rel=2e-3)
        slow, fast = sales.fading_equity(p, econ, 0.0005), sales.fading_equity(p, econ, 0.005)
        assert (held > slow > fast > at_prior) if shift > 0 else (held < slow < fast < at_prior)


def test_the_value_with_trust_left_to_fade_is_reported_and_credits_less_of_trust_built():
    """The regulars' table builds trust; valued as if it faded after the end, its value over the sales party's
    is smaller than with trust held, on every seed (the same runs, revalued)."""
    kw = {"market.people": 6000}
    a = simulate("tupperparty", range(3), days=365, **kw)
    b = simulate("stammtisch", range(3), days=365, **kw)
    held = figure(b, "value") - figure(a, "value")
    fading = figure(b, "value_trust_fades") - figure(a, "value_trust_fades")
    assert (fading < held).all()


def test_with_no_range_every_valuation_is_the_value():
    for r in simulate("tupperparty", range(2), days=60, **{"economy.valuation_range": 0.0}):
        s = r.summary
        assert s["value_weak_trust_link"] == s["value_strong_trust_link"] == pytest.approx(s["value"], rel=1e-12)


def test_the_desk_and_the_posts_count_in_full_time_people():
    """One person at the desk 8 hours a day, every day, is 8 x 365.25 / 1,600 = 1.83 full-time people; making the
    posts (0.75 staff-hours each) adds to it."""
    desk = {"service.staff": 1, "service.hours_per_day": 8, "service.days_per_week": 7}
    for r in simulate("stammtisch", range(1), days=28, **desk):
        posts = r.daily["posts"].sum()
        assert r.summary["staff_hours"] == pytest.approx(8 * 28) and r.summary["content_hours"] == pytest.approx(0.75 * posts)
        assert r.summary["full_time_staff"] == pytest.approx((8 * 28 + 0.75 * posts) / 28 * 365.25 / 1600)
    for r in simulate("stammtisch", range(1), days=28, **desk, **{f"content.{k}.production_hours": 0.0 for k in CONTENT}):
        assert r.summary["full_time_staff"] == pytest.approx(8 * 365.25 / 1600)


# -- value adds up --------------------------------------------------------------------

def test_the_market_at_the_start_is_the_same_for_every_strategy_on_a_seed():
    """Trust and equity 'at the start' are the market before anything happens: paired strategies share it."""
    starts = [simulate(name, range(1), days=5)[0].summary for name in ("stammtisch", "tupperparty", "absent")]
    assert len({s["trust_market_start"] for s in starts}) == 1 and len({s["customer_equity_start"] for s in starts}) == 1


def test_value_is_net_profit_plus_the_change_in_customer_equity():
    for r in simulate("stammtisch", range(2), days=90):
        s, d = r.summary, r.daily
        assert s["net_profit"] == pytest.approx(d["gross_profit"].sum() - d["cost"].sum())
        assert s["customer_equity_change"] == pytest.approx(s["customer_equity_end"] - s["customer_equity_start"])
        assert s["value_undiscounted"] == pytest.approx(s["net_profit"] + s["customer_equity_change"])
        assert s["value"] == pytest.approx(s["net_profit_present"] + s["customer_equity_end_present"] - s["customer_equity_start"])
        assert s["value"] == pytest.approx(s["net_profit_present"] + s["customer_equity_change_present"])  # the deck's two columns
        at = np.exp(-np.log1p(0.12) / 365 * np.arange(1, 91))  # the default rate, continuously, each day's end
        assert s["net_profit_present"] == pytest.approx(((d["gross_profit"] - d["cost"]) * at).sum())
        assert s["customer_equity_end_present"] == pytest.approx(at[-1] * s["customer_equity_end"])
        assert s["customer_equity_end"] == pytest.approx(d["customer_equity"].iloc[-1])


def test_the_purchase_index_is_reported_beside_its_start_and_as_its_change():
    """The index against a neutral market is above 1 on day 0 already (trust spread around 0.5 buys more than 0.5
    does): every output gives the day-0 index beside the last day's and the change, which says what a run did."""
    for r in simulate("tupperparty", range(2), days=60):
        s = r.summary
        assert s["purchase_index_start"] == pytest.approx(r.model.equity_at_start[1]) and s["purchase_index_start"] > 1
        assert s["purchase_index_end"] == pytest.approx(r.daily["purchase_index"].iloc[-1])
        assert s["purchase_index_change"] == pytest.approx(s["purchase_index_end"] / s["purchase_index_start"] - 1)
        assert list(s).index("purchase_index_start") == list(s).index("purchase_index_end") - 1  # side by side


def test_a_market_where_nothing_happens_is_worth_what_it_was():
    """No page, no problems: the market earns its purchases and drifts little. Its value as of day 0 is about
    nothing; summed undiscounted, the three years' profit plus the equity left would 'create' about 0.29 of the
    equity (1 - 1.12^-3) from the passage of time alone: why value discounts what it adds to the equity."""
    for r in simulate("absent", range(2), days=1095, **{"service.problem_rate": 0.0}):
        s = r.summary
        assert abs(s["value"]) < 0.03 * s["customer_equity_start"]
        assert s["value_undiscounted"] > 0.2 * s["customer_equity_start"]


# -- a desk sized to its load -----------------------------------------------------------

def test_erlang_c_matches_the_standard_table():
    """Erlang C for 10 erlangs (e.g. 200 calls an hour of 3 minutes): the chance to wait with 11-14 agents, and the
    service level within 20 seconds, as contact-centre tables give them (14 agents: 17.4% wait, 88.8% within 20 s)."""
    assert [round(staffing.wait_probability(c, 10.0), 4) for c in (11, 12, 13, 14)] == [0.6821, 0.4494, 0.2853, 0.1741]
    def answered_within(c, per_hour=200, per_agent=20, hours=20 / 3600):  # the textbook service level of an M/M/c queue
        return 1 - staffing.wait_probability(c, per_hour / per_agent) * np.exp(-(c * per_agent - per_hour) * hours)

    assert answered_within(14) == pytest.approx(0.8884, abs=1e-4)
    assert min(c for c in range(11, 30) if answered_within(c) >= 0.8) == 14  # 80% in 20 s
    assert staffing.wait_probability(1, 0.5) == pytest.approx(0.5)  # M/M/1: the chance to wait is the load


def auto_desk(per_day: float, **kw) -> Desk:
    return Desk(Service(staff="auto", start_hour=0, hours_per_day=24, days_per_week=7, **kw), expected_per_day=per_day)


def test_auto_staff_grows_with_the_load():
    staff = [auto_desk(n).staff for n in (1, 100, 1000, 5000)]
    assert staff == sorted(staff) and staff[-1] > staff[0]
    # a complaint a day takes part of one person's time; sized in whole people, it takes a whole person
    assert 0 < staff[0] < 1 and auto_desk(1, staff_step=1.0).staff == 1
    assert all(auto_desk(n, staff_step=1.0).staff >= s for n, s in zip((1, 100, 1000, 5000), staff))
    assert auto_desk(1000, target_in_time=0.95).staff >= auto_desk(1000, target_in_time=0.6).staff
    assert Desk(Service(staff="auto", answer_share=0.0), expected_per_day=100).staff == 0


def test_an_auto_desk_meets_its_target_in_a_queue():
    """Poisson complaints at the expected rate, answered first come first served, each complainer with an
    exponential patience: the share answered within it (wait plus answer, as the model counts) reaches the
    target, within the sampling error of the 12,000 rehearsed complaints the desk was sized on (about 0.004;
    these are others), and half a person fewer misses it."""
    rng = np.random.default_rng(3)
    per_day, days, patience = 2000, 60, 0.5
    desk = auto_desk(per_day, patience_hours=patience, target_in_time=0.8, give_up_days=3)
    opened = np.sort(rng.uniform(0, days * 24, rng.poisson(per_day * days)))
    waits = rng.exponential(patience, opened.size)
    answered = desk.schedule(opened, give_up_hours=72.0)
    assert np.isfinite(answered).all()
    assert np.mean(answered - opened <= waits) >= 0.8 - 0.01
    fewer = Desk(Service(staff=desk.staff - 0.5, start_hour=0, hours_per_day=24, days_per_week=7))
    assert np.mean(fewer.schedule(opened, give_up_hours=72.0) - opened <= waits) < 0.8


def test_more_staff_never_answers_fewer_in_time():
    """Whole people answer at full speed and a fraction of a person is one more, slower agent, each complaint
    taken by the agent who would finish it first: adding a twentieth of a person never lowers the share in time
    (which the search for the least staff relies on)."""
    params = Service(staff="auto", start_hour=8, hours_per_day=14, days_per_week=7)
    for per_day in (6.0, 73.0, 300.0):
        opened = rehearsal_complaints(per_day)
        shares = [rehearse(params, round(0.05 * k, 2), opened) for k in range(1, 100)]
        assert all(b >= a - 1e-12 for a, b in zip(shares, shares[1:])), per_day


def test_a_quiet_week_leaves_the_next_complaint_a_desk_that_answers_it_in_time():
    """A week without complaints does not size the desk down to a sliver of a person: it is sized for at least
    a complaint a week, so a lone complaint is answered within the patience at the target share."""
    params = Service(staff="auto", start_hour=8, hours_per_day=14, days_per_week=7)
    quiet = auto_staff(params, 0.0)
    assert quiet == auto_staff(params, 1 / 7) > params.staff_step
    assert np.exp(-1 / (quiet * params.answers_per_staff_hour * params.patience_hours)) >= params.target_in_time - 0.01


def test_a_target_out_of_reach_does_not_hire_the_staff_ceiling():
    """Where no desk reaches the target (a 14-hour desk: answers run past closing and the night's complaints
    wait), the desk is sized for two points below what unlimited staff would do (the last points cost many people),
    not for the 10,000-person ceiling."""
    base = dict(staff="auto", start_hour=8, hours_per_day=14, days_per_week=7)
    for extra in ({"target_in_time": 0.95}, {"patience_hours": 0.3}, {"answers_per_staff_hour": 2.0}, {"hours_per_day": 1}):
        params = Service(**{**base, **extra})
        opened = rehearsal_complaints(5.0)
        staff = auto_staff(params, 5.0)
        assert staff < 3, extra  # five complaints a day
        assert rehearse(params, staff, opened) >= min(params.target_in_time, best_share(params, opened) - BEST_MARGIN), extra


def test_a_desk_open_part_of_the_day_is_sized_for_the_night_backlog():
    """A desk open 8:00-22:00: complaints raised at night wait for the morning, and the morning's queue behind
    them. Sized by rehearsing its own queue, it answers the target of those raised in its hours in time, part-time
    at a small load and at a large one (judged on other complaints than the rehearsal's: the expected share
    e^(-delay/patience), within sampling error of 3,000 rehearsed complaints, about 0.01); Erlang C alone, which
    sees no backlog, staffs the large load too thinly."""
    hours = {"start_hour": 8, "hours_per_day": 14, "days_per_week": 7, "patience_hours": 1.84, "give_up_days": 3}
    rng = np.random.default_rng(11)

    def share_in_time(desk, per_day, days=300):
        opened = np.sort(rng.uniform(0, days * 24, rng.poisson(per_day * days)))
        delay = desk.schedule(opened, give_up_hours=72.0) - opened
        covered = (opened % 24 >= 8) & (opened % 24 < 22)
        return np.exp(-delay[covered] / 1.84).mean()

    for per_day in (6, 300):
        desk = Desk(Service(staff="auto", **hours), expected_per_day=per_day)
        assert share_in_time(desk, per_day) >= 0.8 - 0.02
    assert Desk(Service(staff="auto", **hours), expected_per_day=6).staff < 1
    erlang = staffing.staff_for(300 * 7 / 98, 12.0, 1.84, 0.8)
    assert share_in_time(Desk(Service(staff=erlang, **hours)), 300) < 0.7


def test_an_unreachable_target_hires_what_still_helps_and_an_impossible_desk_hires_nobody():
    """Answers of 5 minutes against a mean patience of 10 minutes: at most e^-0.5 = 61% can be in time, whatever
    the staff; the desk is sized to come within 0.001 of that. Answers slower than giving up: no desk helps."""
    best = np.exp(-0.5)
    c = staffing.staff_for(100, 12, 1 / 6, 0.9)
    assert staffing.answered_in_patience(c, 100, 12, 1 / 6) >= best - 0.001 > staffing.answered_in_patience(c - 1, 100, 12, 1 / 6)
    assert auto_desk(100, answers_per_staff_hour=0.01, give_up_days=3).staff == 0


def test_an_auto_desk_follows_its_complaints_week_by_week():
    quiet = scenario("stammtisch", **{"market.people": 3000, "simulation.days": 70, "service.staff": "auto"})
    crisis = quiet.with_overrides(**{"timeline": [{"from": 14, "service.problem_rate": 1.0}]})
    hours = [sim.run(s, seed=1).daily["staff_hours"] for s in (quiet, crisis)]
    assert hours[1].iloc[-7:].sum() > hours[0].iloc[-7:].sum()
    assert hours[1].iloc[:7].sum() == hours[0].iloc[:7].sum()  # the same desk until the load shows


# -- the break-even market ----------------------------------------------------------------

def test_crossing_is_exact_for_a_per_person_gain_against_a_fixed_cost():

    n = np.array([1_000, 10_000, 100_000])
    diff = 0.5 * n - 20_000  # breaks even at 40,000 people
    table = pd.DataFrame({"people": n, "diff": diff, "ci_low": diff - 1000, "ci_high": diff + 1000})
    point = crossing(table)
    assert point["status"] == "b_overtakes"
    assert point["people"] == pytest.approx(40_000)
    assert point["low"] == pytest.approx(38_000) and point["high"] == pytest.approx(42_000)
    # B ahead, behind, ahead again: no single break-even is claimed; the same strategy twice: no difference
    wavy = table.assign(diff=[5.0, -5.0, 5.0], ci_low=[4.0, -6.0, 4.0], ci_high=[6.0, -4.0, 6.0])
    assert crossing(wavy)["status"] == "mixed" and crossing(wavy)["people"] is None
    same = table.assign(diff=0.0, ci_low=0.0, ci_high=0.0)
    assert crossing(same)["status"] == "no_difference"


def test_break_even_found_on_a_constructed_pair():
    """B runs a desk (one person, around the clock, for no complaints: a fixed cost); A pays for listening in
    proportion to its market (a cost per person). Nothing else differs, so B - A = (L N / N0 - 24 wage) days and
    B breaks even at N = 24 wage N0 / L."""
    base = sim.scenario.validate({"name": "a", "simulation": {"days": 20}, "market": {"people": 1000},
                                  "service": {"problem_rate": 0.0, "answer_share": 0.0, "monitors_elsewhere": 1.0,
                                              "listening_cost_per_day": 600.0, "wage_per_hour": 25.0,
                                              "start_hour": 0, "hours_per_day": 24, "days_per_week": 7, "staff_step": 1.0}})
    b = base.with_overrides(name="b", **{"service.answer_share": 1.0, "service.listening_cost_per_day": 0.0})
    result = breakeven(base, b, people=[500, 800, 2000], reps=2, workers=1)
    assert result.point["status"] == "b_overtakes"
    assert result.point["people"] == pytest.approx(24 * 25.0 * 1000 / 600.0)
    np.testing.assert_allclose(result.table["diff"], result.table["value_b"] - result.table["value_a"])
    # trust is the same in both, so any valuation of the market gives the same break-even; and the costs kept up
    # after the end differ by the same cost a day as those of the horizon, so they break even at the same size too
    assert set(result.point["other_valuations"]) == {"value_weak_trust_link", "value_strong_trust_link", "value_trust_fades",
                                                    "value_costs_continue"}
    for other in result.point["other_valuations"].values():
        assert other["status"] == "b_overtakes" and other["people"] == pytest.approx(result.point["people"])
    text = result.sentence("en")
    assert "50% weaker" in text and "cost of its last year kept up" in text and text.count("about 1,000 people") == 4, text
    assert "um 50\u00a0% schwächer" in result.sentence("de") and "weiter kostet" in result.sentence("de")


def test_the_break_even_says_where_both_strategies_lose_value():
    """"Worth more" can mean "loses less": the sentence names the sizes at which both leave the brand worth less than
    at the start, for the value and for the value with the costs kept up after the end, and nothing where one gains."""

    from sim.experiments.breakeven import BreakEven

    def runs(values):  # {people: (A's value, B's value)}, two replications each
        return pd.DataFrame([{"people": n, "strategy": s, "replication": r, "value": v + r, "value_costs_continue": v - 1_000 + r}
                             for n, pair in values.items() for s, v in zip("ab", pair) for r in range(2)])

    some = BreakEven(runs({1_000: (-50.0, -10.0), 2_000: (-50.0, 40.0)}), pd.DataFrame(), {}, {"a": "a", "b": "b"})
    assert some.both_below("value", "en") == "at 1,000 people"
    assert some.both_below("value_costs_continue", "en") == "at every size tested"
    assert some.both_below("value_costs_continue", "de") == "bei jeder getesteten Größe"
    gaining = BreakEven(runs({1_000: (5_000.0, 2_000.0), 2_000: (-50.0, 3_000.0)}), pd.DataFrame(), {}, {"a": "a", "b": "b"})
    assert gaining.both_below("value", "en") == "" and gaining.both_below("value_trust_fades", "en") == ""


def test_cli_breakeven_writes_its_table_and_plot_and_refuses_bad_sizes(tmp_path):
    from click.testing import CliRunner

    from sim.cli import main

    from .conftest import SCENARIOS

    args = ["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml")]
    res = CliRunner().invoke(main, args + ["--people", "300,600", "--years", "0.05", "--reps", "2", "--workers", "1", "--out", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output
    for name in ("breakeven.csv", "breakeven_runs.csv", "breakeven.png", "breakeven.svg", "manifest.json"):
        assert (tmp_path / "b" / name).exists(), name
    assert "stammtisch" in res.output and (" is worth " in res.output or " are worth " in res.output), res.output
    assert "Stammtisch" not in res.output  # a scenario's name as it is named, at the start of a sentence too
    per_run = pd.read_csv(tmp_path / "b" / "breakeven_runs.csv")
    assert dict(zip(per_run["strategy"], per_run["scenario"])) == {"a": "tupperparty", "b": "stammtisch"}
    for sizes, said in (("300,lots", "expected whole numbers"), ("300,,600", "expected whole numbers"),
                        ("300,300,600", "300 twice; expected each market size once"),  # were read as 300,600
                        ("3__00,600", "expected whole numbers"), ("\u0663\u0660\u0660,600", "expected whole numbers")):  # int() reads both
        res = CliRunner().invoke(main, args + ["--people", sizes, "--out", str(tmp_path / "c")])
        assert res.exit_code == 2 and "--people" in res.output and said in res.output and not (tmp_path / "c").exists(), res.output
    a, b = (scenario(n) for n in ("tupperparty", "stammtisch"))
    for people, reps, days in (([300.7, 600], 2, 5), ("300,600", 2, 5), ([300, 300, 600], 2, 5), ([300, 600], 1, 5),
                               ([300, 600], 2.5, 5), ([300, 600], 2, 0), (np.int64(300), 2, 5)):
        with pytest.raises(ValueError):  # truncated, a crash in int(), a size dropped, an interval of no width, a crash
            breakeven(a, b, people, reps=reps, days=days, workers=1)  # in range(), three years run for 0 days, a crash


def test_cost_is_its_parts_and_each_part_comes_from_what_the_strategy_spends_on():
    """A giveaway page with paid boost and bought fans pays for prizes, reach and fans, no desk; a regulars'
    table with listening pays its desk and listening, no prizes: cost is the sum of its parts either way."""
    parts = ("cost_staff", "cost_listening", "cost_content", "cost_prizes", "cost_paid", "cost_fans")
    blitz_run = simulate("giveaway-blitz", range(2), days=60, **{"strategy.paid_boost_per_day": 50.0, "strategy.fan_acquisition": 0.01,
                                                                  "strategy.cost_per_fan": 0.1})[0]
    table_run = simulate("stammtisch", range(2), days=60)[0]
    blitz, table = blitz_run.summary, table_run.summary
    for s in (blitz, table):
        assert sum(s[k] for k in parts) == pytest.approx(s["cost"], rel=1e-9)
    assert blitz["cost_prizes"] > 0 and blitz["cost_paid"] > 0 and blitz["cost_fans"] > 0 and blitz["cost_staff"] == 0
    assert table["cost_staff"] > 0 and table["cost_listening"] > 0 and table["cost_prizes"] == 0
    for r in (blitz_run, table_run):  # every post is made by someone: 0.75 staff-hours at 30 an hour
        assert r.summary["cost_content"] > 0 and r.summary["cost_content"] == pytest.approx(r.daily["posts"].sum() * 0.75 * 30.0, rel=1e-6)
    assert simulate("absent", range(1), days=30)[0].summary["cost_content"] == 0


def test_the_value_with_costs_kept_up_takes_off_the_last_years_cost_for_good_discounted_as_the_equity():
    """Keeping trust where it is at the end means keeping the strategy up: value_costs_continue is the value less
    the last year's cost a day, every day after the end, discounted as customer equity is (a long sum of the same)."""
    from sim.model.sales import daily_rate

    sc = scenario("stammtisch", **{"market.people": 2000, "simulation.days": 400})
    r = sim.run(sc, seed=3)
    s, daily = r.summary, r.daily
    delta = daily_rate(sc.economy.discount_rate_per_year)
    per_day = daily["cost"].iloc[-365:].mean()
    after = per_day * np.exp(-delta * np.arange(401, 401 + 365 * 400)).sum()  # 400 years after the end, day by day
    assert s["value"] - s["value_costs_continue"] == pytest.approx(after, rel=1e-6)
    assert s["cost_per_year_end"] == pytest.approx(per_day * 365) and per_day > 0


def test_the_break_even_plot_marks_the_clients_market_only_among_the_sizes_run():

    from sim.experiments.breakeven import BreakEven
    from sim.report import plots

    n = np.array([1_000, 10_000, 100_000])
    diff = 0.5 * n - 20_000
    table = pd.DataFrame({"people": n, "diff": diff, "ci_low": diff - 1000, "ci_high": diff + 1000})
    result = BreakEven(pd.DataFrame({"people": n}), table, crossing(table), {"a": "a", "b": "b", "days": 365})

    def marked(market):
        labels = plots.breakeven(result, "en", market=market).axes[0].get_legend_handles_labels()[1]
        return [x for x in labels if x.startswith("your market")]

    assert marked(40_000) == ["your market: 40,000 people"] and marked(500_000) == [] and marked(None) == []


def test_the_same_break_even_draws_the_same_files(tmp_path):
    """Two runs of the same break-even wrote SVGs differing in matplotlib's random element ids and the date drawn:
    the same runs give the same files, the plots included."""
    a, b = (scenario(n, **{"simulation.days": 10}) for n in ("tupperparty", "stammtisch"))
    for folder in ("one", "two"):
        breakeven(a, b, people=[300, 600], reps=2, workers=1).write(tmp_path / folder)
    for name in ("breakeven.svg", "breakeven.png", "breakeven.csv", "breakeven_runs.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
