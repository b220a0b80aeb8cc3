"""Sweeps: validation, designs, executors that agree, nothing lost on kill -9, analysis, robustness (issue #4)."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from scipy import stats

from sim.cli import main
from sim.scenario import ScenarioError
from sim.sweep import analyze, load_sweep, robustness, sweep
from sim.sweep.analyze import NoSuccessfulRun, _spearman
from sim.sweep.run import tasks
from sim.sweep.spec import resume_command, with_counts

from .conftest import ROOT, SCENARIOS

TINY = "people = 600\ndays = 30\n"


def sweep_file(tmp_path, body: str, name="s.toml"):
    path = tmp_path / name
    path.write_text(f'base = "{SCENARIOS / "stammtisch.toml"}"\n' + body)
    return path


GRID = TINY + """design = "grid"
reps = 2
[parameters."strategy.posts_per_day"]
levels = [1, 3]
[parameters."strategy.mix.promo"]
levels = [0.1, 0.7]
"""


def test_shipped_sweeps_load():
    for path in (SCENARIOS / "sweeps").glob("*.toml"):
        spec, scenarios = load_sweep(path)
        assert spec.points() and scenarios


@pytest.mark.parametrize("body, fragments", [
    ('design = "grid"\n[parameters."service.staf"]\nlevels = [1]\n', ["parameters.service.staf", "no such key"]),
    ('design = "sobol"\n[parameters."service.staff"]\nlevels = [1]\n', ["parameters.service.staff", "range"]),
    ('design = "fancy"\n[parameters."service.staff"]\nlevels = [1]\n', ["design", "'fancy'", "grid"]),
    ('design = "lhs"\n[parameters."service.staff"]\nrange = [3, 1]\n', ["range", "low < high"]),
    ('reps = 0\n[parameters."service.staff"]\nlevels = [1]\n', ["reps", "0"]),
    ('outcome = ["x"]\n[parameters."service.staff"]\nlevels = [1]\n', ["outcome", "unknown key", "outcomes"]),
    ('design = "grid"\n[parameters."service.quality"]\nlevels = [7]\n', ["service.quality", "[0, 1]"]),
    # every level and both ends of a range are checked before any run, not only the first
    ('design = "grid"\n[parameters."service.quality"]\nlevels = [0.5, 7]\n', ["service.quality", "7", "[0, 1]"]),
    ('design = "lhs"\n[parameters."strategy.mix.promo"]\nrange = [0.0, 1.5]\n', ["strategy.mix.promo = 1.5 (an end of the range)", "sum to 1"]),
    ('design = "grid"\n[parameters."service.staff"]\nlevels = ["auto", "many"]\n', ["service.staff", "'many'", "auto"]),
    ('design = "random"\n[parameters."service.staff"]\nlevels = ["auto", 1]\n', ["service.staff", "use design = \"grid\""]),
    ('[parameters."service.staff"]\n', ["parameters.service.staff: neither levels nor range;", "exactly one of"]),  # not "levels = None"
    ('parameters = {}\n', ["parameters", "at least 1 entry"]),
    ('[parameters."service.staff"]\nlevels = [1]\nrange = [0, 2]\n', ["service.staff.range = [0.0, 2.0]", "(levels is set too)"]),
    ('days = "30"\n[parameters."service.staff"]\nlevels = [1]\n', ["days = '30'", "a whole number in [1, 100000]"]),  # not 30 days
    ('common_random_numbers = "no"\n[parameters."service.staff"]\nlevels = [1]\n', ["common_random_numbers = 'no'", "true or false"]),
    ('[parameters."strategy.has_page"]\nlevels = [0.5, 0]\n', ["strategy.has_page = 0.5 (a level)", "expected true or false"]),  # not bool(0.5)
    ('[parameters."platform.reach_bass"]\nlevels = [1]\n', ["platform.reach_bass: no such key", "allowed in [platform]: ", "reach_base"]),
    ('[parameters."service.staff"]\nlevels = [1, 1.0]\n', ["parameters.service.staff.levels = [1, 1.0]", "distinct levels (1.0 is there twice)"]),
    ('[parameters."service.staff"]\nlevels = [1, nan]\n', ["parameters.service.staff.levels", "numbers, true/false or words"]),
    ('[parameters."service.staff"]\nlevels = [-1]\n', ["parameters.service.staff = -1 (a level)", "[0, 10000]"]),
    ('design = "lhs"\n[parameters."service.staff"]\nrange = [0, 1, 2]\n', ["parameters.service.staff.range", "at most 2 entries"]),
    ('design = "sobol"\nsamples = 6\n[parameters."service.staff"]\nrange = [0, 2]\n', ["samples = 6", "power of 2", "4 or 8"]),
    # read and then ignored: every run of a seed sweep had the same seed; a grid's samples did nothing
    ('[parameters."simulation.seed"]\nlevels = [1, 2]\n', ["parameters.simulation.seed = [1, 2]", "reps"]),
    ('design = "grid"\nsamples = 5\n[parameters."service.staff"]\nlevels = [1]\n', ["samples = 5", "no samples for a grid"]),
    ('design = "morris"\nmorris_levels = 3\n[parameters."service.staff"]\nrange = [0, 2]\n', ["morris_levels = 3", "an even number"]),
    ('seed = 99999999999999999999\n[parameters."service.staff"]\nlevels = [1]\n', ["seed = 99999999999999999999"]),
])
def test_bad_sweep_files_get_one_line(tmp_path, body, fragments):
    path = sweep_file(tmp_path, body)
    with pytest.raises(ScenarioError) as info:
        load_sweep(path)
    msg = str(info.value)
    assert "\n" not in msg and msg.startswith(str(path))
    for f in fragments:
        assert f in msg, msg
    res = CliRunner().invoke(main, ["sweep", str(path), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and not (tmp_path / "o").exists()


def test_a_strategy_named_twice_is_refused_and_a_grid_of_levels_that_fit_only_together_runs(tmp_path):
    """A repeated strategy ran once (scenarios kept by name: "2 of 2 runs"); each level of a grid was checked alone
    against the base scenario, so reach_min = 0.2 was refused beside its reach_base of 0.12, which never runs."""
    path = tmp_path / "twice.toml"
    path.write_text(f'strategies = ["{SCENARIOS / "stammtisch.toml"}", "{SCENARIOS / "stammtisch.toml"}"]\n'
                    '[parameters."service.staff"]\nlevels = [1]\n')
    with pytest.raises(ScenarioError, match="distinct scenario files"):
        load_sweep(path)
    together = sweep_file(tmp_path, TINY + 'reps = 1\n[parameters."platform.reach_base"]\nlevels = [0.3, 0.5]\n'
                                           '[parameters."platform.reach_min"]\nlevels = [0.01, 0.2]\n', "together.toml")
    spec, _ = load_sweep(together)
    assert len(spec.points()) == 4
    # a level that fits with some of the other's levels only would fail those points, and a grid needs every point
    some = sweep_file(tmp_path, TINY + '[parameters."platform.reach_base"]\nlevels = [0.15, 0.5]\n'
                                       '[parameters."platform.reach_min"]\nlevels = [0.01, 0.2]\n', "some.toml")
    with pytest.raises(ScenarioError, match=r"platform.reach_min = 0.2 \(a level\)"):
        load_sweep(some)
    never = sweep_file(tmp_path, TINY + '[parameters."platform.reach_min"]\nlevels = [0.01, 0.9]\n', "never.toml")
    with pytest.raises(ScenarioError, match=r"platform.reach_min = 0.9 \(a level\)"):
        load_sweep(never)


def test_sweep_command_line_sizes_are_checked(tmp_path):
    """--people 0 was silently ignored (the sweep ran at the file's size): refused like any size out of range."""
    path = sweep_file(tmp_path, GRID)
    for option, key in ((["--people", "0"], "--people = 0"), (["--days", "0"], "--days = 0")):
        res = CliRunner().invoke(main, ["sweep", str(path), *option, "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and key in res.output and not (tmp_path / "o").exists(), res.output


def test_the_command_lines_samples_replace_a_files_wrong_ones(tmp_path):
    """A Sobol file with 7 samples was refused before --samples 4 could replace them; a wrong --samples is named."""
    path = sweep_file(tmp_path, TINY + 'design = "sobol"\nsamples = 7\n[parameters."content.promo.annoyance"]\nrange = [0.0, 0.2]\n')
    spec, _ = load_sweep(path, samples=4)
    assert spec.samples == 4
    with pytest.raises(ScenarioError, match=r"^--samples = 5: expected a power of 2"):
        load_sweep(path, samples=5)
    with pytest.raises(ScenarioError, match=r"samples = 7: expected a power of 2"):  # the file's, where no option replaces it
        load_sweep(path, reps=3)


def test_designs_give_their_points(tmp_path):
    spec, _ = load_sweep(sweep_file(tmp_path, GRID))
    assert len(spec.points()) == 4
    body = TINY + 'design = "{d}"\nsamples = 8\n[parameters."strategy.posts_per_day"]\nrange = [1, 3]\n[parameters."service.staff"]\nrange = [0, 4]\n'
    sizes = {}
    for design in ("random", "lhs", "sobol", "morris"):
        spec, _ = load_sweep(sweep_file(tmp_path, body.format(d=design), f"{design}.toml"))
        pts = spec.points()
        sizes[design] = len(pts)
        assert all(1 <= p["strategy.posts_per_day"] <= 3 and 0 <= p["service.staff"] <= 4 for p in pts)
    assert sizes == {"random": 8, "lhs": 8, "sobol": 8 * (2 + 2), "morris": 8 * (2 + 1)}


def test_the_same_rows_serially_on_processes_and_on_dask(tmp_path):
    spec, scenarios = load_sweep(sweep_file(tmp_path, GRID))
    outcome_cols = ["run_id", "seed", "long_term_trust", "unfollow_rate_per_30d", "followers_end", "revenue"]
    serial = sweep(spec, scenarios, tmp_path / "serial", workers=1)[outcome_cols]
    procs = sweep(spec, scenarios, tmp_path / "procs", workers=2)[outcome_cols]
    dask = sweep(spec, scenarios, tmp_path / "dask", dask_local=2)[outcome_cols]
    assert len(serial) == 8
    pd.testing.assert_frame_equal(serial, procs)
    pd.testing.assert_frame_equal(serial, dask)
    # common random numbers: replication r has one seed at every point
    assert serial.groupby(serial["run_id"].str[-5:])["seed"].nunique().eq(1).all()


def test_a_failing_run_is_recorded_and_the_sweep_goes_on(tmp_path):
    # each level is allowed alone (checked before any run); a floor of 0.1 above a ceiling of 0.05 only together
    body = TINY + ('design = "grid"\nreps = 1\n[parameters."platform.reach_min"]\nlevels = [0.01, 0.1]\n'
                   '[parameters."platform.reach_max"]\nlevels = [0.05]\n')
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    runs = sweep(spec, scenarios, tmp_path / "o", workers=1)
    assert len(runs) == 2
    assert pd.isna(runs["error"].iloc[0]) and "reach_min" in runs["error"].iloc[1]
    assert (tmp_path / "o" / "runs.parquet").exists()


def test_a_sobol_sweep_with_failed_runs_ends_and_says_why_it_has_no_indices(tmp_path):
    body = TINY + ('design = "sobol"\nsamples = 4\nreps = 1\n[parameters."platform.reach_min"]\nrange = [0.0, 0.12]\n'
                   '[parameters."platform.reach_max"]\nrange = [0.02, 0.15]\n')  # each end runs, some pairs have min > max
    out = tmp_path / "o"
    res = CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path, body)), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 0 and "failed" in res.output, res.output
    table = pd.read_csv(out / "sensitivity.csv")
    assert (table["index"] == "incomplete").all() and table["note"].str.contains("points failed in every run").all()
    assert table["note"].str.contains("narrow the ranges that fail").all() and not table["note"].str.contains("resume").any()
    assert not (out / "sensitivity.png").exists()
    res = CliRunner().invoke(main, ["analyze", str(out)])
    assert res.exit_code == 0 and "incomplete" in res.output


def test_kill_9_loses_only_runs_in_flight_and_resume_finishes(tmp_path):
    body = 'people = 3000\ndays = 120\ndesign = "grid"\nreps = 4\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2, 3]\n'
    path = sweep_file(tmp_path, body)
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "sim", "sweep", str(path), "--out", str(out), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    parts = out / "parts"
    deadline = time.time() + 120
    while time.time() < deadline and len(list(parts.glob("*.parquet"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {f.name: f.stat().st_mtime_ns for f in parts.glob("*.parquet")}
    assert 3 <= len(before) < 12, "the sweep should have been killed part-way"
    for f in parts.glob("*.parquet"):
        pd.read_parquet(f)  # every part on disk is whole
    res = CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--workers", "1"])
    assert res.exit_code == 2 and "--resume" in res.output
    res = CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--workers", "1", "--resume"])
    assert res.exit_code == 0, res.output
    assert f"12 of 12 runs done ({len(before)} kept from before, {12 - len(before)} run now)" in res.output, res.output
    # 2 replications a point: each interval is rough, and the command says so, not only sensitivity.csv
    assert "audsim: warning:" in res.output and "need care" in res.output and "rough interval" in res.output, res.output
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 12 and runs["error"].isna().all()
    after = {f.name: f.stat().st_mtime_ns for f in parts.glob("*.parquet")}
    assert all(after[name] == t for name, t in before.items()), "finished runs were recomputed"


def test_ctrl_c_says_what_was_saved_and_the_parts_can_be_analysed(tmp_path):
    body = 'people = 3000\ndays = 400\ndesign = "grid"\nreps = 3\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2, 3, 4]\n'
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "sim", "sweep", str(sweep_file(tmp_path, body)), "--out", str(out), "--workers", "1", "--days", "300"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # a test runner may ignore it
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "parts").glob("*.parquet"))) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    err = proc.communicate(timeout=60)[1].decode()
    saved = len(list((out / "parts").glob("*.parquet")))
    # the way to finish it names the horizon it ran with (a sweep resumes only with the same --people and --days)
    assert proc.returncode == 130 and f"{saved} of 12 runs saved" in err, err[-500:]
    assert f"finish it with audsim sweep {tmp_path / 's.toml'} --out {out} --people 3000 --days 300 --resume" in err, err[-500:]
    assert "Traceback" not in err
    res = CliRunner().invoke(main, ["analyze", str(out)])  # what is missing was not run, not failed: resume it
    assert res.exit_code == 0 and "not yet run" in res.output and "--people 3000 --days 300 --resume" in res.output, res.output
    assert "failed" not in res.output and "eta_squared" not in res.output, res.output
    (out / "parts" / "x.parquet").write_bytes(b"not a part")  # a damaged part is a run not made: it ended in a traceback
    again = CliRunner().invoke(main, ["analyze", str(out)])
    assert again.exit_code == 0 and again.output == res.output, again.output
    import shutil

    shutil.rmtree(out / "parts")  # a folder without its parts (copied): a damaged table is named, one line (it ended in
    (out / "runs.parquet").write_text("x")  # an ArrowInvalid traceback); with its parts the table is made again from them
    damaged = CliRunner().invoke(main, ["analyze", str(out)])
    assert damaged.exit_code == 2 and damaged.output.count("\n") == 1 and "runs.parquet: cannot be read" in damaged.output, damaged.output
    (out / "sweep.json").write_text("{ cut off")
    broken = CliRunner().invoke(main, ["analyze", str(out)])
    assert broken.exit_code == 2 and broken.output.count("\n") == 1 and "sweep.json: cannot be read as the sweep.json" in broken.output, broken.output


def test_an_analysis_stopped_part_way_leaves_the_earlier_one_whole(tmp_path, monkeypatch):
    """sensitivity.csv and sensitivity.png are written both or neither: Ctrl-C while the picture is drawn keeps the
    earlier analysis as it was, and leaves nothing half-written beside it."""
    import importlib

    module = importlib.import_module("sim.sweep.analyze")  # the module (sim.sweep.analyze is also its function's name)

    path = sweep_file(tmp_path, TINY + 'design = "grid"\nreps = 2\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2, 3]\n')
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--workers", "1"]).exit_code == 0
    before = {name: (out / name).read_bytes() for name in ("sensitivity.csv", "sensitivity.png")}
    (out / "sensitivity.csv").write_text("an earlier analysis\n")

    def interrupted(table, picture):
        picture.write_bytes(b"half a picture")
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "_plot", interrupted)
    with pytest.raises(KeyboardInterrupt):
        analyze(out)
    assert (out / "sensitivity.csv").read_text() == "an earlier analysis\n" and (out / "sensitivity.png").read_bytes() == before["sensitivity.png"]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []  # no picture or table left aside
    monkeypatch.undo()
    analyze(out)
    assert (out / "sensitivity.csv").read_bytes() == before["sensitivity.csv"]


