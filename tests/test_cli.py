"""The command line, through click's runner: files, exit codes, nothing half-written."""

import errno
import hashlib
import json
import os
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

import sim
from sim.cli import main

from .conftest import SCENARIOS


def test_run_writes_daily_summary_manifest_and_people(tmp_path):
    out = tmp_path / "run"
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--days", "20", "--people", "800",
                                    "--seed", "3", "--out", str(out), "--save-people"])
    assert res.exit_code == 0, res.output
    assert "long-term trust" in res.output
    daily = pd.read_csv(out / "daily.csv")
    assert len(daily) == 20
    summary = json.loads((out / "summary.json").read_text())
    m = summary["manifest"]
    assert m["seed"] == 3 and m["scenario"]["market"]["people"] == 800 and len(m["scenario_hash"]) == 64
    assert {"numpy", "mesa", "python", "audsim", "platform", "machine"} <= set(m["versions"])
    people = pd.read_parquet(out / "people.parquet")
    assert len(people) == 800 and {"trust", "follows", "degree", "interest_info"} <= set(people.columns)
    degrees = pd.read_csv(out / "degrees.csv")
    assert degrees["people"].sum() == 800


def test_summary_counts_the_ignored_and_the_deleted_complaints_apart_as_daily_csv_does(tmp_path):
    """summary.json's complaints are daily.csv's columns summed, the deleted ones not among the ignored (they were:
    a review read 260 ignored where 171 were and 89 deleted); raised = the five outcomes + those open at the end."""
    many = {"service.problem_rate": 0.01, "service.delete_share": 0.5}  # the sales party deletes half of the page's complaints
    sim.run(SCENARIOS / "tupperparty.toml", days=40, people=2000, seed=4, overrides=many).write(tmp_path / "r")
    summary, daily = json.loads((tmp_path / "r" / "summary.json").read_text()), pd.read_csv(tmp_path / "r" / "daily.csv")
    outcomes = ("answered_in_time", "answered_late", "ignored", "deleted", "unheard")
    for kind in ("raised", *outcomes):
        assert summary[f"complaints_{kind}"] == daily[f"complaints_{kind}"].sum(), kind
    assert summary["complaints_deleted"] > 0 and summary["complaints_ignored"] > 0
    assert summary["complaints_raised"] == sum(summary[f"complaints_{k}"] for k in outcomes) + daily["open_complaints"].iloc[-1]


def test_a_runs_manifest_runs_it_again_number_for_number(tmp_path):
    """audsim run MANIFEST.json: the resolved scenario and seed it records, the same daily table; a file that is not a
    run's manifest is one line, exit 2."""
    first, again = tmp_path / "first", tmp_path / "again"
    args = ["run", str(SCENARIOS / "tupperparty.toml"), "--days", "25", "--people", "900", "--seed", "11", "--out", str(first)]
    assert CliRunner().invoke(main, args).exit_code == 0
    res = CliRunner().invoke(main, ["run", str(first / "manifest.json"), "--out", str(again)])
    assert res.exit_code == 0, res.output
    assert (first / "daily.csv").read_bytes() == (again / "daily.csv").read_bytes()
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"scenarios": {"a": {}}}))
    res = CliRunner().invoke(main, ["run", str(other), "--out", str(tmp_path / "no")])
    assert res.exit_code == 2 and "no 'scenario' in it" in res.output and "manifest.json of audsim run" in res.output
    assert not (tmp_path / "no").exists()


