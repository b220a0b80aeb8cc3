"""audsim validate: targets measured with their own definitions, a report, a failing exit code (issue #7, part)."""

import shutil

import numpy as np
import pytest
from click.testing import CliRunner

from sim.cli import main
from sim.validation import run_suite

from .conftest import ROOT


def test_panel_and_complaint_targets_pass_with_defaults(tmp_path):
    for name in ("v2_panel.toml", "v3_complaints.toml"):
        shutil.copy(ROOT / "validation" / name, tmp_path / name)
        text = (tmp_path / name).read_text().replace('scenario = "../scenarios/', f'scenario = "{ROOT}/scenarios/')
        (tmp_path / name).write_text(text)
    checks, _ = run_suite(quick=True, folder=tmp_path)
    assert {c.target for c in checks} == {"V2", "V3"}
    failed = [(c.check, c.measured()) for c in checks if not c.passed]
    assert not failed, failed


def test_a_failing_target_fails_the_command_and_the_report_says_so(tmp_path):
    text = (ROOT / "validation" / "v2_panel.toml").read_text()
    text = text.replace('scenario = "../scenarios/', f'scenario = "{ROOT}/scenarios/').replace("info = 0.84", "info = 0.50")
    (tmp_path / "v2.toml").write_text(text)
    res = CliRunner().invoke(main, ["validate", "--quick", "--folder", str(tmp_path)])
    assert res.exit_code == 1
    assert "FAIL" in res.output
    report = (tmp_path / "report.md").read_text()
    assert "**FAIL**" in report and "valued: info" in report
    elsewhere = tmp_path / "out" / "full.md"  # a researcher's run need not rewrite the report a checkout ships
    elsewhere.parent.mkdir()
    res = CliRunner().invoke(main, ["validate", "--quick", "--folder", str(tmp_path), "--out", str(elsewhere)])
    assert res.exit_code == 1 and "**FAIL**" in elsewhere.read_text() and (tmp_path / "report.md").read_text() == report


def test_bad_target_kind_is_a_one_line_error(tmp_path):
    (tmp_path / "x.toml").write_text('id = "X"\nkind = "astrology"\n')
    res = CliRunner().invoke(main, ["validate", "--folder", str(tmp_path)])
    assert res.exit_code == 2 and "kind = 'astrology'" in res.output


def test_the_report_counts_only_checks_and_says_which_pass_on_the_mean_only(tmp_path):
    """A reported row is not a pass; a check whose mean is inside the tolerance but whose interval reaches
    outside is marked; the target files' caveats are printed beside the table."""
    from sim.validation.suite import _judged, write_report

    spec = {"id": "V9", "source": "a study"}
    inside = lambda m: 0 < m < 1  # noqa: E731
    checks = [_judged(spec, "firm", "(0, 1)", 0.5, 0.4, 0.6, inside), _judged(spec, "loose", "(0, 1)", 0.5, -0.1, 0.6, inside),
              _judged(spec, "reported", "(reported)", 7.0, 6.0, 8.0, None), _judged(spec, "fails", "(0, 1)", 1.5, 1.4, 1.6, inside)]
    assert [c.result() for c in checks] == ["pass", "pass on the mean (its interval reaches beyond)", "reported", "FAIL"]
    (tmp_path / "v9.toml").write_text('id = "V9"\nkind = "interest_panel"\ncaveat = "fitted to itself"\n')
    (tmp_path / "elsewhere").mkdir()
    report = write_report(checks, True, tmp_path / "elsewhere" / "report.md", folder=tmp_path).read_text()
    assert "2 of 3 checks pass (1 of them on the mean only" in report and "1 further row is measured and reported" in report
    assert "- V9: fitted to itself" in report and "| **FAIL** |" in report


def test_a_row_is_credited_to_its_own_study_where_the_file_says_which(tmp_path):
    """V3's rows listed all four of its sources; a reply's worth is Twitter / Applied Marketing Science's, the share of
    ignored complainers who boycott Sprout's. ``row_sources`` credits rows by how their names begin; a row none
    matches keeps every source of its target (the details in brackets left out)."""
    from sim.validation.suite import _judged, load_targets, write_report

    spec = {"id": "V3", "source": "Sprout 2017 (n = 1,003); Twitter / AMS 2016",
            "row_sources": {"ignored:": "Sprout 2017", "trust gain": "Twitter / AMS 2016"}}
    rows = {name: _judged(spec, name, "", 0.3, 0.2, 0.4, None).source for name in ("ignored: tell", "trust gain of a reply", "other")}
    assert rows == {"ignored: tell": "Sprout 2017", "trust gain of a reply": "Twitter / AMS 2016", "other": "Sprout 2017; Twitter / AMS 2016"}
    (tmp_path / "v3.toml").write_text('id = "V3"\nkind = "complaint_outcomes"\n[row_sources]\n"ignored:" = "Sprout 2017"\n'
                                      '"renamed" = "Twitter / AMS 2016"\n')
    checks = [_judged(spec, name, "", 0.3, 0.2, 0.4, None) for name in ("ignored: tell", "trust gain of a reply")]
    report = write_report(checks, True, tmp_path / "report.md", folder=tmp_path).read_text()
    assert "Matching no check (those rows list every source of their target): V3's row_sources key 'renamed'." in report, report
    shipped = dict((spec["id"], spec) for _, spec in load_targets())
    assert set(shipped["V3"]["row_sources"].values()) == {"Sprout Social Index 2017 'Call-Out Culture'", "Twitter / Applied Marketing Science 2016"}