def test_resume_on_a_folder_without_a_sweep_says_it_starts_afresh(tmp_path):
    path = sweep_file(tmp_path, TINY + 'design = "grid"\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n')
    res = CliRunner().invoke(main, ["sweep", str(path), "--out", str(tmp_path / "new"), "--workers", "1", "--resume"])
    assert res.exit_code == 0 and "holds no sweep to resume; running it from the start" in res.output, res.output


def test_resume_refuses_the_runs_of_another_sweep(tmp_path):
    """Old and new runs never mix: another design, another horizon or an edited scenario is refused, exit 2."""
    body = TINY + 'design = "grid"\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n'
    path = sweep_file(tmp_path, body)
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--workers", "1"]).exit_code == 0
    before = pd.read_parquet(out / "runs.parquet")
    other = sweep_file(tmp_path, body.replace("[1, 2]", "[3, 4, 5]"), "other.toml")
    for args, named in (([str(other)], "levels"), ([str(path), "--days", "20"], "days: 30 there, 20 now")):
        res = CliRunner().invoke(main, ["sweep", *args, "--out", str(out), "--workers", "1", "--resume"])
        assert res.exit_code == 2 and named in res.output and "--overwrite" in res.output, res.output
    pd.testing.assert_frame_equal(pd.read_parquet(out / "runs.parquet"), before)  # nothing added, nothing rewritten
    copy = sweep_file(tmp_path, body, "renamed.toml")  # the same sweep under another name resumes
    assert CliRunner().invoke(main, ["sweep", str(copy), "--out", str(out), "--workers", "1", "--resume"]).exit_code == 0
    elsewhere = tmp_path / "stammtisch-copy.toml"  # another scenario under the same design is refused
    elsewhere.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\n[service]\nproblem_rate = 0.05\n')
    other_base = tmp_path / "x.toml"
    other_base.write_text(f'base = "{elsewhere}"\n' + body)
    res = CliRunner().invoke(main, ["sweep", str(other_base), "--out", str(out), "--workers", "1", "--resume"])
    assert res.exit_code == 2 and "scenario" in res.output, res.output


