"""Input that never crashes (issue #16, item 5): every hostile file gets one line naming the file the user gave,
with the chain to the file at fault, values cut to a readable length, and nothing written."""

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sim
from sim import runner
from sim.calibration import read_insights
from sim.cli import main
from sim.scenario import MAX_DEPTH, MAX_EXTENDS, SHOWN, ScenarioError

from .conftest import SCENARIOS

EXPORT = SCENARIOS / "examples" / "page-insights-example.csv"


def one_line(path, call):
    with pytest.raises(ScenarioError) as e:
        call(path)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(str(path)) and len(msg) < 400, msg
    return msg


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "s.toml"
    os.mkfifo(fifo)
    res = subprocess.run([sys.executable, "-m", "sim", "run", str(fifo)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "not a regular file" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_deep_nesting_and_long_chains_have_limits(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "{a = " * 500 + "1" + "}" * 500 + "\n")
    assert "nested" in one_line(deep, sim.load)
    shallow = tmp_path / "shallow.toml"
    shallow.write_text("x = " + "{a = " * (MAX_DEPTH + 2) + "1" + "}" * (MAX_DEPTH + 2) + "\n")
    assert f"at most {MAX_DEPTH}" in one_line(shallow, sim.load)
    for i in range(MAX_EXTENDS + 5):
        (tmp_path / f"c{i}.toml").write_text(f'extends = "c{i + 1}.toml"\n')
    msg = one_line(tmp_path / "c0.toml", sim.load)
    assert f"more than {MAX_EXTENDS} files" in msg and "more)" in msg


def test_an_error_in_an_extended_file_names_the_chain_from_the_users_file(tmp_path):
    (tmp_path / "b.toml").write_text("[market\n")
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n')
    msg = one_line(tmp_path / "a.toml", sim.load)
    assert f"{tmp_path / 'a.toml'} -> {tmp_path / 'b.toml'}: malformed TOML" in msg
    sweep = tmp_path / "sweep.toml"
    sweep.write_text('base = "a.toml"\n[parameters."platform.reach_base"]\nlevels = [0.1]\n')
    from sim.sweep.spec import load_sweep

    assert f"{sweep} -> {tmp_path / 'a.toml'} -> " in one_line(sweep, load_sweep)


def test_a_bad_value_is_named_in_the_file_that_sets_it(tmp_path):
    """A consultant's file extends a base that holds a bad value: the error leads to the base, not to their file."""
    (tmp_path / "base.toml").write_text("[market]\ncontest_share = 1.5\n")
    (tmp_path / "mine.toml").write_text('extends = "base.toml"\n[strategy]\nposts_per_day = 2\n')
    msg = one_line(tmp_path / "mine.toml", sim.load)
    assert msg.startswith(f"{tmp_path / 'mine.toml'} -> base.toml: market.contest_share = 1.5: expected a number in [0, 1]"), msg
    (tmp_path / "mine.toml").write_text('extends = "base.toml"\n[market]\ncontest_share = 2.0\n')  # set in both: the user's own
    assert one_line(tmp_path / "mine.toml", sim.load).startswith(f"{tmp_path / 'mine.toml'}: market.contest_share = 2.0"), msg


def test_values_in_errors_are_cut(tmp_path):
    long = tmp_path / "long.toml"
    long.write_text('description = "' + "x" * 100_000 + '"\n')
    msg = one_line(long, sim.load)
    assert "100,002 characters" in msg and len(msg) < 300 and SHOWN < 300


def test_a_run_that_cannot_fit_in_memory_is_refused_before_it_starts(tmp_path):
    sc = sim.load(SCENARIOS / "stammtisch.toml").with_overrides({"market.people": 5_000_000, "market.mean_degree": 500})
    assert runner.memory_needed(sc) > 30e9  # 5M people with 500 ties each: tens of GB of ties
    out = tmp_path / "r"
    res = CliRunner().invoke(main, ["--max-memory", "50MB", "run", str(SCENARIOS / "stammtisch.toml"), "--people", "200000",
                                    "--out", str(out)])
    assert res.exit_code == 2 and "--max-memory" in res.output and "needs about" in res.output and not out.exists()
    os.environ.pop("AUDSIM_MAX_MEMORY", None)


def test_the_estimate_grows_with_people_and_ties():
    sc = sim.load(SCENARIOS / "stammtisch.toml")
    small, big = (runner.memory_needed(sc.with_overrides({"market.people": n})) for n in (10_000, 1_000_000))
    assert big == pytest.approx(100 * small)
    assert runner.memory_needed(sc.with_overrides({"market.mean_degree": 100})) > runner.memory_needed(sc)


def _export(tmp_path, change):
    df = pd.read_csv(EXPORT)
    change(df)
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("case, change, expected", [
    ("negative", lambda d: d.__setitem__("Daily Unlikes", -d["Daily Unlikes"]), "negative count"),
    ("infinite", lambda d: d.__setitem__("Daily Total Impressions", np.inf), "not finite"),
    ("no posts", lambda d: d.__setitem__("Daily Posts", 0), "0 on every day"),
    ("no followers", lambda d: d.__setitem__("Lifetime Total Likes", 0), "0 on every day"),
    ("engaged above seen", lambda d: d.__setitem__("Daily Page Post Engagements", d["Daily Total Impressions"] + 1),
     "(Daily Page Post Engagements) above"),
    ("organic above all", lambda d: d.__setitem__("Daily Organic Impressions", d["Daily Total Impressions"] + 1),
     "(Daily Organic Impressions) above"),
    ("more unfollows than followers", lambda d: d.__setitem__("Daily Unlikes", d["Lifetime Total Likes"] * 2),
     "row 3: "),
    ("a follower count off by a factor", lambda d: d.__setitem__("Lifetime Total Likes", [*d["Lifetime Total Likes"][:9], 10**9, *d["Lifetime Total Likes"][10:]]),
     "row 11: 1,000,000,000 followers (Lifetime Total Likes), ten times more or less"),
    ("a count beyond any page", lambda d: d.__setitem__("Daily Total Impressions", 10**13), "more than 10^12"),
    ("more posts than modelled", lambda d: d.__setitem__("Daily Posts", 72), "Daily Posts: 72.0 posts a day on average; expected at most 50"),
])
def test_exports_that_cannot_be_right_are_refused(tmp_path, case, change, expected):
    assert expected in one_line(_export(tmp_path, change), read_insights)


GERMAN = {"Date": "Datum", "Lifetime Total Likes": "Gefällt mir-Angaben insgesamt", "Daily New Likes": "Neue Gefällt mir-Angaben",
          "Daily Unlikes": "Entfernte Gefällt mir-Angaben", "Daily Posts": "Beiträge",
          "Daily Organic Impressions": "Organische Impressionen", "Daily Total Impressions": "Impressionen insgesamt",
          "Daily Page Post Engagements": "Interaktionen mit Beiträgen"}


def test_exports_as_spreadsheets_write_them_read_the_same():
    """A German analyst's export (semicolons, thousands grouped with dots, dd.mm.yyyy, German names, a BOM, Windows'
    code page), one listed newest first, one with the legacy export's row of descriptions: each the same page."""
    import tempfile
    from pathlib import Path

    df = pd.read_csv(EXPORT)
    want = read_insights(EXPORT)
    with tempfile.TemporaryDirectory() as folder:
        german = df.rename(columns=GERMAN)
        german["Datum"] = pd.to_datetime(df["Date"]).dt.strftime("%d.%m.%Y")
        german = german.map(lambda v: f"{v:,}".replace(",", ".") if isinstance(v, (int, np.integer)) else v)
        text = german.to_csv(sep=";", index=False)
        versions = {"utf-8-sig": text.encode("utf-8-sig"), "cp1252": text.encode("cp1252"),
                    "newest first": df.iloc[::-1].to_csv(index=False).encode(),
                    "with a time": df.assign(Date=df["Date"] + "T08:00:00+0000").to_csv(index=False).encode(),
                    "a local time": df.assign(Date=df["Date"] + "T00:00:00+01:00").to_csv(index=False).encode(),
                    "German with a time, cents": (german.assign(Datum=german["Datum"] + " 00:00")
                                                  .map(lambda v: v + ",00" if isinstance(v, str) and v[:1].isdigit() and ":" not in v else v)
                                                  .to_csv(sep=";", index=False).encode()),
                    "Excel's sep= line, blank rows": b"sep=;\n" + text.replace("\n", "\n;;;;;;;\n", 3).encode(),
                    "Unicode text": df.to_csv(sep="\t", index=False).encode("utf-16"),
                    "descriptions": df.iloc[:0].to_csv(index=False).encode() + b",Lifetime: all likes,Daily: new,Daily: gone,"
                                    b"Daily: posts,Daily: organic,Daily: all,Daily: engagements\n" + df.to_csv(index=False, header=False).encode()}
        for name, data in versions.items():
            path = Path(folder) / "export.csv"
            path.write_bytes(data)
            got = read_insights(path)
            pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=name)


def test_an_export_naming_a_figure_twice_says_which_column_it_read(tmp_path):
    """A page's likes and its followers are two columns of some exports: the followers are read, and the note says
    which column was read and which was not (it had silently taken one)."""
    df = pd.read_csv(EXPORT)
    path = tmp_path / "export.csv"
    df.assign(Followers=df["Lifetime Total Likes"] + 1000).to_csv(path, index=False)
    got = read_insights(path)
    assert (got["followers"] == df["Lifetime Total Likes"] + 1000).all()
    assert got.attrs["columns"]["followers"] == "Followers"
    assert got.attrs["notes"] == ["followers read from column 'Followers', not from 'Lifetime Total Likes'"]
    assert read_insights(EXPORT).attrs["notes"] == []
    df.assign(followers=df["Lifetime Total Likes"] + 2000).to_csv(path, index=False)  # two spellings of one name
    both = read_insights(path).attrs["notes"]
    assert both == ["followers read from column 'followers', not from 'Lifetime Total Likes'"], both


def test_an_unquoted_thousands_comma_is_refused_not_shifted(tmp_path):
    """2,005 unquoted in a file separated by commas is two cells: every column after it moved one to the right."""
    lines = EXPORT.read_text().splitlines()
    head, rows = lines[0], [r.replace(",2", ",2,", 1) if i % 2 else r for i, r in enumerate(lines[1:])]
    path = tmp_path / "export.csv"
    path.write_text("\n".join([head, *rows]) + "\n")
    said = one_line(path, read_insights)
    assert "more cells than the header" in said or "cells where the header has" in said, said


@pytest.mark.parametrize("case, change, expected", [
    ("a total row", lambda d: pd.concat([d, pd.DataFrame([{**d.sum(numeric_only=True), "Date": "Total"}])]),
     "row 182: Date = 'Total': not a date"),
    ("a day twice", lambda d: pd.concat([d.iloc[:50], d.iloc[49:]]), "rows 51 and 52: Date = 2026-02-23 twice"),
    ("missing days", lambda d: d.drop(index=range(50, 80)), "no rows from 2026-02-24 to 2026-03-25 (30 days)"),
    ("a decimal count", lambda d: d.astype({"Daily Unlikes": float}).assign(**{"Daily Unlikes": 2.5}),
     "row 2: Daily Unlikes = '2.5': not a whole number"),
    ("a word", lambda d: d.astype({"Daily Posts": object}).assign(**{"Daily Posts": "n/a"}), "Daily Posts = 'n/a': not a number"),
    # without its days an export's order, a total row or a day twice cannot be told: it was read silently
    ("no day", lambda d: d.drop(columns="Date"), "no column for day; expected one of: day, date"),
    # a column renamed by hand: the one it most likely is, named (the list of accepted names alone left the user to guess)
    ("a renamed column", lambda d: d.rename(columns={"Daily Organic Impressions": "Organic Impressions (daily)"}),
     "no column for organic_impressions; expected one of: organic_impressions, daily organic impressions"),
    ("a renamed column, named", lambda d: d.rename(columns={"Daily Organic Impressions": "Organic Impressions (daily)"}),
     "; if it is 'Organic Impressions (daily)', rename that column 'organic_impressions'"),
    ("a first day without counts", lambda d: d.astype(object).assign(**{"Lifetime Total Likes": [""] + list(d["Lifetime Total Likes"][1:])}),
     "row 2: Lifetime Total Likes = '': missing"),  # not taken for the legacy row of descriptions
])
def test_exports_read_wrong_are_refused_by_row(tmp_path, case, change, expected):
    """A total row, a day twice or missing, a count that is not one: refused naming the row, the file's own column and
    the value (a total row had made a page of 4.6 million followers; days out of order swapped start and end)."""
    df = change(pd.read_csv(EXPORT))
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False)
    assert expected in one_line(path, read_insights), case