def test_an_edited_manifest_says_so_and_a_seed_edited_in_one_place_only_is_refused(tmp_path):
    """Editing a run's manifest ran the edit without a word (its recorded hash no longer matching), and a seed
    edited at the top, where the manifest records it, was silently ignored for the scenario's."""
    first = tmp_path / "first"
    assert CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--days", "3", "--people", "400",
                                     "--seed", "9", "--out", str(first)]).exit_code == 0
    manifest = json.loads((first / "manifest.json").read_text())
    edited = json.loads(json.dumps(manifest))
    edited["scenario"]["platform"]["reach_base"] = 0.2
    (tmp_path / "edited.json").write_text(json.dumps(edited))
    res = CliRunner().invoke(main, ["run", str(tmp_path / "edited.json"), "--out", str(tmp_path / "e")])
    assert res.exit_code == 0 and "the scenario was edited since it ran" in res.output, res.output
    res = CliRunner().invoke(main, ["run", str(first / "manifest.json"), "--out", str(tmp_path / "same")])
    assert res.exit_code == 0 and "was edited" not in res.output
    older = json.loads(json.dumps(manifest))  # written before a setting was added: it loads with the new default, unedited
    del older["scenario"]["word_of_mouth"]["advocate_trust"]
    older["scenario_hash"] = hashlib.sha256(json.dumps(older["scenario"], sort_keys=True).encode()).hexdigest()
    (tmp_path / "older.json").write_text(json.dumps(older))
    res = CliRunner().invoke(main, ["run", str(tmp_path / "older.json"), "--out", str(tmp_path / "older")])
    assert res.exit_code == 0 and "was edited" not in res.output, res.output
    # ... but it says that the setting took today's default, and that a different model code may give other numbers
    assert "settings added since take their defaults (word_of_mouth.advocate_trust)" in res.output, res.output
    assert "the model's code changed" not in res.output and "may give other numbers" in res.output
    older["versions"]["audsim_model_source"] = "0" * 16
    (tmp_path / "older.json").write_text(json.dumps(older))
    res = CliRunner().invoke(main, ["run", str(tmp_path / "older.json"), "--out", str(tmp_path / "older2")])
    assert res.exit_code == 0 and "the model's code changed (audsim_model_source 0000000000000000" in res.output, res.output
    assert "may give other numbers" not in CliRunner().invoke(
        main, ["run", str(first / "manifest.json"), "--out", str(tmp_path / "same2")]).output
    reseeded = dict(manifest, seed=10)
    (tmp_path / "seed.json").write_text(json.dumps(reseeded))
    res = CliRunner().invoke(main, ["run", str(tmp_path / "seed.json"), "--out", str(tmp_path / "s")])
    assert res.exit_code == 2 and "seed = 10 but scenario.simulation.seed = 9" in res.output and not (tmp_path / "s").exists()


def test_bad_scenario_exits_2_with_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[service]\nquality = 2\n")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["run", str(bad), "--out", str(out)])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and "service.quality" in lines[0] and "bad.toml" in lines[0]
    assert "Traceback" not in res.output
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_bad_override_exits_2(tmp_path):
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--people", "-5", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "--people = " in res.output


def test_ctrl_c_ends_every_command_alike_and_a_study_that_keeps_its_runs_says_how_to_go_on(tmp_path, monkeypatch):
    """Ctrl-C exits 130 with one line, as a sweep's does (click would say "Aborted!" and exit 1), and leaves no
    output behind; a calibration, whose runs are kept, says where they are and to resume."""
    from sim.calibration import abc

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sim.runner, "run", interrupt)
    monkeypatch.setattr(abc, "fit", interrupt)
    out = tmp_path / "run"
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--people", "500", "--days", "5", "--out", str(out)])
    assert res.exit_code == 130 and res.output.strip() == "audsim: interrupted; nothing written", res.output
    assert not out.exists()
    fitted = tmp_path / "fit.toml"
    res = CliRunner().invoke(main, ["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--samples", "4",
                                    "--out", str(fitted)])
    assert res.exit_code == 130 and "fit.runs" in res.output and "--resume" in res.output, res.output
    assert not fitted.exists()



def test_a_ctrl_c_while_the_command_line_is_still_being_imported_says_one_line(monkeypatch, capsys):
    """The command imports the model and its libraries for over a second before click runs; a Ctrl-C then printed
    Python's traceback. The entry point answers it as every command does."""
    import sys

    from sim import entry

    class Interrupted:  # the import of sim.cli is where the Ctrl-C lands
        def find_spec(self, name, path=None, target=None):
            if name == "sim.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "sim.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    with pytest.raises(SystemExit) as stop:
        entry.main()
    assert stop.value.code == 130 and capsys.readouterr().err == "audsim: interrupted; nothing written\n"

def test_params_says_where_the_shipped_strategies_differ_from_the_defaults():
    """`audsim params` lists what a file that does not set a key gets; a reader took market.people = 20000 for the
    shipped market. Where the base every shipped strategy extends sets another value, the row says so."""
    base = sim.load(SCENARIOS / "base" / "mid-size-brand.toml")
    res = CliRunner().invoke(main, ["params"])
    assert res.exit_code == 0, res.output
    rows = {line.split()[0]: line for line in res.output.splitlines()[1:]}
    assert rows["market.people"].endswith(f"[shipped: {base.market.people}]") and base.market.people != 20_000
    assert rows["simulation.days"].endswith(f"[shipped: {base.simulation.days}]")
    assert "[shipped:" not in rows["simulation.seed"]  # the same in both


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_disk_that_cannot_take_the_output_is_one_line_naming_the_path(tmp_path, monkeypatch, code):
    """A full or read-only disk was a traceback (OSError from deep in pandas or the JSON writer), exit 1."""
    def full(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_path / ".runs.parquet.tmp"))

    monkeypatch.setattr(sim.runner.Result, "write", full)
    result = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--people", "300", "--days", "2",
                                       "--out", str(tmp_path / "r")])
    assert result.exit_code == 2, result.output
    last = result.output.strip().splitlines()[-1]
    assert last == f"audsim: error: cannot write {tmp_path / '.runs.parquet.tmp'}: {os.strerror(code)}"
    assert "Traceback" not in result.output