def test_resume_takes_what_does_not_change_a_run(tmp_path):
    """Outcomes (the analysis only), the scenario file spelt another way and more replications were refused as
    another sweep: a researcher could neither add an outcome nor extend a finished sweep."""
    body = TINY + 'design = "grid"\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n'
    path = sweep_file(tmp_path, body)
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["sweep", str(path), "--out", str(out), "--workers", "1"]).exit_code == 0
    first = pd.read_parquet(out / "runs.parquet")
    relative = tmp_path / "sub" / "s.toml"  # the same base, spelt relative to the file
    relative.parent.mkdir()
    base = os.path.relpath(SCENARIOS / "stammtisch.toml", relative.parent)
    relative.write_text(f'base = "{base}"\noutcomes = ["long_term_trust", "followers_change"]\n' + body.replace("reps = 1", "reps = 3"))
    res = CliRunner().invoke(main, ["sweep", str(relative), "--out", str(out), "--workers", "1", "--resume"])
    assert res.exit_code == 0, res.output
    runs = pd.read_parquet(out / "runs.parquet")
    assert len(runs) == 3 * len(first)  # the earlier runs kept, two more replications a point added
    kept = runs[runs["rep"] == 0].sort_values("run_id").reset_index(drop=True)
    pd.testing.assert_series_equal(kept["long_term_trust"], first.sort_values("run_id").reset_index(drop=True)["long_term_trust"])
    assert set(pd.read_csv(out / "sensitivity.csv")["outcome"]) == {"long_term_trust", "followers_change"}
    res = CliRunner().invoke(main, ["sweep", str(relative), "--reps", "2", "--out", str(out), "--workers", "1", "--resume"])
    assert res.exit_code == 2 and "reps: 3 there, 2 now" in res.output, res.output  # runs already made are not taken back


def test_a_resume_stopped_part_way_leaves_no_analysis_of_fewer_runs(tmp_path):
    """Extending a finished sweep to more replications and stopping it left sweep.json saying 3 replications beside
    runs.parquet and sensitivity.csv of 2: a reader could pair the old analysis with the new design."""
    from sim.sweep import load_sweep
    from sim.sweep import sweep as run_sweep

    body = TINY + 'design = "grid"\nreps = 2\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n'
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path, body)), "--out", str(out), "--workers", "1"]).exit_code == 0
    assert (out / "sensitivity.csv").exists()
    spec, scenarios = load_sweep(sweep_file(tmp_path, body.replace("reps = 2", "reps = 3"), "more.toml"))

    def stop(row):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, scenarios, out, workers=1, resume=True, progress=stop)
    assert json.loads((out / "sweep.json").read_text())["sweep"]["reps"] == 3
    assert not any((out / name).exists() for name in ("runs.parquet", "sensitivity.csv", "sensitivity.png"))
    res = CliRunner().invoke(main, ["analyze", str(out)])  # what is there is analysed as what it is: a sweep not finished
    assert res.exit_code == 0 and "not yet run" in res.output, res.output


def test_the_interval_of_eta_squared_holds_its_estimate():
    """Bootstrapping three replications a point moves eta squared, so the draws' own percentiles could leave out a
    strong effect's estimate (they did on point means); the interval is their spread around the estimate."""
    from sim.sweep.analyze import _eta_interval, _eta_squared, _replication_draws

    levels = np.repeat(np.arange(3), 20)  # three levels, twenty points each
    x = np.repeat(levels, 3)  # each run's level
    for seed in range(20):
        rng = np.random.default_rng(seed)
        reps = [level + rng.normal(0, 0.5, 3) for level in levels]  # a strong effect, three noisy replications a point
        value = float(_eta_squared(x, np.concatenate(reps)[None, :])[0])
        draws = _eta_squared(x, _replication_draws(reps, seed))
        lo, hi = _eta_interval(value, draws)
        assert 0 <= lo <= value <= hi <= 1