def test_an_export_in_another_format_is_named(tmp_path):
    """A workbook renamed .csv, an old .xls or a JSON file: said what it is, not shown as a list of garbled columns."""
    for name, data, said in (("book.csv", b"PK\x03\x04" + b"\x00" * 200, "a spreadsheet workbook"),
                             ("old.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "a binary file"),
                             ("page.json", b'[{"date": "2026-01-05", "followers": 4900}]', "JSON, not CSV")):
        path = tmp_path / name
        path.write_bytes(data)
        assert said in one_line(path, read_insights), name


def test_two_date_formats_in_one_export_are_named_as_such(tmp_path):
    df = pd.read_csv(EXPORT).astype({"Date": object})
    df.loc[40:, "Date"] = pd.to_datetime(df.loc[40:, "Date"]).dt.strftime("%d.%m.%Y")
    path = tmp_path / "export.csv"
    df.to_csv(path, index=False)
    assert "two date formats in one column" in one_line(path, read_insights)


def test_an_export_of_carriage_returns_is_refused(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_text("\r" * 500)
    one_line(path, read_insights)


HOSTILE = st.sampled_from(["nested", "chain", "long value", "binary", "folder", "cycle", "huge number", "nan"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=HOSTILE, n=st.integers(1, 400))
def test_hostile_scenario_files_give_one_line(tmp_path, kind, n):
    path = tmp_path / f"{kind.replace(' ', '-')}-{n}.toml"
    if path.exists():
        return
    if kind == "nested":
        path.write_text("x = " + "[" * n + "1" + "]" * n + "\n")
    elif kind == "chain":
        for i in range(n):
            (tmp_path / f"l{n}-{i}.toml").write_text(f'extends = "l{n}-{i + 1}.toml"\n')
        (tmp_path / f"l{n}-{n}.toml").write_text("[market]\npeople = -1\n")
        path.write_text(f'extends = "l{n}-0.toml"\n')
    elif kind == "long value":
        path.write_text(f'[strategy]\nposts_per_day = "{"9" * (n * 100)}"\n')
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * n)
    elif kind == "folder":
        path.mkdir()
    elif kind == "cycle":
        path.write_text(f'extends = "{path.name}"\n')
    elif kind == "huge number":
        path.write_text(f"[market]\npeople = {10 ** min(n, 18)}\n")
    else:
        path.write_text("[platform]\nreach_base = nan\n")
    try:
        sim.load(path)
    except ScenarioError as e:
        msg = str(e)
        assert "\n" not in msg and msg.startswith(str(path)) and len(msg) < 600, msg


def test_what_the_horizon_never_reaches_is_refused_or_warned(tmp_path):
    """A crisis or a one-off post planned beyond the file's own horizon would silently not happen: refused. A
    shorter --days than the file's is the user's choice: the run goes on, with a one-line warning naming what is cut."""
    for key, body in (("timeline.0.from = 400", "[[timeline]]\nfrom = 400\nservice.problem_rate = 0.01\n"),
                      ("strategy.events.0.day = 365", '[[strategy.events]]\nday = 365\ntype = "giveaway"\n')):
        path = tmp_path / "late.toml"
        path.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\n[simulation]\ndays = 365\n{body}')
        assert key in one_line(path, sim.load)
        res = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and "simulation.days = 365" in res.output and not (tmp_path / "o").exists()
    path = tmp_path / "cut.toml"
    path.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\n[simulation]\ndays = 365\n'
                    '[[timeline]]\nfrom = 200\nservice.problem_rate = 0.01\n')
    sim.load(path)  # within its own horizon
    with pytest.warns(runner.HorizonWarning, match="timeline.0.from = 200 lies beyond the 100 days"):
        runner.resolve(path, days=100)
    res = CliRunner().invoke(main, ["run", str(path), "--days", "100", "--people", "600", "--out", str(tmp_path / "c")])
    assert res.exit_code == 0 and "audsim: warning: cut: timeline.0.from = 200 lies beyond" in res.output
    assert (tmp_path / "c" / "daily.csv").exists()
    # the run's manifest records what ran, and runs again, warned again (it was refused: the file's rule)
    res = CliRunner().invoke(main, ["run", str(tmp_path / "c" / "manifest.json"), "--out", str(tmp_path / "again")])
    assert res.exit_code == 0 and "timeline.0.from = 200 lies beyond" in res.output, res.output
    assert (tmp_path / "again" / "daily.csv").read_bytes() == (tmp_path / "c" / "daily.csv").read_bytes()
    # a --days longer than the file's is the horizon: a post on day 365 of a 365-day file happens within 400 days
    late = tmp_path / "late.toml"
    res = CliRunner().invoke(main, ["run", str(late), "--days", "400", "--people", "600", "--out", str(tmp_path / "l")])
    assert res.exit_code == 0 and "warning" not in res.output, res.output


def test_a_required_key_left_out_is_named_as_missing(tmp_path):
    path = tmp_path / "event.toml"
    path.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\n[[strategy.events]]\nday = 30\n')
    assert one_line(path, sim.load).endswith("strategy.events.0.type: missing; expected content type of the post")


def test_a_swept_horizon_that_cuts_planned_changes_is_warned(tmp_path):
    from sim.sweep import load_sweep

    scenario = tmp_path / "crisis.toml"
    scenario.write_text(f'extends = "{SCENARIOS / "stammtisch.toml"}"\n[simulation]\ndays = 365\n'
                        '[[timeline]]\nfrom = 200\nservice.problem_rate = 0.01\n')
    sweep = tmp_path / "s.toml"
    sweep.write_text(f'base = "{scenario}"\ndesign = "grid"\n[parameters."simulation.days"]\nlevels = [100, 365]\n')
    with pytest.warns(runner.HorizonWarning, match="timeline.0.from = 200 lies beyond the 100 days"):
        load_sweep(sweep)


def test_a_horizon_cut_by_an_override_in_the_api_is_warned():
    sc = sim.load(SCENARIOS / "stammtisch.toml").with_overrides(
        **{"simulation.days": 365, "timeline": [{"from": 200, "service": {"problem_rate": 0.01}}]}).with_overrides(
        **{"simulation.days": 20, "market.people": 300})
    with pytest.warns(runner.HorizonWarning, match="timeline.0.from = 200 lies beyond the 20 days"):
        sim.run(sc)


@pytest.mark.parametrize("args, says", [
    (["demo", "--reps", "1"], "--reps"),
    (["compare", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--seed", "-4"], "--seed"),
    (["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--seed", "-1"], "--seed"),
    # a break-even lies between two sizes; a horizon of "nan" passed click's range check (no comparison with NaN fails)
    (["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--people", "5000,5000"], "5000 twice; expected each market size once"),
    (["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--years", "nan"], "0.01<=x<=50"),
    (["demo", "--posts-per-day", "nan"], "--posts-per-day"),
    (["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "tupperparty.toml")], "the same strategy"),
    (["demo", "--lang", "fr"], "--lang"),
    (["run"], "SCENARIO"),
    # the program's own option was click's four lines; replications past any use filled the memory with their seeds
    (["--max-memory", "lots", "run", str(SCENARIOS / "stammtisch.toml")], "--max-memory"),
    (["compare", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--reps", "100000000"], "2<=x<=10000"),
    (["demo", "--reps", "100000000"], "2<=x<=10000"),
    (["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--reps", "10001"], "2<=x<=10000"),
    # a calibration's options were set unchecked, and failed in the sweep with a traceback
    (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--samples", "1000001"],
     "--samples = 1000001: expected a whole number in [4, 100000]"),
    (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--reps", "20000"], "--reps = 20000"),
    (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--base", str(SCENARIOS / "tupperparty.toml")],
     "--base goes with --from-insights"),  # dropped without a word
    # a key named twice was fitted twice (two rows in estimates.csv); an unknown one was told to get a range
    (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--params", "platform.reach_base, platform.reach_base"],
     "platform.reach_base named twice"),
    (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--params", "nope.key"],
     "--params nope.key: not a setting of the scenario"),
    # the market a page's size implies was refused as "scaled x2e-05: market.people = 5.0"
    (["demo", "--followers", "1"], "--followers = 1: at the shipped 20% of the market following, a market of 5 people"),
    # the server ended with its own error, naming neither option
    (["dashboard", "--host", "999.1.1.1"], "--host = '999.1.1.1'"),
])
def test_a_bad_option_is_one_line_with_exit_2(tmp_path, args, says):
    """click's own usage errors (four lines: usage, hint, blank, error) read as audsim's other errors; a negative seed
    is refused before numpy's SeedSequence would raise a traceback."""
    res = CliRunner().invoke(main, args + (["--out", str(tmp_path / "o")] if "run" not in args and "dashboard" not in args else []))
    os.environ.pop("AUDSIM_MAX_MEMORY", None)
    lines = res.output.strip().splitlines()
    assert res.exit_code == 2 and len(lines) == 1 and lines[0].startswith("audsim: error:") and says in lines[0], res.output
    assert not (tmp_path / "o").exists()


def test_a_market_too_large_for_the_memory_is_refused_before_a_break_even_or_a_calibration_writes(tmp_path, monkeypatch):
    """The break-even checked the memory only inside its workers (a traceback); a calibration wrote its manifest first,
    and the next run was refused as "an earlier calibration"."""
    monkeypatch.setenv("AUDSIM_MAX_MEMORY", "1MB")
    for args, out in ((["breakeven", str(SCENARIOS / "tupperparty.toml"), str(SCENARIOS / "stammtisch.toml"), "--people", "300,200000",
                       "--reps", "2"],
                       tmp_path / "b"),
                      (["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--samples", "4"], tmp_path / "c" / "fit.toml")):
        res = CliRunner().invoke(main, [*args, "--out", str(out)])
        assert res.exit_code == 2 and "needs about" in res.output and "Traceback" not in res.output, res.output
        assert res.output.strip().splitlines()[-1].startswith("audsim: error:"), res.output
        if args[0] == "breakeven":  # refused before the warning on its two replications: one line
            assert len(res.output.strip().splitlines()) == 1, res.output
        assert not out.exists() and not out.with_name("fit.runs").exists()


def test_the_dashboard_refuses_a_port_in_use_before_it_starts():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        res = CliRunner().invoke(main, ["dashboard", "--port", str(port)])
    assert res.exit_code == 2 and res.output.strip() == f"audsim: error: --port = {port}: in use; expected a free port on an address of this machine"


def test_a_calibration_range_is_checked_before_any_run(tmp_path):
    """Low below high, and both ends values the parameter takes: else one line, exit 2 and no folder."""
    text = (SCENARIOS / "calibration" / "stammtisch-targets.toml").read_text().replace('"../stammtisch.toml"', repr(str(SCENARIOS / "stammtisch.toml")))
    for bad, says in (("[0.4, 0.02]", "low < high"), ("[0.02, 4]", "expected a number in [0.001, 1]")):
        path = tmp_path / "c.toml"
        path.write_text(text.replace('"platform.reach_base" = [0.02, 0.4]', f'"platform.reach_base" = {bad}'))
        res = CliRunner().invoke(main, ["calibrate", str(path), "--params", "platform.reach_base", "--out", str(tmp_path / "o")])
        assert res.exit_code == 2 and "ranges.platform.reach_base" in res.output and says in res.output, res.output
        assert len(res.output.strip().splitlines()) == 1 and not (tmp_path / "o").exists()


def test_a_calibration_parameter_is_fixed_or_fitted_not_both(tmp_path):
    """A key in [fixed] and [ranges] was accepted, and the fit wrote its own value over the fixed one."""
    text = (SCENARIOS / "calibration" / "stammtisch-targets.toml").read_text().replace('"../stammtisch.toml"', repr(str(SCENARIOS / "stammtisch.toml")))
    path = tmp_path / "c.toml"
    path.write_text(text.replace("[ranges]", '[fixed]\n"platform.reach_base" = 0.1\n\n[ranges]', 1))
    res = CliRunner().invoke(main, ["calibrate", str(path), "--out", str(tmp_path / "o.toml")])
    assert res.exit_code == 2 and res.output.strip() == (f"audsim: error: {path}: fixed.platform.reach_base and ranges.platform.reach_base: "
                                                         "a parameter is fixed or fitted; expected it in one of them"), res.output
    assert not (tmp_path / "o.toml").exists()


def test_bounds_and_tables_are_worded_for_people(tmp_path):
    """No 'None' for a missing bound, an open bound shown as open, and a table asked for as a table."""
    for text, says in (("strategy = 5\n", "strategy = 5: expected a table"),
                       ("[market]\npeople = 5\n", "expected a whole number in [10, 50000000]"),
                       ('[strategy]\nhas_page = "yes"\n', "strategy.has_page = 'yes': expected true or false"),  # was taken as true
                       ("[strategy]\nhas_page = 1\n", "strategy.has_page = 1: expected true or false"),
                       ("[strategy]\nmix = { info = 1.2, promo = -0.2 }\n", "non-negative shares that sum to 1 (promo below 0)")):
        path = tmp_path / "s.toml"
        path.write_text(text)
        assert says in one_line(path, sim.load)
    from sim.calibration.abc import load_targets
    path = tmp_path / "c.toml"
    path.write_text("accept = 2\n" + (SCENARIOS / "calibration" / "stammtisch-targets.toml").read_text())
    msg = one_line(path, load_targets)
    assert "accept = 2: expected a number in (0, 1]" in msg and "None" not in msg
