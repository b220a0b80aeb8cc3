"""For researchers' own tools (issue #16): one evaluate function, overrides that are never lost, a dict that
extends a file, and an AudienceModel that Mesa's batch_run can drive."""

import math

import pytest

import sim
from sim.model import AudienceModel
from sim.model.measures import HEADLINE
from sim.model.service import fixed_staff

from .conftest import SCENARIOS

ST = SCENARIOS / "stammtisch.toml"


def test_with_overrides_takes_a_mapping():
    sc = sim.load(ST)
    changed = sc.with_overrides({"platform.reach_base": 0.5})
    assert changed.platform.reach_base == 0.5 and changed.hash() != sc.hash()


def test_with_overrides_takes_keywords_and_they_agree_with_the_mapping():
    sc = sim.load(ST)
    changed = sc.with_overrides(**{"platform.reach_base": 0.5})
    assert changed.platform.reach_base == 0.5 and changed.hash() == sc.with_overrides({"platform.reach_base": 0.5}).hash()
    with pytest.raises(TypeError, match="mapping"):
        sc.with_overrides("platform.reach_base")  # a string was once taken as the error message's source


def test_run_takes_overrides_and_a_dict_may_extend_a_file():
    base = sim.run(ST, days=15, people=800, seed=2)
    changed = sim.run(ST, days=15, people=800, seed=2, overrides={"platform.reach_base": 0.4})
    assert changed.manifest["scenario"]["platform"]["reach_base"] == 0.4
    assert changed.summary["organic_reach"] > base.summary["organic_reach"]
    from_dict = sim.run({"extends": str(ST), "simulation": {"days": 15}}, people=800, seed=2)
    assert from_dict.summary == base.summary and from_dict.manifest["scenario"]["name"] == "stammtisch"
    with pytest.raises(sim.ScenarioError, match="nope.toml"):
        sim.run({"extends": "nope.toml"})