def test_eta_squared_is_the_share_of_the_runs_variance():
    """A grid of one parameter gave eta squared 1.0 [1.0, 1.0] for an outcome its levels do not move: on point means
    every point is its own level. Over the runs, levels that do nothing explain about nothing, and a parameter that
    sets the outcome, almost all of it."""
    from sim.sweep.analyze import _eta_interval, _eta_squared, _replication_draws

    rng = np.random.default_rng(3)
    x = np.repeat(np.arange(3), 4)  # three levels (one point each), four replications
    for effect, low, high in ((0.0, 0.0, 0.5), (10.0, 0.95, 1.0)):
        reps = [effect * level + rng.normal(0, 1.0, 4) for level in range(3)]
        value = float(_eta_squared(x, np.concatenate(reps)[None, :])[0])
        lo, hi = _eta_interval(value, _eta_squared(x, _replication_draws(reps, 3)))
        assert low <= value <= high and lo <= value <= hi, (effect, value, lo, hi)
        if effect == 0:
            assert lo < 0.05, (lo, hi)  # no effect is inside the interval


def test_eta_squared_keeps_common_random_numbers_paired_in_its_bootstrap():
    """A parameter that cannot change a run gives the same outcomes at every level (same seeds): eta squared 0, and
    its interval [0, 0.48] when each point's replications were resampled apart. Resampled together, it stays 0."""
    from sim.sweep.analyze import _eta_interval, _eta_squared, _replication_draws

    runs = np.random.default_rng(5).normal(0, 1, 6)
    values = [runs.copy() for _ in range(3)]  # three levels, the same six replications at each
    x = np.repeat(np.arange(3), 6)
    value = float(_eta_squared(x, np.concatenate(values)[None, :])[0])
    paired = _eta_interval(value, _eta_squared(x, _replication_draws(values, 7, paired=True)))
    apart = _eta_interval(value, _eta_squared(x, _replication_draws(values, 7)))
    assert value < 1e-12 and paired[1] < 1e-9 < apart[1], (value, paired, apart)


def test_rounding_is_not_read_as_variance_to_share_out():
    """A resample whose runs differ only by rounding (0.1 + 0.2 against 0.3) has no variance: it gave a parameter that
    changed nothing a share anywhere in [0, 1], and its interval [0, 1]. Now such a draw gives no share and is left out,
    and a level that changed nothing gives exactly 0."""
    from sim.sweep.analyze import _eta_interval, _eta_squared

    x = np.array([0, 0, 1, 1])
    rounding = np.array([[0.1 + 0.2, 0.3, 0.3, 0.1 + 0.2]])
    assert np.isnan(_eta_squared(x, rounding)[0])
    effect = np.array([[1.0, 1.0 + 1e-16, 2.0, 2.0]])  # the other parameter's effect: a share of almost 1
    flat = np.array([[1.0, 2.0, 1.0, 2.0]])  # the levels x change nothing
    shares = _eta_squared(x, np.vstack([rounding, effect, flat]))
    assert np.isnan(shares[0]) and shares[1] > 0.99 and shares[2] == 0.0
    assert _eta_interval(0.0, np.array([np.nan, 0.0, 0.0])) == (0.0, 0.0)
    assert all(np.isnan(_eta_interval(0.0, np.array([np.nan, np.nan]))))


