"""No command deletes or overwrites what it did not write (issue #11).

Each test puts a user's file where a command is told to write and checks that
it survives, with a one-line error (exit 2) where the command is refused.
"""

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from sim import outputs
from sim.cli import main

from .conftest import ROOT, SCENARIOS

SMALL = ["--days", "5", "--people", "200"]


def user_folder(path):
    """A folder holding a user's work: a file and a sub-folder with a file."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "budget.xlsx").write_text("keep me")
    (path / "proj").mkdir(exist_ok=True)
    (path / "proj" / "thesis.docx").write_text("and me")
    return path


def intact(path):
    return (path / "budget.xlsx").read_text() == "keep me" and (path / "proj" / "thesis.docx").read_text() == "and me"


def refused(res, *words):
    lines = res.output.strip().splitlines()
    assert res.exit_code == 2, res.output
    assert len(lines) == 1 and "Traceback" not in res.output, res.output
    for w in words:
        assert w in lines[0], (w, lines[0])


def no_leftovers(parent):
    """Neither a lock nor a temporary folder is left beside the output."""
    assert not [p.name for p in parent.iterdir() if p.name.startswith(".")]


def sweep_file(tmp_path, name="tiny"):
    path = tmp_path / f"{name}.toml"
    path.write_text(textwrap.dedent(f"""
        name = "{name}"
        base = "{SCENARIOS / 'stammtisch.toml'}"
        design = "grid"
        reps = 1
        people = 200
        days = 5
        [parameters."strategy.posts_per_day"]
        levels = [1, 2]
    """))
    return path


def commands(tmp_path, out):
    """Every writer, pointed at ``out``."""
    sw = sweep_file(tmp_path)
    st, tu = str(SCENARIOS / "stammtisch.toml"), str(SCENARIOS / "tupperparty.toml")
    return {
        "run": ["run", st, *SMALL, "--out", str(out)],
        "compare": ["compare", tu, st, "--reps", "2", *SMALL, "--workers", "1", "--out", str(out)],
        "demo": ["demo", "--reps", "2", *SMALL, "--workers", "1", "--out", str(out)],
        "sweep": ["sweep", str(sw), "--workers", "1", "--out", str(out)],
        "robustness": ["robustness", tu, st, "--vary", str(sw), "--workers", "1", "--out", str(out)],
    }


@pytest.mark.parametrize("command", ["run", "compare", "demo", "sweep", "robustness"])
def test_a_folder_holding_a_users_files_is_refused_even_with_overwrite(tmp_path, command):
    mine = user_folder(tmp_path / "mine")
    args = commands(tmp_path, mine)[command]
    for extra in ([], ["--overwrite"]):
        res = CliRunner().invoke(main, [*args, *extra])
        refused(res, "--out", "did not write")
        assert intact(mine) and sorted(p.name for p in mine.iterdir()) == ["budget.xlsx", "proj"]
    no_leftovers(tmp_path)


@pytest.mark.parametrize("where", [".", "..", "~"])
def test_the_current_folder_its_parents_and_home_are_never_outputs(tmp_path, monkeypatch, where):
    home = user_folder(tmp_path / "home")
    here = user_folder(home / "work")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(here)
    out = {".": ".", "..": "..", "~": str(home)}[where]
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", out, "--overwrite"])
    refused(res, "--out")
    assert intact(home) and intact(here)


def test_overwrite_replaces_only_audsims_own_output_and_leaves_nothing_aside(tmp_path):
    out = tmp_path / "r"
    args = ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(out)]
    assert CliRunner().invoke(main, [*args, "--seed", "1"]).exit_code == 0
    refused(CliRunner().invoke(main, [*args, "--seed", "2"]), "--overwrite")
    assert json.loads((out / "manifest.json").read_text())["seed"] == 1
    assert CliRunner().invoke(main, [*args, "--seed", "2", "--overwrite"]).exit_code == 0
    assert json.loads((out / "manifest.json").read_text())["seed"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_an_empty_folder_is_written_into(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    out.chmod(0o750)
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(out)])
    assert res.exit_code == 0 and (out / "daily.csv").exists()
    assert out.stat().st_mode & 0o777 == 0o750  # the folder the user made keeps its permissions


def test_an_output_below_a_file_names_the_file_and_what_is_expected(tmp_path):
    (tmp_path / "afile").write_text("mine")
    run = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(tmp_path / "afile" / "sub")])
    assert run.exit_code == 2 and f"{tmp_path / 'afile'} is a file" in run.output and "expected a new or empty folder" in run.output
    fit = CliRunner().invoke(main, ["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"),
                                    "--out", str(tmp_path / "afile" / "fit.toml")])
    assert fit.exit_code == 2 and "expected a file name in a folder that can be written" in fit.output, fit.output
    assert (tmp_path / "afile").read_text() == "mine"


def test_a_name_is_never_a_path(tmp_path, monkeypatch):
    victim = user_folder(tmp_path / "victim")
    monkeypatch.chdir(tmp_path)
    for name in (str(victim), "../../x", "a/b", "..", ".hidden"):
        sc = tmp_path / "evil.toml"
        sc.write_text(f"name = {json.dumps(name)}\n")
        refused(CliRunner().invoke(main, ["run", str(sc), *SMALL]), "evil.toml", "name")
    sw = sweep_file(tmp_path)
    sw.write_text(sw.read_text().replace('name = "tiny"', 'name = "x/../../../y"'))
    refused(CliRunner().invoke(main, ["sweep", str(sw), "--workers", "1"]), "tiny.toml", "name")
    assert intact(victim) and not (tmp_path / "results").exists()
    assert not (tmp_path.parent / "y").exists() and not (tmp_path.parent / "x").exists()


def test_a_file_name_that_is_no_name_gives_a_usable_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sc = tmp_path / "my page..v2.toml"
    sc.write_text("")
    res = CliRunner().invoke(main, ["run", str(sc), *SMALL])
    assert res.exit_code == 0, res.output
    assert [p.name for p in (tmp_path / "results").iterdir()] == ["my-page-v2"]


def test_symlinks_are_resolved_before_anything_is_written(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "to-empty").symlink_to(empty)
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(tmp_path / "to-empty")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "to-empty").is_symlink() and (empty / "daily.csv").exists()
    mine = user_folder(tmp_path / "mine")
    (tmp_path / "to-mine").symlink_to(mine)
    refused(CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(tmp_path / "to-mine"),
                                      "--overwrite"]), "did not write")
    assert intact(mine)


def test_a_second_writer_is_refused_at_once(tmp_path):
    out = tmp_path / "busy"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from sim import outputs
        with outputs.claim({str(out)!r}):
            print("held", flush=True)
            sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(out)])
        refused(res, "being written", f"pid {holder.pid}")
        assert not out.exists()
    finally:
        holder.communicate("", timeout=30)
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(out)])
    assert res.exit_code == 0  # the lock went with its owner
    no_leftovers(tmp_path)


def test_results_finished_when_the_target_became_unusable_are_kept_beside_it(tmp_path):
    out = tmp_path / "r"
    with outputs.claim(out) as c:
        user_folder(out)  # a user fills the folder while the run is going
        with pytest.raises(outputs.OutputError, match="kept in") as e:
            c.write_folder(lambda tmp: (tmp / "daily.csv").write_text("day\n1\n"))
    kept = tmp_path / "r-1"
    assert str(kept) in str(e.value) and (kept / "daily.csv").read_text() == "day\n1\n"
    assert intact(out)


def test_calibrate_never_overwrites_a_file_it_did_not_write(tmp_path):
    targets = str(SCENARIOS / "calibration" / "stammtisch-targets.toml")
    args = ["calibrate", targets, "--params", "platform.reach_base", "--samples", "4", "--reps", "1", "--workers", "1"]
    mine = tmp_path / "notes.toml"
    mine.write_text("my notes\n")
    for extra in ([], ["--overwrite"]):
        refused(CliRunner().invoke(main, [*args, "--out", str(mine), *extra]), "did not write")
    assert mine.read_text() == "my notes\n" and not (tmp_path / "notes.runs").exists()
    fitted = tmp_path / "fit.toml"
    res = CliRunner().invoke(main, [*args, "--out", str(fitted)])
    assert res.exit_code == 0, res.output
    refused(CliRunner().invoke(main, [*args, "--out", str(fitted)]), "--overwrite")
    assert CliRunner().invoke(main, [*args, "--out", str(fitted), "--overwrite"]).exit_code == 0
    assert outputs.is_audsim_file(fitted)


def test_calibrate_refuses_a_name_that_is_no_scenario_file_before_fitting(tmp_path):
    sweep = tmp_path / "sweep"
    assert CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path)), "--out", str(sweep), "--workers", "1"]).exit_code == 0
    manifest = (sweep / "sweep.json").read_text()
    targets = str(SCENARIOS / "calibration" / "stammtisch-targets.toml")
    args = ["calibrate", targets, "--params", "platform.reach_base", "--samples", "4", "--reps", "1", "--workers", "1"]
    for out in (sweep / "sweep.json", tmp_path / "fit.runs"):
        refused(CliRunner().invoke(main, [*args, "--out", str(out), "--overwrite"]), ".toml")
    assert (sweep / "sweep.json").read_text() == manifest and not (tmp_path / "fit.runs").exists()


def test_validate_replaces_only_its_own_report(tmp_path):
    folder = tmp_path / "targets"
    folder.mkdir()
    (folder / "report.md").write_text("my own report\n")
    refused(CliRunner().invoke(main, ["validate", "--quick", "--folder", str(folder)]), "--out =", "did not write")
    assert (folder / "report.md").read_text() == "my own report\n"
    (folder / "report.md").unlink()
    refused(CliRunner().invoke(main, ["validate", "--quick", "--folder", str(folder)]), "--folder", "no target files")


def test_analyze_writes_only_into_audsims_own_sweep_folder(tmp_path):
    mine = user_folder(tmp_path / "mine")
    (mine / "runs.parquet").write_text("not a sweep of audsim's")
    (mine / "sensitivity.csv").write_text("my numbers\n")
    refused(CliRunner().invoke(main, ["analyze", str(mine)]), "sweep.json")
    assert intact(mine) and (mine / "sensitivity.csv").read_text() == "my numbers\n"
    sweep = tmp_path / "sweep"
    assert CliRunner().invoke(main, ["sweep", str(sweep_file(tmp_path)), "--out", str(sweep), "--workers", "1"]).exit_code == 0
    with outputs.claim(sweep, kind="sweep"):  # a sweep still writing there
        code = "import sys; from sim.cli import main; sys.argv = ['audsim', 'analyze', sys.argv[1]]; main()"
        res = subprocess.run([sys.executable, "-c", code, str(sweep)], capture_output=True, text=True)
    assert res.returncode == 2 and "being written" in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr


def test_overwrite_never_takes_a_users_file_added_to_an_output_nor_a_lock_that_is_not_audsims(tmp_path):
    out = tmp_path / "r"
    args = ["run", str(SCENARIOS / "stammtisch.toml"), *SMALL, "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    (out / "notes.md").write_text("mine")
    refused(CliRunner().invoke(main, [*args, "--overwrite"]), "notes.md")
    assert (out / "notes.md").read_text() == "mine"
    thesis = tmp_path / "thesis.txt"
    thesis.write_text("mine")
    (tmp_path / ".other.lock").symlink_to(thesis)
    refused(CliRunner().invoke(main, [*args[:-1], str(tmp_path / "other")]), "lock")
    assert thesis.read_text() == "mine" and (tmp_path / ".other.lock").is_symlink()


def test_compiled_kernels_of_versions_unused_for_a_month_are_removed(tmp_path):
    """Each model version compiles into its own folder; the current one is marked used, old unused ones go."""
    import os
    import time

    from sim.model import kernel_cache

    old, recent, current = tmp_path / "old", tmp_path / "recent", tmp_path / "current"
    for folder in (old, recent):
        folder.mkdir()
        (folder / "used").touch()
    month_ago = time.time() - 31 * 86400
    os.utime(old / "used", (month_ago, month_ago))
    kernel_cache.tidy(tmp_path, current)
    assert not old.exists() and recent.exists() and (current / "used").exists()


def test_a_writer_killed_while_moving_its_files_in_leaves_a_folder_it_can_still_replace(tmp_path):
    """robustness and analyze write their files aside as .NAME.tmp and move them in; after a kill -9 in between, the
    folder 'held files audsim did not write' and neither --resume nor --overwrite would take it again."""
    from sim import outputs

    out = tmp_path / "o"
    out.mkdir()
    (out / "sweep.json").write_text(json.dumps({"versions": {"audsim": "1"}}))
    for name in (".robustness.png.tmp", ".sensitivity.csv.tmp", ".runs.parquet.tmp"):
        (out / name).write_text("")
    assert outputs.check(out, overwrite=True, kind="sweep") == out.resolve()
    (out / ".notes.tmp").write_text("")  # a hidden file of the user's is still not audsim's
    with pytest.raises(outputs.OutputError, match="did not write"):
        outputs.check(out, overwrite=True, kind="sweep")


def test_an_audsim_command_is_known_by_its_program_wherever_it_was_installed():
    """Manifests before 2026-12-02 recorded the program's whole path: they are audsim's own outputs, which --overwrite
    of the same command replaces (read as a script's, they were refused)."""
    from sim.outputs import subcommand

    assert subcommand("/home/u/.venv/bin/audsim run x.toml --out r") == "run"
    assert subcommand("/work/sim/__main__.py --max-memory 4GB compare a.toml b.toml") == "compare"
    assert subcommand("audsim.exe sweep s.toml") == "sweep"
    assert subcommand("analysis.py --out r") is None and subcommand(None) is None