@pytest.mark.parametrize("change, says", [
    (('days_after = 90', 'days_after = "ninety"'), "days_after = 'ninety': expected a whole number in [1, 10000]"),
    (('days_after = 90', 'days_aftr = 90'), "days_aftr = 90: unknown key"),
    (('[quick]', '[quick]\nfoo = 1'), "quick.foo = 1: unknown key"),
    (('answered_well_vs_no_problem = 0.02', 'answered_well = 0.02'), "tolerance.answered_well_vs_no_problem: missing"),
])
def test_a_target_file_with_a_typo_is_one_line_before_any_run(tmp_path, change, says):
    """A misspelt key would silently take its default (and the check 'pass'), a wrong type fail after the runs."""
    text = (ROOT / "validation" / "v5_recovery.toml").read_text().replace('scenario = "../scenarios/', f'scenario = "{ROOT}/scenarios/')
    assert change[0] in text
    (tmp_path / "v5.toml").write_text(text.replace(change[0], change[1]))
    res = CliRunner().invoke(main, ["validate", "--quick", "--folder", str(tmp_path)])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1 and says in res.output, res.output


def test_a_ratios_interval_is_honest_at_two_replications():
    """V7's quick suite: the percentile bootstrap of 2 replications was their range, 2.65 [2.61, 2.70], a firm pass;
    a t-based interval over the two reaches beyond the tolerance's 3.0."""
    from sim.validation.suite import _ratio_check

    spec = {"id": "V7", "source": "Locowise"}
    within = lambda m: 1.5 <= m <= 3.0  # noqa: E731
    check = _ratio_check(spec, "small / large", "[1.5, 3.0]", [0.102, 0.108], [0.102 / 2.610, 0.108 / 2.697], within)
    assert check.low < 2.5 and check.high > 3.0 and check.result().startswith("pass on the mean"), check.measured()
    # about 95% of the intervals from two normal replications hold the true ratio (the bootstrap's range: about half)
    rng = np.random.default_rng(3)
    held = [c.low <= 2.5 <= c.high for c in (_ratio_check(spec, "r", "", rng.normal(0.1, 0.01, 2), rng.normal(0.04, 0.002, 2), within)
                                             for _ in range(2000))]
    assert 0.93 <= np.mean(held) <= 0.97
    # many replications: close to the delta method's interval; a denominator not told from 0: no bound, no firm pass
    num, den = rng.normal(0.1, 0.01, 400), rng.normal(0.04, 0.002, 400)
    check = _ratio_check(spec, "r", "", num, den, within)
    ratio, half = num.mean() / den.mean(), 1.96 * np.std(num - num.mean() / den.mean() * den, ddof=1) / np.sqrt(400) / den.mean()
    assert abs(check.low - (ratio - half)) < 0.01 and abs(check.high - (ratio + half)) < 0.01
    check = _ratio_check(spec, "r", "", [1.0, 1.1], [0.01, -0.008], lambda m: m > 0)
    assert not np.isfinite(check.high) and not check.firm


def test_v3_counts_an_ignored_complainer_the_silence_made_a_detractor_within_30_days():
    """V3's 'stop buying' is trust falling below 0.3 on any of the 30 days after the silence, from at or above it:
    a detractor before the complaint is not counted (unless they unfollow), one who fell and recovered is; a cohort
    closes 30 days after the day it was resolved, also when days without resolutions lie between."""
    from types import SimpleNamespace

    from sim.model.service import IGNORE
    from sim.validation.suite import _IgnoredCohorts

    n = 4  # 0: stays fine; 1: a detractor already; 2: falls on day 10 and recovers; 3: unfollows the page on day 5
    people = SimpleNamespace(trust=np.array([0.5, 0.2, 0.5, 0.5], np.float32), unfollowed_on=np.full(n, -1))
    log = {"day": 0, "who": np.arange(n), "outcome": np.full(n, IGNORE), "on_page": np.ones(n, bool),
           "trust_change": np.zeros(n, np.float32)}
    config = SimpleNamespace(word_of_mouth=SimpleNamespace(detractor_trust=0.3))
    model = SimpleNamespace(people=people, complaint_log=[log], day=1, config=config)
    watched, closed = _IgnoredCohorts(model), []
    for day in range(40):
        model.day = day + 1  # after the step of day ``day``
        people.trust[2] = 0.25 if day == 10 else 0.5
        if day == 5:
            people.unfollowed_on[3] = 5
        closed += watched.day_passed()
        assert (len(closed) == 0) == (day < 30), day
    assert closed == [False, False, True, True]