def test_an_error_that_is_not_the_disks_is_not_dressed_as_one(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise OSError(errno.EBADF, "Bad file descriptor")

    monkeypatch.setattr(sim.runner.Result, "write", broken)
    result = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--people", "300", "--days", "2",
                                       "--out", str(tmp_path / "r")])
    assert result.exit_code == 1 and isinstance(result.exception, OSError) and "cannot write" not in result.output


def test_a_break_even_of_a_strategy_against_its_own_smaller_run_is_refused(tmp_path):
    """A run's manifest of stammtisch at 2,000 people differs from stammtisch.toml by its size alone: scaled to each
    market of the break-even they are the same scenario, and both were run in full to say "worth the same"."""
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--people", "2000", "--days", "5",
                                    "--out", str(tmp_path / "r")])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(main, ["breakeven", str(SCENARIOS / "stammtisch.toml"), str(tmp_path / "r" / "manifest.json"),
                                    "--people", "1000,3000", "--years", "0.1", "--reps", "2", "--out", str(tmp_path / "b")])
    assert res.exit_code == 2 and "the same strategy at every size" in res.output and not (tmp_path / "b").exists()
    res = CliRunner().invoke(main, ["breakeven", str(SCENARIOS / "tupperparty.toml"), str(tmp_path / "r" / "manifest.json"),
                                    "--people", "300,600", "--years", "0.02", "--reps", "2", "--out", str(tmp_path / "b")])
    assert res.exit_code == 0, res.output


def test_overwrite_replaces_only_an_output_of_the_same_command(tmp_path, monkeypatch):
    """`audsim run --out SWEEP_FOLDER --overwrite` replaced a sweep's runs with one run, saying only "wrote"."""
    def audsim(*args):
        monkeypatch.setattr(sys, "argv", ["audsim", *args])  # the manifest records the command as typed
        return CliRunner().invoke(main, list(args))

    sweep = tmp_path / "s.toml"
    sweep.write_text(f'base = "{SCENARIOS / "stammtisch.toml"}"\ndesign = "grid"\nreps = 1\npeople = 300\ndays = 3\n'
                     '[parameters."strategy.posts_per_day"]\nlevels = [1, 2]\n')
    out, run = tmp_path / "sweep", tmp_path / "run"
    assert audsim("sweep", str(sweep), "--out", str(out), "--workers", "1").exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    res = audsim("run", str(SCENARIOS / "tupperparty.toml"), "--people", "300", "--days", "2", "--out", str(out), "--overwrite")
    assert res.exit_code == 2 and "holds the output of `audsim sweep`" in res.output, res.output
    assert sorted(p.name for p in out.iterdir()) == before
    res = audsim("sweep", str(sweep), "--out", str(out), "--workers", "1", "--overwrite")
    assert res.exit_code == 0, res.output  # the same command replaces it, as before
    for _ in range(2):
        res = audsim("run", str(SCENARIOS / "tupperparty.toml"), "--people", "300", "--days", "2", "--out", str(run), "--overwrite")
        assert res.exit_code == 0, res.output
    # a folder a script wrote (sim.run(...).write()) records the script as its command: which kind of output it is,
    # no audsim command can tell, so none replaces it (a sweep's --overwrite deleted a run's daily.csv)
    scripted = tmp_path / "scripted"
    monkeypatch.setattr(sys, "argv", ["analysis.py"])
    sim.run(SCENARIOS / "stammtisch.toml", people=300, days=2).write(scripted)
    before = sorted(p.name for p in scripted.iterdir())
    res = audsim("sweep", str(sweep), "--out", str(scripted), "--workers", "1", "--overwrite")
    assert res.exit_code == 2 and "holds the output of `analysis.py` (a script" in res.output, res.output
    assert sorted(p.name for p in scripted.iterdir()) == before