def test_a_horizon_that_leaves_a_change_out_is_said_once_not_once_a_run(tmp_path):
    """Each pool worker printed the warning again for each of its runs, with a source line (40 lines for 20 runs)."""
    base = tmp_path / "crisis.toml"
    base.write_text(f'extends = "{(SCENARIOS / "stammtisch.toml").as_posix()}"\n'
                    '[[timeline]]\nfrom = 180\nto = 200\nservice.problem_rate = 0.05\n')
    path = tmp_path / "s.toml"
    path.write_text(f'base = "{base.as_posix()}"\n' + GRID)
    res = subprocess.run([sys.executable, "-m", "sim", "sweep", str(path), "--workers", "2", "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("lies beyond the 30 days simulated") == 1 and "HorizonWarning" not in res.stderr, res.stderr


def test_a_random_design_that_draws_a_point_twice_counts_it_once(tmp_path):
    """Drawn from levels, a random design repeats points; the copies run the same seeds and gave the same outcome,
    yet counted as independent points in rho and its interval (12 points, 8 distinct). Each combination counts once,
    and the note says how many there were."""
    body = TINY + ('design = "random"\nsamples = 12\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2, 3]\n'
                   '[parameters."content.promo.annoyance"]\nlevels = [0.0, 0.2]\n')
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    distinct = len({tuple(p.values()) for p in spec.points()})
    assert distinct < 12  # the premise: 6 combinations, 12 draws
    sweep(spec, scenarios, tmp_path / "r", workers=1)
    table = analyze(tmp_path / "r", plot=False)
    assert table["note"].str.contains(f"{distinct} distinct of 12 points").all(), table["note"].tolist()


def test_analyze_gives_indices_per_design(tmp_path):
    spec, scenarios = load_sweep(sweep_file(tmp_path, GRID))
    sweep(spec, scenarios, tmp_path / "grid", workers=1)
    table = analyze(tmp_path / "grid")
    assert set(table.columns) >= {"outcome", "parameter", "method", "index", "value", "ci_low", "ci_high"}
    assert set(table["index"]) == {"eta_squared"} and table["value"].between(0, 1).all()
    # the grid is fixed, the noise is in the replications: the interval is theirs, around the estimate
    assert ((table["ci_low"] <= table["value"]) & (table["value"] <= table["ci_high"])).all()
    assert (tmp_path / "grid" / "sensitivity.png").exists()
    body = TINY + 'design = "{d}"\nsamples = 4\nreps = 1\n[parameters."content.promo.annoyance"]\nrange = [0.0, 0.3]\n[parameters."platform.reach_elasticity"]\nrange = [0.0, 3.0]\n'
    for design, indices in (("sobol", {"S1", "ST"}), ("morris", {"mu_star", "sigma"}), ("lhs", {"spearman_rho"})):
        spec, scenarios = load_sweep(sweep_file(tmp_path, body.format(d=design), f"{design}.toml"))
        sweep(spec, scenarios, tmp_path / design, workers=1)
        t = analyze(tmp_path / design)
        assert set(t["index"]) == indices and t["value"].notna().any(), design


def test_a_word_level_and_money_outcomes_in_a_grid(tmp_path):
    """service.staff = "auto" beside fixed desks: recorded as text, analysed as a level; value is an outcome."""
    body = TINY + 'design = "grid"\nreps = 2\noutcomes = ["value", "net_profit"]\n[parameters."service.staff"]\nlevels = ["auto", 0, 3]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    runs = sweep(spec, scenarios, tmp_path / "o", workers=1)
    assert runs["error"].isna().all() and list(runs["param:service.staff"].unique()) == ["auto", "0", "3"]
    hours = runs.groupby("param:service.staff")["staff_hours"].mean()
    assert hours["0"] == 0 < hours["auto"] and hours["3"] > 0  # the levels reached the desk
    table = analyze(tmp_path / "o")
    assert set(table["outcome"]) == {"value", "net_profit"} and table["value"].between(0, 1).all()


def test_robustness_reports_shares_and_a_region(tmp_path):
    body = TINY + 'design = "lhs"\nsamples = 12\nreps = 1\n[parameters."content.promo.valued_by"]\nrange = [0.05, 0.95]\n[parameters."content.promo.annoyance"]\nrange = [0.0, 0.2]\n'
    spec, _ = load_sweep(sweep_file(tmp_path, body))
    a = load_sweep(sweep_file(tmp_path, body))[1]["stammtisch"]
    from .conftest import scenario

    b = scenario("tupperparty", **{"market.people": 600, "simulation.days": 30})
    summary = robustness(spec, a, b, tmp_path / "r", workers=1)
    for key in ("a_wins_trust", "a_wins_unfollows"):
        s = summary[key]
        assert 0 <= s["ci_low"] <= s["share"] <= s["ci_high"] <= 1
        region = summary["flip_region"][key]  # rules where A wins, each with its points (not a printed tree)
        assert region in ("A wins everywhere", "A wins nowhere") or region.startswith(("A wins where ", "no region where A wins")), region
        assert s["beyond_chance"] is None  # one replication: no point's verdict can be tested
    table = pd.read_csv(tmp_path / "r" / "robustness.csv")
    assert len(table) == 12 and {"trust_diff", "unfollow_diff", "content.promo.valued_by"} <= set(table.columns)
    assert (tmp_path / "r" / "robustness.png").exists()


def test_robustness_tests_each_points_verdict_and_gives_a_grid_no_sampling_interval(tmp_path):
    """The share's Clopper-Pearson interval took a design's points as a random sample of the space: a Sobol design
    (each value repeated over many points) gave a narrow interval over dependent points, and a grid, the space
    itself, one it does not have; a win inside the noise counted as a win."""
    from .conftest import scenario

    grid = TINY + 'design = "grid"\nreps = 3\n[parameters."content.promo.annoyance"]\nlevels = [0.0, 0.2]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, grid))
    b = scenario("tupperparty", **{"market.people": 600, "simulation.days": 30})
    summary = robustness(spec, scenarios["stammtisch"], b, tmp_path / "g", workers=1)
    runs = pd.read_parquet(tmp_path / "g" / "runs.parquet")
    table = pd.read_csv(tmp_path / "g" / "robustness.csv", index_col=0)
    for key, outcome, better in (("a_wins_trust", "long_term_trust", 1), ("a_wins_unfollows", "unfollow_rate_per_30d", -1)):
        s = summary[key]
        assert s["ci_low"] is None and s["ci_high"] is None and sum(s["beyond_chance"].values()) == 2
        for point, row in table.iterrows():  # each verdict from the paired t-interval over the three replications
            d = better * (runs.query("point == @point and strategy == 'stammtisch'").sort_values("rep")[outcome].to_numpy()
                          - runs.query("point == @point and strategy == 'tupperparty'").sort_values("rep")[outcome].to_numpy())
            lo, hi = stats.t.interval(0.95, 2, loc=d.mean(), scale=d.std(ddof=1) / np.sqrt(3))
            assert row[f"{key}_beyond_chance"] == ("a" if lo > 0 else "b" if hi < 0 else "neither")
    sobol = TINY + 'design = "sobol"\nsamples = 4\n[parameters."content.promo.annoyance"]\nrange = [0.0, 0.2]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, sobol, "sobol.toml"))
    with pytest.raises(ScenarioError, match="expected a random, lhs or grid design"):
        robustness(spec, scenarios["stammtisch"], b, tmp_path / "s", workers=1)
    assert not (tmp_path / "s").exists()
    drawn = TINY + ('design = "random"\nsamples = 8\nreps = 1\n[parameters."content.promo.annoyance"]\n'
                    'levels = [0.0, 0.2]\n')  # 8 draws of 2 combinations
    spec, scenarios = load_sweep(sweep_file(tmp_path, drawn, "drawn.toml"))
    summary = robustness(spec, scenarios["stammtisch"], b, tmp_path / "d", workers=1)
    assert summary["points"] == 2 and summary["repeated_points"] == 6  # each combination counts once in the share
    ci = stats.binomtest(round(2 * summary["a_wins_trust"]["share"]), 2).proportion_ci(0.95)
    assert summary["a_wins_trust"]["ci_low"] == ci.low and summary["a_wins_trust"]["ci_high"] == ci.high


def test_robustness_against_a_brand_without_a_page_compares_trust_and_says_unfollows_cannot_be(tmp_path):
    """A brand without a page has no unfollow rate: the study crashed after all its runs (KeyError in the paired
    test) and left no results; a NaN difference also counted as a win of B."""
    from .conftest import scenario

    grid = TINY + 'design = "grid"\nreps = 2\n[parameters."content.promo.annoyance"]\nlevels = [0.0, 0.2]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, grid))
    absent = scenario("absent", **{"market.people": 600, "simulation.days": 30})
    summary = robustness(spec, absent, scenarios["stammtisch"], tmp_path / "a", workers=1)
    assert summary["a_wins_trust"]["points"] == 2 and sum(summary["a_wins_trust"]["beyond_chance"].values()) == 2
    unfollows = summary["a_wins_unfollows"]
    assert unfollows["share"] is None and unfollows["points"] == 0 and "absent" in unfollows["not_comparable"]
    assert summary["flip_region"]["a_wins_unfollows"] == "not comparable"
    table = pd.read_csv(tmp_path / "a" / "robustness.csv", index_col=0)
    assert table["a_wins_unfollows"].isna().all() and table["a_wins_trust"].notna().all()
    assert (tmp_path / "a" / "robustness.png").exists() and not list((tmp_path / "a").glob(".*.tmp"))
    result = CliRunner().invoke(main, ["robustness", str(SCENARIOS / "absent.toml"), str(SCENARIOS / "stammtisch.toml"),
                                       "--vary", str(tmp_path / "s.toml"), "--out", str(tmp_path / "cli")])
    assert result.exit_code == 0 and "not comparable on unfollow rate" in result.output, result.output


def fake_sweep(tmp_path, body: str, outcome, ran=None, failed=None, name="f"):
    """A sweep's folder as ``audsim sweep`` leaves it, without simulating: each run's outcomes are
    ``outcome(params, rep)``; ``ran(point, rep)`` says which runs finished, ``failed(point, rep)`` which of them failed."""
    spec, scenarios = load_sweep(sweep_file(tmp_path, body, f"{name}.toml"))
    rows = []
    for t in tasks(spec, scenarios):
        if ran is not None and not ran(t["point"], t["rep"]):
            continue
        row = {**{k: t[k] for k in ("run_id", "strategy", "point", "rep", "seed")}, **{f"param:{k}": v for k, v in t["params"].items()}}
        if failed is not None and failed(t["point"], t["rep"]):
            row["error"] = "ScenarioError: sweep: refused"
        else:
            row.update({o: outcome(t["params"], t["rep"]) for o in spec.outcomes}, error=None)
        rows.append(row)
    out = tmp_path / name
    out.mkdir()
    pd.DataFrame(rows, columns=None if rows else ["run_id"]).to_parquet(out / "runs.parquet")
    (out / "sweep.json").write_text(json.dumps({"sweep": spec.model_dump(mode="json"), "scenarios": {n: {} for n in scenarios}}))
    return out


RANGES = 'design = "{design}"\nsamples = {samples}\nreps = 1\n[parameters."content.promo.annoyance"]\nrange = [0.0, 0.3]\n' \
         '[parameters."platform.reach_elasticity"]\nrange = [0.0, 3.0]\n'


def noisy(params, rep):
    """An outcome mostly of content.promo.annoyance, a little of reach_elasticity and of chance."""
    wobble = np.sin(1e3 * params["platform.reach_elasticity"] + rep)
    return params["content.promo.annoyance"] + 0.01 * params["platform.reach_elasticity"] + 0.01 * wobble


def test_designs_too_small_to_be_read_say_so_and_give_no_interval(tmp_path):
    """Sobol from 4 base samples gave S1 -0.116 [-53.8, 53.6], Morris from 2 trajectories narrow intervals, an lhs of
    5 points rho = -1 with a near-certain interval, all with an empty note."""
    for design, samples, says in (("sobol", 4, "4 base samples: too few for Sobol indices to be read"),
                                  ("morris", 2, "2 trajectories: too few for mu* and sigma to be read"),
                                  ("lhs", 5, "5 points: too few for a rank correlation to be read")):
        table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design=design, samples=samples), noisy, name=design))
        assert table["note"].str.contains(says, regex=False).all() and table["value"].notna().any(), table
        assert table["ci_low"].isna().all() and table["ci_high"].isna().all(), table
    # a perfect rank correlation from more points: the value, and no interval (Fisher's z has none at 1)
    table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design="lhs", samples=12), lambda p, r: p["content.promo.annoyance"],
                               name="lhs12"))
    perfect = table[table["parameter"] == "content.promo.annoyance"]
    assert (perfect["value"] == 1).all() and perfect["ci_low"].isna().all()
    assert perfect["note"].str.contains("exactly -1 or 1").all()