def test_people_is_the_same_brand_in_a_market_of_that_size():
    """``people=`` scales every extensive setting with the market (as ``demo --market`` and ``breakeven`` do), so money
    per person does not change because a researcher asked for a smaller market; ``market.people`` alone sets the size."""
    shipped = sim.load(SCENARIOS / "outsourced-service.toml")
    small = sim.resolve(shipped, people=shipped.market.people // 10)
    assert small.market.people == shipped.market.people // 10
    assert small.service.listening_cost_per_day == pytest.approx(shipped.service.listening_cost_per_day / 10)
    assert shipped.service.staff == 1 and fixed_staff(small.service.staff, small.service.min_staff) == 1  # a fixed desk keeps its one person (a part is slower)
    assert sim.resolve(shipped, people=shipped.market.people * 4).service.staff == 4  # and grows with a bigger market
    # scaled down and up again, it is the desk scaled once (a manifest of a small run, run again larger, gave 50 people for 1)
    again = sim.resolve(sim.resolve(shipped, people=2_000), people=100_000)
    once = sim.resolve(shipped, people=100_000)
    assert fixed_staff(again.service.staff, again.service.min_staff) == fixed_staff(once.service.staff, once.service.min_staff) == 1
    assert sim.resolve(small, people=shipped.market.people).service.staff == pytest.approx(1)
    swept = small.with_overrides(**{"service.staff": 0.25})  # a desk given as it is keeps no floor from the scaling
    assert fixed_staff(swept.service.staff, swept.service.min_staff) == 0.25
    alone = sim.resolve(shipped, overrides={"market.people": shipped.market.people // 10})
    assert alone.service.staff == shipped.service.staff
    listening = [sim.run(ST, days=10, people=n, seed=1).daily["cost_listening"].sum() / n for n in (600, 1200)]
    assert listening[0] > 0 and listening[0] == pytest.approx(listening[1])


def test_evaluate_returns_floats_for_every_headline_figure():
    out = sim.evaluate(ST, {"platform.reach_base": 0.2}, days=15, people=800, seed=2)
    assert out and all(isinstance(v, float) for v in out.values())
    assert out == sim.evaluate(ST, {"platform.reach_base": 0.2}, days=15, people=800, seed=2)  # same seed, same numbers
    assert out["long_term_trust"] == sim.run(ST, days=15, people=800, seed=2,
                                             overrides={"platform.reach_base": 0.2}).summary["long_term_trust"]
    absent = sim.evaluate(SCENARIOS / "absent.toml", days=15, people=800)
    assert math.isnan(absent["unfollow_rate_per_30d"])


def test_the_model_stops_at_its_horizon_with_the_headline_in_its_datacollector():
    model = AudienceModel(ST, seed=2, **{"market.people": 800, "simulation.days": 15})
    steps = 0
    while model.running and steps < 100:
        model.step()
        steps += 1
    assert steps == 15 and model.day == 15
    mv = model.datacollector.model_vars
    summary = sim.run(ST, days=15, seed=2, overrides={"market.people": 800}).summary  # the size alone, as batch_run sets it
    for name in HEADLINE:
        assert all(math.isnan(x) for x in mv[name][:-1]), name  # only the last day carries the run's figures
        assert mv[name][-1] == pytest.approx(summary[name], nan_ok=True), name


def _compare_inside(_):
    """compare() in a daemonic pool worker, as the EMA Workbench's multiprocessing evaluator calls it."""
    from sim.experiments import compare

    from .conftest import scenario

    scs = {n: scenario(n, **{"market.people": 300, "simulation.days": 5}) for n in ("tupperparty", "stammtisch")}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(compare(scs, reps=2, workers=2).table["mean"].iloc[0])


def test_compare_inside_a_daemonic_worker_runs_serially():
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:  # its workers are daemonic
        value = pool.map(_compare_inside, [0])[0]
    assert math.isfinite(value)


def test_one_pool_per_process_is_reused():
    import os

    from sim import parallel

    first = set(parallel.map_tasks(_pid, range(4), workers=2))
    pool = parallel._POOL["pool"]
    second = set(parallel.map_tasks(_pid, range(4), workers=2))
    assert parallel._POOL["pool"] is pool and os.getpid() not in first
    assert first & second  # the same worker processes answered again


def _pid(_):
    import os
    import time

    time.sleep(0.05)
    return os.getpid()


def test_a_ctrl_c_during_a_run_stops_it_at_the_end_of_the_day():
    """Python would raise KeyboardInterrupt wherever the run is, a compiled kernel included (where it once crashed
    the process); the run notes it, finishes the day and stops before the next one."""
    import os
    import signal
    import time

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # a test runner may ignore Ctrl-C
    days, finished = [], []

    def progress(n):
        days.append(n)
        if len(days) == 3:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # Python's own handler would raise here, inside the day's work
            finished.append(True)

    try:
        with pytest.raises(KeyboardInterrupt):
            sim.run(SCENARIOS / "stammtisch.toml", days=30, people=2000, progress=progress)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert finished == [True] and len(days) == 3
    assert signal.getsignal(signal.SIGINT) is previous


def test_evaluate_gives_the_figures_of_run_and_the_cli_on_the_scenarios_own_seed():
    """sim.evaluate drew seed 0 where sim.run and audsim run take the scenario's seed (7): the same call gave
    other figures (review)."""
    by_run = sim.run(ST, days=10, people=600).summary
    assert sim.evaluate(ST, days=10, people=600)["long_term_trust"] == by_run["long_term_trust"]


def test_the_models_code_hash_ignores_docstrings_and_comments_but_not_code(tmp_path):
    """A manifest records what the model's code does: editing a docstring or a comment of sim/model leaves its hash
    (a re-run or a resumed sweep does not warn of a changed model), editing a line of code changes it."""
    import shutil

    from sim.model import kernel_cache
    from sim.runner import model_code

    folder = tmp_path / "model"
    shutil.copytree(kernel_cache.HERE, folder, ignore=shutil.ignore_patterns("__pycache__"))
    before = model_code.__wrapped__(folder)
    assert before == model_code()  # the copy is the model
    fade = folder / "follows.py"
    text = fade.read_text()
    fade.write_text(text.replace('"""Follows and unfollows', '"""Who follows and who leaves', 1)
                    .replace("# one random number per follow", "# a comment rewritten", 1) + "\n# a closing comment\n")
    assert model_code.__wrapped__(folder) == before
    fade.write_text(text.replace("promo[i] *= keep", "promo[i] *= keep * keep", 1))
    assert model_code.__wrapped__(folder) != before
