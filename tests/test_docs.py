import re

import numpy as np
import pandas as pd
import pytest

import sim
from sim.scenario import parameters_markdown
from sim.sweep.spec import swept_ranges

from .conftest import ROOT, SCENARIOS


def test_odd_carries_the_current_parameter_table():
    odd = (ROOT / "docs" / "ODD.md").read_text()
    table = odd.split("<!-- parameters:start -->\n", 1)[1].split("<!-- parameters:end -->", 1)[0]
    assert table == parameters_markdown(swept_ranges(SCENARIOS / "sweeps")), "run: audsim params --markdown, and paste it into docs/ODD.md"


def _example(name: str) -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split(f"<!-- example:{name} -->\n```python\n", 1)[1].split("```", 1)[0]


def test_readme_salib_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    space = {}
    exec(_example("salib"), space)
    assert len(space["Y"]) == 8 * 4 and np.isfinite(space["Y"]).all()
    assert set(space["Si"]["S1"].shape) == {2}


def test_readme_batch_run_example_runs_and_stops_at_the_horizon(monkeypatch):
    monkeypatch.chdir(ROOT)
    space = {}
    exec(_example("batch_run"), space)
    runs = pd.DataFrame(space["runs"])
    assert len(runs) == 4 and (runs["Step"] == 30).all()
    for _, r in runs.iterrows():  # the same figures as sim.evaluate (and audsim run --people) with the same seed and keys
        e = sim.evaluate("scenarios/stammtisch.toml", {"platform.reach_base": r["platform.reach_base"], "simulation.days": 30},
                         seed=int(r["seed"]), people=1000)
        assert r["long_term_trust"] == e["long_term_trust"] and r["value"] == e["value"]


def test_readme_ema_example_runs(monkeypatch):
    pytest.importorskip("ema_workbench", reason="the EMA Workbench is an optional extra: pip install -e '.[ema]'")
    monkeypatch.chdir(ROOT)
    space = {}
    exec(_example("ema"), space)
    outcomes = space["outcomes"]
    assert len(outcomes["long_term_trust"]) == 8 and np.isfinite(outcomes["long_term_trust"]).all()


def test_every_daily_csv_column_is_documented_with_its_meaning_unit_and_when_it_is_empty(tmp_path):
    """README's daily.csv table names every column a run writes (customers, customer_equity and purchase_index were
    missing), each in a row that gives its meaning, unit and when it is empty, and no column a run does not write."""
    sim.run(SCENARIOS / "stammtisch.toml", days=8, people=400, seed=1).write(tmp_path / "r")
    columns = pd.read_csv(tmp_path / "r" / "daily.csv").columns
    readme = (ROOT / "README.md").read_text()
    section = readme.split("- `daily.csv`", 1)[1].split("\n- `summary.json`", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in section.splitlines() if line.strip().startswith("| `")]
    assert rows and all(len(row) == 4 and all(row) for row in rows), rows  # meaning, unit, when empty: none left blank
    named = {name for row in rows for name in re.findall(r"`([a-z_0-9]+)`", row[0])}
    described = set(re.findall(r"`([a-z_0-9]+)`", section))
    assert not [c for c in columns if c not in described], [c for c in columns if c not in described]
    assert named <= set(columns), named - set(columns)
