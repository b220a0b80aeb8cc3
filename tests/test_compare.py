"""audsim compare and demo: pairing, statistics, outputs, the report (issue #3)."""

import dataclasses
import io
import json
import re
import shutil

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.experiments import compare, replication_seeds
from sim.experiments.demo import write_report
from sim.experiments.stats import holm, mean_interval, paired_difference
from sim.report import html
from sim.report.story import Story

from .conftest import SCENARIOS, scenario

SMALL = {"market.people": 1500, "simulation.days": 60}


@pytest.fixture(scope="module")
def comparison():
    names = ["tupperparty", "stammtisch", "absent"]
    with pytest.warns(UserWarning, match="replications"):
        return compare({n: scenario(n, **SMALL) for n in names}, reps=4, baseline="stammtisch", workers=1)


def test_replication_r_uses_one_seed_across_scenarios(comparison):
    seeds = comparison.runs.pivot(index="replication", columns="scenario", values="seed")
    assert (seeds.nunique(axis=1) == 1).all()
    assert seeds.iloc[:, 0].nunique() == 4
    assert seeds.iloc[:, 0].tolist() == replication_seeds(7, 4)


def test_a_scenario_against_a_renamed_copy_of_itself_differs_by_nothing():
    sc = scenario("stammtisch", **SMALL)
    with pytest.warns(UserWarning):
        c = compare({"original": sc, "copy": sc.with_overrides(name="copy")}, reps=3, workers=1)
    d = c.differences
    assert (d["diff"].fillna(0) == 0).all()
    assert ((d["p_adjusted"] == 1) | d["p_adjusted"].isna()).all()


def test_processes_give_the_same_rows_as_one_process():
    scs = {n: scenario(n, **SMALL) for n in ["tupperparty", "stammtisch"]}
    with pytest.warns(UserWarning):
        serial = compare(scs, reps=2, workers=1).runs
        parallel = compare(scs, reps=2, workers=2).runs
    pd.testing.assert_frame_equal(serial, parallel)


def test_statistics_known_answers():
    m, lo, hi, n = mean_interval([1.0, 2.0, 3.0])
    assert (m, n) == (2.0, 3) and lo == pytest.approx(2 - 4.302653 / np.sqrt(3)) and hi == pytest.approx(2 + 4.302653 / np.sqrt(3))
    assert np.allclose(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])
    assert np.isnan(holm([np.nan, 0.2])[0]) and holm([np.nan, 0.2])[1] == pytest.approx(0.2)
    d = paired_difference([2.0, 3.0, 5.0], [1.0, 1.0, 2.0])
    assert d["diff"] == pytest.approx(2.0) and d["effect_size"] == pytest.approx(2.0 / 1.0)
    fixed = paired_difference([3.0, 4.0, 6.0], [1.0, 2.0, 4.0])  # the same difference every time: nothing to test
    assert fixed["diff"] == fixed["ci_low"] == fixed["ci_high"] == 2.0 and np.isnan(fixed["p_value"]) and np.isnan(fixed["effect_size"])
    assert np.isnan(holm([np.nan, 0.01, 0.04])[0]) and holm([np.nan, 0.01, 0.04])[2] == pytest.approx(0.04)  # not in the family


def test_output_files_have_their_columns(comparison, tmp_path):
    out = comparison.write(tmp_path / "cmp")
    cols = {
        "runs.csv": {"scenario", "replication", "seed", "long_term_trust", "unfollow_rate_per_30d"},
        "compare.csv": {"scenario", "metric", "unit", "mean", "ci_low", "ci_high", "n"},
        "differences.csv": {"scenario", "baseline", "metric", "unit", "diff", "ci_low", "ci_high", "effect_size", "p_value", "p_adjusted"},
        "trajectories.csv": {"day", "scenario", "metric", "unit", "mean", "low", "high"},
    }
    for name, expected in cols.items():
        assert expected <= set(pd.read_csv(out / name).columns), name
    table = pd.read_csv(out / "compare.csv")
    metrics = set(table["metric"])
    units = dict(zip(table["metric"], table["unit"]))  # every figure with its unit, a difference with its figure's
    assert units["long_term_trust"] == "trust (0-1)" and units["value"] == "currency" and units["net_advocates_end"] == "percentage points"
    assert table["unit"].notna().all() and (pd.read_csv(out / "differences.csv")["unit"].notna()).all()
    assert pd.read_csv(out / "trajectories.csv")["unit"].notna().all()
    assert {"long_term_trust", "unfollow_rate_per_30d", "followers_end", "interaction_rate", "organic_reach", "revenue", "cost"} <= metrics
    for plot in ("trajectories", "headline"):
        assert (out / f"{plot}.png").stat().st_size > 10_000 and (out / f"{plot}.svg").exists()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["reps"] == 4 and len(manifest["replication_seeds"]) == 4 and set(manifest["scenarios"]) == {"tupperparty", "stammtisch", "absent"}