def test_a_rank_correlations_interval_is_bonett_and_wrights():
    """The example of statpsych's ci.spear (Bonett and Wright 2000): 0.870 [0.584, 0.964] from 15 pairs."""
    y = np.array([21, 4, 9, 12, 35, 18, 10, 22, 24, 1, 6, 8, 13, 16, 19], float)
    x = np.array([67, 28, 30, 28, 52, 40, 25, 37, 44, 10, 14, 20, 28, 40, 51], float)
    assert np.allclose(_spearman(x, y), (0.8699639, 0.5840951, 0.9638297), atol=1e-6)


def test_a_sobol_index_outside_0_1_or_wider_than_it_is_marked(tmp_path, monkeypatch):
    from SALib.analyze import sobol

    fixed = {"S1": np.array([-0.30, 0.20]), "S1_conf": np.array([0.10, 0.70]),
             "ST": np.array([1.40, 0.30]), "ST_conf": np.array([0.20, 0.10])}
    monkeypatch.setattr(sobol, "analyze", lambda *a, **k: fixed)
    table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design="sobol", samples=16), noisy)).set_index(["parameter", "index"])
    note = table.loc[table["outcome"] == "long_term_trust", "note"].fillna("")
    assert "below 0 beyond its interval" in note[("content.promo.annoyance", "S1")]
    assert "above 1 beyond its interval" in note[("content.promo.annoyance", "ST")]
    assert "spans more than 0-1" in note[("platform.reach_elasticity", "S1")]
    assert note[("platform.reach_elasticity", "ST")] == ""
    fixed.update(S1=np.array([1.28, 0.20]), S1_conf=np.array([0.32, 0.10]))  # 1.28 [0.96, 1.60]: a share above 1
    table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design="sobol", samples=16), noisy, name="above")).set_index(["parameter", "index"])
    note = table.loc[table["outcome"] == "long_term_trust", "note"].fillna("")
    assert "outside 0-1" in note[("content.promo.annoyance", "S1")] and note[("platform.reach_elasticity", "S1")] == ""


def test_sobol_indices_of_an_outcome_that_never_varies_are_not_given():
    """An outcome the same in every run has no variance to share out: SALib gave 0 [0, 0] for every index (read as
    'certainly no influence') and warned on the terminal."""
    from sim.sweep.analyze import _sobol
    from sim.sweep.spec import SweepSpec

    spec = SweepSpec.model_validate({"name": "s", "base": "-", "design": "sobol", "samples": 16, "reps": 1,
                                     "parameters": {"platform.reach_base": {"range": [0.05, 0.2]}}})
    rows = _sobol(spec, np.full(16 * 3, 0.02), "unfollow_rate_per_30d", "")
    assert all(np.isnan(r["value"]) and "the same in every run" in r["note"] for r in rows) and len(rows) == 2


GRID18 = TINY + ('design = "grid"\nreps = 1\n[parameters."strategy.mix.promo"]\nlevels = [0.0, 0.4, 0.8]\n'
                 '[parameters."strategy.posts_per_day"]\nlevels = [0.5, 1, 2, 3, 4, 5]\n')


def test_an_incomplete_design_is_not_analysed_as_complete(tmp_path):
    """An interrupted grid (5 of 18 points) gave eta squared 0.000 and 1.000 with one promotion level run; a grid
    point failing every run gave 1.0 and 0.25 (a 'share of variance' of 1.25); an interrupted Sobol sweep blamed
    failures. What is missing is counted, not yet run told from failed, and no index of an incomplete grid is given."""
    def outcome(p, r):
        return p["strategy.mix.promo"] + 0.1 * p["strategy.posts_per_day"] + 0.01 * r

    table = analyze(fake_sweep(tmp_path, GRID18, outcome, ran=lambda pt, r: pt < 5, name="stopped"))
    assert (table["index"] == "incomplete").all() and table["value"].isna().all()
    assert table["note"].str.contains("13 of 18 points not yet run").all() and table["note"].str.contains("--resume").all()
    assert not table["note"].str.contains("fail|error column").any()
    table = analyze(fake_sweep(tmp_path, GRID18.replace("reps = 1", "reps = 2"), outcome, failed=lambda pt, r: pt == 17,
                               name="one-point-fails"))
    assert (table["index"] == "incomplete").all()
    assert table["note"].str.contains("1 of 18 points failed in every run").all() and table["note"].str.contains("error column").all()
    assert not table["note"].str.contains("resume").any()
    # a complete grid whose one run is missing: indices over the points' means, and the note says so
    table = analyze(fake_sweep(tmp_path, GRID18.replace("reps = 1", "reps = 2"), outcome, ran=lambda pt, r: (pt, r) != (3, 1),
                               name="one-run-missing"))
    assert (table["index"] == "eta_squared").all() and table["note"].str.contains("1 more run not yet run").all()
    assert (table["points"] == 18).all() and (table["runs"] == 35).all()  # what each index rests on, in columns of its own
    table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design="sobol", samples=16), noisy, ran=lambda pt, r: pt < 40,
                               name="sobol"))
    assert (table["index"] == "incomplete").all() and table["note"].str.contains("24 of 64 points not yet run").all()
    assert table["note"].str.contains("--resume").all() and not table["note"].str.contains("fail").any()
    # random and lhs designs are read from the points that ran, and say so
    table = analyze(fake_sweep(tmp_path, TINY + RANGES.format(design="lhs", samples=16), noisy, ran=lambda pt, r: pt < 14,
                               failed=lambda pt, r: pt == 0, name="lhs"))
    assert (table["index"] == "spearman_rho").all() and table["value"].notna().all()
    assert (table["points"] == 13).all() and (table["runs"] == 13).all()
    for says in ("2 of 16 points not yet run", "1 of 16 points failed in every run", "rho from 13 of the 16 points", "--resume",
                 "error column"):
        assert table["note"].str.contains(says, regex=False).all(), says