def test_report_is_self_contained_and_its_verdict_matches_compare_csv(comparison, tmp_path):
    out = write_report(comparison, tmp_path / "demo")
    page = (out / "report.html").read_text()
    refs = re.findall(r'(?:href|src)\s*=\s*["\']([^"\']*)', page)
    assert all(r.startswith(("#", "data:")) for r in refs), refs
    assert "<link" not in page and "<script" not in page and "@import" not in page and "url(http" not in page
    table = pd.read_csv(out / "compare.csv")
    checked = 0
    for sentence in html.verdict(comparison):
        if sentence["metric"] != "followers_change":
            continue
        row = table[(table["scenario"] == sentence["scenario"]) & (table["metric"] == "followers_change")].iloc[0]
        pct = re.search(r"([+\u2212]?\d+)%(?: of its followers|, within chance)? \(95% interval ([+\u2212]?\d+)% to ([+\u2212]?\d+)%\)",
                        sentence["text"])
        num = lambda k: int(pct.group(k).replace("\u2212", "-"))  # noqa: E731
        if row["ci_low"] <= 0 <= row["ci_high"]:  # within chance: the estimate and its interval as they are, signed
            assert "within chance" in sentence["text"] and num(1) == round(row["mean"] * 100)
            assert [num(2), num(3)] == [round(row["ci_low"] * 100), round(row["ci_high"] * 100)]
        else:
            assert num(1) == round(abs(row["mean"]) * 100)
            sign = 1 if row["mean"] >= 0 else -1  # the interval of what was gained, or of what was lost
            assert [num(2), num(3)] == sorted([round(sign * row["ci_low"] * 100), round(sign * row["ci_high"] * 100)])
        assert sentence["text"] in page.replace("&#x27;", "'")
        checked += 1
    assert checked == 2  # both strategies with a page


def test_german_report(comparison, tmp_path):
    page = (write_report(comparison, tmp_path / "de", lang="de") / "report.html").read_text()
    assert "lang='de'" in page and "Ergebnis" in page and "der Follower, während neue Follows" in page and "Verdict" not in page


def test_cli_compare_and_bad_input(tmp_path):
    copy = tmp_path / "copy.toml"
    shutil.copy(SCENARIOS / "stammtisch.toml", copy)
    shutil.copytree(SCENARIOS / "base", tmp_path / "base")  # what it extends
    res = CliRunner().invoke(main, ["compare", str(SCENARIOS / "stammtisch.toml"), str(copy), "--reps", "2", "--people", "800",
                                    "--days", "20", "--workers", "1", "--out", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    assert "over 2 runs per strategy, paired" in res.output and "warning" in res.output
    res = CliRunner().invoke(main, ["compare", str(SCENARIOS / "stammtisch.toml"), "--baseline", "nope", "--out", str(tmp_path / "d")])
    assert res.exit_code == 2 and "--baseline" in res.output and not (tmp_path / "d").exists()


def test_cli_demo_writes_a_report(tmp_path):
    res = CliRunner().invoke(main, ["demo", "--reps", "2", "--people", "800", "--days", "30", "--workers", "1", "--lang", "de",
                                    "--out", str(tmp_path / "demo")])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "demo" / "report.html").read_text()
    assert "Ergebnis" in page
    assert "Die Beispielseite (" in page and "Ihre Seite:" not in page  # no page size given: not called the client's
    res = CliRunner().invoke(main, ["demo", "--reps", "2", "--people", "800", "--followers", "150", "--days", "10", "--workers", "1",
                                    "--out", str(tmp_path / "yours")])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "yours" / "report.html").read_text()
    assert "Your page: 150 followers" in page and "example page" not in page


def test_demo_compares_the_strategies_with_the_one_the_page_is_run_like_now(tmp_path):
    """--current names the set's strategy the client's page is run like: the others are compared with it and the
    headline is about it; a strategy without a page, or one not in the set, is refused in one line before any run."""
    out = tmp_path / "now"
    res = CliRunner().invoke(main, ["demo", "--current", "stammtisch", "--reps", "2", "--people", "800", "--days", "10",
                                    "--workers", "1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads((out / "manifest.json").read_text())["baseline"] == "stammtisch"
    assert "the regulars&#x27; table against the alternatives" in (out / "report.html").read_text()
    res = CliRunner().invoke(main, ["demo", "--current", "stammtisch", "--proposed", "stammtisch", "--out", str(tmp_path / "same")])
    assert res.exit_code == 2 and "--proposed = 'stammtisch': not a strategy of the demo set other than the current" in res.output
    for name, allowed in (("absent", "expected one of tupperparty, stammtisch"), ("nope", "not a strategy of the demo set")):
        res = CliRunner().invoke(main, ["demo", "--current", name, "--out", str(tmp_path / name)])
        assert res.exit_code == 2 and f"--current = '{name}'" in res.output and allowed in res.output, res.output
        assert len(res.output.strip().splitlines()) == 1 and not (tmp_path / name).exists()


def test_the_report_describes_a_timeline_and_listening(tmp_path):
    crisis = scenario("stammtisch", **SMALL).with_overrides(
        name="crisis", timeline=[{"from": 20, "to": 30, "service": {"problem_rate": 0.01}}])
    with pytest.warns(UserWarning, match="replications"):
        c = compare({"crisis": crisis, "stammtisch": scenario("stammtisch", **SMALL)}, reps=2, workers=1)
    page = (write_report(c, tmp_path / "r") / "report.html").read_text()
    assert "days 20\u201329: chance a customer runs into a problem on a day (product quality): 0.01 instead of 0.001 (service.problem_rate)" in page
    german = (write_report(c, tmp_path / "de", "de") / "report.html").read_text()
    assert "Tage 20\u201329: " in german and ": 0,01 statt 0,001 (service.problem_rate)" in german
    from sim.report import plots  # the crisis's days, banded on the charts over time, only where a strategy has one

    banded = [ax for ax in plots.trajectories(c).axes if ax.patches]
    assert len(banded) == 4 and banded[0].patches[0].get_x() == 20
    assert [x.get_text().strip() for x in banded[0].texts] == ["days 20\u201329"]  # named by its days, having no label
    named = dataclasses.replace(c, manifest={**c.manifest, "scenarios": {
        n: {**sc, "timeline": [{**e, "label": "product crisis"} for e in sc["timeline"]]} for n, sc in c.manifest["scenarios"].items()}})
    first = plots.story_figures(named, Story("crisis", "stammtisch"))["followers"].axes[0]  # page 1's chart too
    assert first.patches and [x.get_text().strip() for x in first.texts] == ["product crisis"]
    assert "days 20\u201329 (product crisis): chance a customer" in html.render(named)
    priced = dataclasses.replace(named, manifest={**named.manifest, "scenarios": {  # a label is words, not TeX to typeset
        n: {**sc, "timeline": [{**e, "label": "save $\\frac{5$ today"} for e in sc["timeline"]]} for n, sc in named.manifest["scenarios"].items()}})
    plots.trajectories(priced).savefig(io.BytesIO(), format="png")  # drawn as written (as TeX, matplotlib refuses it)
    calm = dataclasses.replace(c, manifest={**c.manifest, "scenarios": {n: {**sc, "timeline": []} for n, sc in c.manifest["scenarios"].items()}})
    assert not any(ax.patches for ax in plots.trajectories(calm).axes)
    assert "listens for 50% of the complaints raised elsewhere" in page


def test_scenarios_of_two_markets_or_horizons_are_refused_before_any_run(tmp_path):
    """Paired runs of another market size or horizon would differ by it, not by the strategy: one line, exit 2,
    naming the key, each scenario's value and the option that sets one for all."""
    small = tmp_path / "small.toml"
    small.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\nname = "small"\n[market]\npeople = 2000\n')
    res = CliRunner().invoke(main, ["compare", str(small), str(SCENARIOS / "tupperparty.toml"), "--reps", "2", "--days", "5",
                                    "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "market.people differs (small: 2,000, tupperparty: 250,000)" in res.output and "--people" in res.output
    assert len(res.output.strip().splitlines()) == 1 and not (tmp_path / "o").exists()
    short = tmp_path / "short.toml"
    short.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\nname = "short"\n[simulation]\ndays = 30\n')
    res = CliRunner().invoke(main, ["compare", str(short), str(SCENARIOS / "tupperparty.toml"), "--reps", "2", "--people", "500",
                                    "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "simulation.days differs (short: 30, tupperparty: 1,095)" in res.output and "--days" in res.output


def test_a_timeline_every_strategy_has_alike_is_said_once():
    """A crisis in the market happens to every strategy: the report says it once, under the strategies, and keeps
    under a strategy only what is its own (a switch of strategy)."""
    crisis = {"from": 20, "to": 30, "label": "product crisis", "service": {"problem_rate": 0.01}}
    switch = {"at": 40, "strategy": {"mix": {"info": 0.5, "service": 0.3, "promo": 0.2}}}
    a = scenario("stammtisch", **SMALL).with_overrides(name="a", timeline=[crisis, switch])
    b = scenario("tupperparty", **SMALL).with_overrides(name="b", timeline=[crisis])
    with pytest.warns(UserWarning, match="replications"):
        c = compare({"a": a, "b": b}, reps=2, workers=1)
    shared, own = html.timeline_words(c)
    assert len(shared) == 1 and shared[0].startswith("days 20\u201329 (product crisis)")
    assert own["b"] == [] and len(own["a"]) == 1 and own["a"][0].startswith("from day 40: share of posts")
    assert "info 50%, service 30%, promo 20% instead of" in own["a"][0]  # a mix in words, not a dict
    page = html.render(c)
    assert page.count("(product crisis)") == 1 and "In the runs of every strategy alike: days 20\u201329" in page


def test_charts_over_time_keep_their_lines_readable_when_bands_are_wide():
    """With two replications a 95% band of organic reach ran to 70% about lines near 15%, and the axis with it: the
    lines were a flat stripe at the bottom. The axis reaches twice the highest line; a narrow band is shown whole."""
    from sim.experiments.compare import Comparison
    from sim.report import plots

    days = np.arange(60)
    rows = []
    for metric in plots.PANELS:
        for name, level in (("a", 0.15), ("b", 0.05)):
            rows += [{"day": d, "metric": metric, "scenario": name, "mean": level, "low": 0.0,
                      "high": level * (5.0 if name == "a" else 1.2)} for d in days]
    traj = pd.DataFrame(rows)
    runs = pd.DataFrame({"scenario": ["a", "b"], "replication": [0, 0]})
    c = Comparison(runs=runs, table=pd.DataFrame(), differences=pd.DataFrame(), trajectories=traj, manifest={"scenarios": {}})
    for ax, metric in zip(plots.trajectories(c).axes, plots.PANELS):
        top = ax.get_ylim()[1]
        scale = 100 if metric in plots.PERCENT else 1
        if metric in plots.TRUST:
            assert top == 1
        else:
            assert 0.15 * scale < top <= 2 * 0.15 * scale + 1e-9, (metric, top)  # not 5 x the line
    narrow = traj.assign(high=traj["mean"] * 1.2)
    for ax, metric in zip(plots.trajectories(dataclasses.replace(c, trajectories=narrow)).axes, plots.PANELS):
        scale = 100 if metric in plots.PERCENT else 1
        assert ax.get_ylim()[1] >= 0.15 * 1.2 * scale - 1e-9  # the band shown whole


def test_every_headline_figure_has_a_unit():
    """compare.csv and differences.csv give each figure's unit: a figure added to the summary without one fails
    here (a valuation ``value_<name>`` is money)."""
    import sim
    from sim.model.measures import unit

    summary = sim.run(SCENARIOS / "stammtisch.toml", days=20, people=2000, seed=1).summary
    assert [k for k in summary if not unit(k)] == []
    assert unit("value_trust_fades") == "currency" and unit("no_such_figure") == ""