def test_a_sweep_none_of_whose_runs_succeeded_says_so_in_one_line(tmp_path):
    """Every combination invalid at run time: analyze crashed with KeyError: "Columns not found: 'long_term_trust', ...";
    now one line naming the first error and where the others are, exit 2, from sweep, analyze and robustness."""
    body = TINY + ('design = "grid"\nreps = 1\n[parameters."platform.reach_min"]\nlevels = [0.1, 0.11]\n'
                   '[parameters."platform.reach_max"]\nlevels = [0.05, 0.06]\n')
    path, out = sweep_file(tmp_path, body), tmp_path / "o"
    for args in (["sweep", str(path), "--out", str(out), "--workers", "1"], ["analyze", str(out)],
                 ["robustness", str(SCENARIOS / "stammtisch.toml"), str(SCENARIOS / "tupperparty.toml"), "--vary", str(path),
                  "--out", str(tmp_path / "r"), "--workers", "1"]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
        assert "none of the 4 runs" in res.output and "succeeded" in res.output and "runs.parquet" in res.output, res.output
        assert "reach_min = 0.1: expected at most reach_max = 0.05" in res.output and "Traceback" not in res.output, res.output
    targets = tmp_path / "targets.toml"  # calibrate's rounds are sweeps too
    targets.write_text(f'base = "{SCENARIOS / "stammtisch.toml"}"\nsamples = 4\nreps = 1\nrounds = 1\npeople = 600\ndays = 20\n'
                       '[ranges]\n"platform.reach_min" = [0.1, 0.11]\n"platform.reach_max" = [0.05, 0.06]\n'
                       '[targets]\norganic_reach = { value = 0.1, scale = 0.01 }\n')
    res = CliRunner().invoke(main, ["calibrate", str(targets), "--workers", "1", "--out", str(tmp_path / "c" / "fit.toml")])
    assert res.exit_code == 2 and "none of the 4 runs" in res.output and "runs.parquet" in res.output, res.output
    empty = fake_sweep(tmp_path, GRID, None, ran=lambda pt, r: False, name="nothing-yet")
    with pytest.raises(NoSuccessfulRun, match="no run has finished yet.*--resume") as refused:
        analyze(empty)
    spec, _ = load_sweep(sweep_file(tmp_path, GRID, "nothing-yet.toml"))
    assert str(refused.value).endswith(resume_command(spec, empty))  # its folder, the sweep's own market and horizon
    assert resume_command(spec, empty).startswith(f"audsim sweep SWEEP.toml --out {empty} ")  # a sweep begun from Python


def test_the_command_that_finishes_a_sweep_names_its_file_folder_market_and_horizon(tmp_path):
    spec, _ = load_sweep(sweep_file(tmp_path, GRID, "grid.toml"))
    spec = spec.model_copy(update={"people": 3000, "days": 60})
    assert resume_command(spec, tmp_path / "out", "audsim sweep sweeps/grid.toml --days 60") == (
        f"audsim sweep sweeps/grid.toml --out {tmp_path / 'out'} --people 3000 --days 60 --resume")
    assert resume_command(spec, "x", "audsim sweep --workers 2 'my sweeps/grid.toml' --out y").startswith(
        "audsim sweep 'my sweeps/grid.toml' --out x ")
    assert resume_command(spec, "x", "python -c 'import sim'").startswith("audsim sweep SWEEP.toml --out x ")
    assert resume_command(spec, "x", "audsim sweep 'my sweep.Toml'").startswith("audsim sweep 'my sweep.Toml' --out x ")
    # replications and samples typed on the command line are part of the sweep: it resumes only with them
    fewer = with_counts(spec, reps=1, samples=None)
    assert fewer.reps == 1 and resume_command(fewer, "x", "audsim sweep g.toml --reps=1").endswith("--days 60 --reps 1 --resume")
    # a robustness study's or a calibration's runs are finished by their own command, not by an `audsim sweep` it refuses
    assert resume_command(spec, "r", "audsim robustness a.toml b.toml --vary v.toml --out r --overwrite") == (
        "audsim robustness a.toml b.toml --vary v.toml --out r --resume")
    assert resume_command(spec, "f.runs", "audsim calibrate t.toml --out f.toml --resume") == "audsim calibrate t.toml --out f.toml --resume"
    assert resume_command(spec, "r", "audsim --max-memory 4GB robustness a.toml b.toml --vary v.toml --out r") == (
        "audsim --max-memory 4GB robustness a.toml b.toml --vary v.toml --out r --resume")


def test_replications_and_samples_set_on_the_command_line(tmp_path):
    """A quick trial of a shipped sweep meant copying and editing its file: --reps and --samples override it, checked as
    the file's values are, and the sweep resumes with them."""
    path = SCENARIOS / "sweeps" / "sobol-behaviour.toml"
    grid_file = SCENARIOS / "sweeps" / "tipping-point.toml"
    for file, option, said in ((path, ["--samples", "6"], "--samples = 6: expected a power of 2"),
                               (path, ["--reps", "2", "--samples", "6"], "--samples = 6: expected a power of 2"),  # not --reps
                               (path, ["--reps", "0"], "--reps = 0: expected"),
                               (grid_file, ["--samples", "4"], "--samples = 4: a grid design has no samples")):
        res = CliRunner().invoke(main, ["sweep", str(file), *option, "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and res.output.startswith(f"audsim: error: {said}"), res.output
        assert not (tmp_path / "o").exists()
    grid = sweep_file(tmp_path, GRID)
    res = CliRunner().invoke(main, ["sweep", str(grid), "--reps", "1", "--workers", "1", "--out", str(tmp_path / "g")])
    points = len(load_sweep(grid)[0].points())
    assert res.exit_code == 0 and len(pd.read_parquet(tmp_path / "g" / "runs.parquet")) == points, res.output  # 1 a point
    again = CliRunner().invoke(main, ["sweep", str(grid), "--reps", "1", "--workers", "1", "--out", str(tmp_path / "g"), "--resume"])
    assert again.exit_code == 0, again.output


def test_max_memory_is_checked_before_a_sweep_starts(tmp_path):
    """As run and compare do: each run failed on its own, one by one, and the analysis then crashed."""
    out = tmp_path / "o"
    try:
        res = CliRunner().invoke(main, ["--max-memory", "100KB", "sweep", str(sweep_file(tmp_path, GRID)), "--out", str(out), "--workers", "1"])
    finally:
        os.environ.pop("AUDSIM_MAX_MEMORY", None)
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
    assert "--max-memory" in res.output and "needs about" in res.output and not out.exists(), res.output


def test_param_columns_have_the_types_readme_gives(tmp_path):
    """int64 for levels written as whole numbers or a setting that is one (a design's draws rounded), float64 else,
    bool for true/false, text where a level is a word; README said "float64 or string"."""
    body = TINY + ('design = "grid"\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n'
                   '[parameters."service.quality"]\nlevels = [0.5, 1.0]\n[parameters."strategy.has_page"]\nlevels = [true]\n'
                   '[parameters."service.staff"]\nlevels = ["auto"]\n')
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    types = sweep(spec, scenarios, tmp_path / "grid", workers=1).filter(like="param:").dtypes
    body = TINY + 'design = "lhs"\nsamples = 2\nreps = 1\n[parameters."service.hours_per_day"]\nrange = [6, 14]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, body, "lhs.toml"))
    hours = sweep(spec, scenarios, tmp_path / "lhs", workers=1)["param:service.hours_per_day"]
    assert [str(t) for t in types] == ["int64", "float64", "bool", str(pd.Series(["a"]).dtype)] and str(hours.dtype) == "int64"
    readme = (ROOT / "README.md").read_text()
    described = readme.split("`param:KEY` (", 1)[1].split("`scenario_hash`", 1)[0]
    assert all(word in described for word in ("int64", "float64", "bool", "string")), described


def test_readme_gives_the_shipped_sweeps_size_and_horizon():
    """README said the shipped Sobol and robustness sweeps ran "5,000 people, one year": they set no days and run the
    scenarios' 1,095."""
    readme = " ".join((ROOT / "README.md").read_text().split())
    measured = readme.split("What carries the results (measured on the shipped sweeps, ", 1)[1][:120]
    for name in ("sobol-behaviour", "robustness"):
        spec, scenarios = load_sweep(SCENARIOS / "sweeps" / f"{name}.toml")
        for sc in scenarios.values():
            assert f"{sc.market.people:,} people" in measured and f"{sc.simulation.days:,} days" in measured, measured


@pytest.mark.parametrize("reps, rough", [(2, True), (5, False)])
def test_eta_squared_from_few_replications_says_its_interval_is_rough(tmp_path, reps, rough):
    """With 2 replications a point the bootstrap of eta squared takes three values, and its '95% interval' was the
    estimate and one replication's value, with nothing said: below 5 the note says the interval is rough."""
    body = TINY + f'design = "grid"\nreps = {reps}\n[parameters."strategy.posts_per_day"]\nlevels = [1, 3]\n'
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    sweep(spec, scenarios, tmp_path / "g", workers=1)
    table = analyze(tmp_path / "g", plot=False)
    assert table["note"].str.contains(f"a rough interval: bootstrapped over {reps} replications").all() == rough, table["note"].tolist()
    assert table["ci_low"].notna().all()


def test_a_folder_of_another_command_is_not_offered_for_resuming(tmp_path):
    """A break-even's folder was called 'an earlier sweep; add --resume', and with --resume 'no sweep to resume;
    running it from the start', then the same error."""
    out = tmp_path / "c"
    ran = CliRunner().invoke(main, ["compare", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--people",
                                    "300", "--days", "5", "--reps", "2", "--workers", "1", "--out", str(out)])
    assert ran.exit_code == 0, ran.output
    for resume in ([], ["--resume"]):
        res = CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path, GRID)), "--workers", "1", "--out", str(out), *resume])
        assert res.exit_code == 2 and res.output.count("\n") == 1, res.output
        assert "holds the output of another audsim command, not a sweep" in res.output and "--resume" not in res.output


def test_the_robustness_plot_counts_a_tie_or_a_difference_within_chance_for_neither_strategy():
    """The plot coloured every point A did not win as "B better": a tie, or a difference the replications cannot
    tell from chance, was drawn as a win of B."""
    from sim.sweep.robustness import _verdicts

    table = pd.DataFrame({"trust_diff": [0.1, 0.0, -0.1], "a_wins_trust_beyond_chance": [np.nan] * 3})
    verdict, judged = _verdicts(table, "a_wins_trust", table["trust_diff"])
    assert not judged and verdict.tolist() == ["a", "neither", "b"]  # one replication: the sign, a tie for neither
    table["a_wins_trust_beyond_chance"] = ["neither", "neither", "b"]  # replications: their paired verdict
    verdict, judged = _verdicts(table, "a_wins_trust", table["trust_diff"])
    assert judged and verdict.tolist() == ["neither", "neither", "b"]


def test_a_sweep_into_another_commands_runs_names_that_command(tmp_path, monkeypatch):
    """A sweep folder given to robustness (or the reverse) said "add --resume", and --resume then said "another
    sweep": the runs can only be resumed by the command that began them, which the message now names."""
    import sys

    tiny = TINY + 'design = "grid"\nreps = 1\n[parameters."content.promo.annoyance"]\nlevels = [0.0, 0.2]\n'
    path, out = sweep_file(tmp_path, tiny), tmp_path / "o"
    began = ["audsim", "sweep", str(path), "--out", str(out), "--workers", "1"]
    monkeypatch.setattr(sys, "argv", began)
    assert CliRunner().invoke(main, began[1:]).exit_code == 0
    study = ["robustness", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--vary", str(path),
             "--out", str(out), "--workers", "1"]
    for resume in ([], ["--resume"]):
        monkeypatch.setattr(sys, "argv", ["audsim", *study, *resume])
        res = CliRunner().invoke(main, study + resume)
        assert res.exit_code == 2 and f"holds the runs of another command ({' '.join(began)}), which alone can --resume" in res.output, res.output
    assert not (out / "robustness.json").exists()


def test_eta_squared_is_not_given_where_it_cannot_say_anything(tmp_path):
    """One run a level made eta squared 1 for every outcome that varied at all, whatever the effect; an outcome the
    same in every run got 0 (0/0): both are left empty, with a note saying why."""
    body = TINY + ('design = "grid"\nreps = 1\noutcomes = ["revenue", "long_term_trust"]\n'
                   '[parameters."economy.price"]\nlevels = [30.0, 40.0, 50.0]\n')  # the price: money only, the same people
    spec, scenarios = load_sweep(sweep_file(tmp_path, body))
    runs = sweep(spec, scenarios, tmp_path / "o", workers=1)
    assert runs["revenue"].nunique() == 3 and runs["long_term_trust"].nunique() == 1
    table = analyze(tmp_path / "o").set_index("outcome")
    assert table["value"].isna().all()
    assert "one run a level" in table.loc["revenue", "note"] and "the same in every run" in table.loc["long_term_trust", "note"]


def test_the_region_where_a_wins_reads_as_rules_with_their_points():
    """The region was a decision tree printed whole, a tied leaf labelled "A loses" and no leaf saying where A wins."""
    from sim.sweep.robustness import _region

    x = np.linspace(0, 1, 40)
    table = pd.DataFrame({"p": x, "q": np.tile([0.0, 1.0], 20), "a_wins": x > 0.6})
    region = _region(table, ["p", "q"], "a_wins", 2)
    assert region.startswith("A wins where p > 0.6") and region.endswith("(16 of 16 points)") and "\n" not in region, region


def test_analysing_a_sweep_none_of_whose_runs_finished_leaves_its_folder_as_it_was(tmp_path):
    """`audsim analyze` said "no run has finished yet" and left an empty runs.parquet behind in the sweep's folder."""
    body = TINY + 'design = "grid"\nreps = 1\n[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n'
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path, body)), "--out", str(out), "--workers", "1"]).exit_code == 0
    for f in [*(out / "parts").glob("*.parquet"), out / "runs.parquet", out / "sensitivity.csv", out / "sensitivity.png"]:
        f.unlink(missing_ok=True)  # as a sweep stopped before its first run finished leaves it
    before = sorted(p.name for p in out.iterdir())
    res = CliRunner().invoke(main, ["analyze", str(out)])
    assert res.exit_code == 2 and "no run has finished yet" in res.output, res.output
    assert sorted(p.name for p in out.iterdir()) == before


def test_a_swept_market_size_that_leaves_spending_as_written_is_said(tmp_path):
    """Sweeping market.people sets the size alone: where the scenario spends money that grows with the market
    (stammtisch's listening), the sweep says it stays as written at every size; a sweep of anything else, or a
    scenario without such spending, says nothing."""
    import warnings

    from sim.scenario import SizeAlone

    sized = sweep_file(tmp_path, TINY + 'design = "grid"\n[parameters."market.people"]\nlevels = [600, 1200]\n')
    with pytest.warns(SizeAlone, match=r"parameters.market.people sets the market's size alone: stammtisch's .*listening_cost_per_day"):
        load_sweep(sized)
    with warnings.catch_warnings():
        warnings.simplefilter("error", SizeAlone)
        load_sweep(sweep_file(tmp_path, GRID, name="other.toml"))
        bare = tmp_path / "bare.toml"
        bare.write_text('name = "bare"\n[strategy]\nposts_per_day = 1\nmix = { info = 1.0 }\n')
        (tmp_path / "plain.toml").write_text(f'base = "{bare}"\n' + TINY + 'design = "grid"\n[parameters."market.people"]\nlevels = [600, 1200]\n')
        load_sweep(tmp_path / "plain.toml")
