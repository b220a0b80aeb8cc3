"""A fuzz run of audsim's inputs (issue #16): hostile scenario files for `audsim run` and analytics exports; prints
the counts of cases, clean one-line errors, runs, tracebacks and hangs.  python bench/fuzz_inputs.py"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from click.testing import CliRunner

from sim.cli import main
from sim.scenario import Scenario

argparse.ArgumentParser(description=__doc__).parse_args()  # --help, before anything runs
R = random.Random(5)
ROOT = Path(__file__).resolve().parents[1]
tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
fields = {name: list(type(getattr(Scenario(), name)).model_fields) for name in Scenario.model_fields
          if hasattr(type(getattr(Scenario(), name)), "model_fields")}
VALUES = [lambda: R.randint(-10**12, 10**12), lambda: R.uniform(-1e6, 1e6), lambda: R.choice([True, False]),
          lambda: '"' + R.choice(["", "x", "auto", "ä", "\\u0000"]) + '"', lambda: "inf", lambda: "nan", lambda: "-0.0",
          lambda: "[1, 2]", lambda: "{ a = 1 }", lambda: R.choice(["1e308", "1e-320", "50000000", "0"]),
          lambda: '"' + "y" * R.randint(100, 100_000) + '"']
results = {"cases": 0, "clean": 0, "ran": 0, "traceback": 0, "hang": 0, "messy": 0}
examples = {}

def record(kind, detail):
    results[kind] += 1
    examples.setdefault(kind, []).append(detail)

def scenario_text():
    lines = []
    for _ in range(R.randint(1, 4)):
        sec = R.choice(list(fields) + ["bogus", "content.promo"])
        key = R.choice(fields.get(sec, ["x", "annoyance"]) + ["nope"])
        lines.append(f"[{sec}]\n{key} = {R.choice(VALUES)()}\n")
    if R.random() < 0.2:
        lines.append(R.choice(["[", "]]", "=", "\x00", "x = ", '"unterminated']))
    return "".join(lines)

def special(i):
    kind = i % 8
    p = tmp / f"s{i}.toml"
    if kind == 0: p.write_text("x = " + "[" * R.randint(10, 2000) + "]" * 0)
    elif kind == 1: p.write_text("x = " + "{a = " * R.randint(10, 600) + "1" + "}" * 600)
    elif kind == 2:
        n = R.randint(2, 1600)
        for j in range(n): (tmp / f"e{i}-{j}.toml").write_text(f'extends = "e{i}-{j + 1}.toml"\n')
        (tmp / f"e{i}-{n}.toml").write_text("[market]\npeople = 100\n")
        p.write_text(f'extends = "e{i}-0.toml"\n')
    elif kind == 3: p.write_bytes(os.urandom(R.randint(1, 5000)))
    elif kind == 4: p.write_text(f'[market]\npeople = {R.choice([50_000_000, 5_000_000, 10**9])}\nmean_degree = {R.choice([12, 500, 1e6])}\n')
    elif kind == 5: p.write_text("\r" * R.randint(1, 1000))
    elif kind == 6: p.write_text(f'description = "{"z" * R.randint(10_000, 3_000_000)}"\n')
    else: p.write_text(f'extends = "{R.choice(["missing.toml", "/dev/null", str(tmp), "../" * 50]) }"\n')
    return p

runner = CliRunner()
def run_case(path):
    results["cases"] += 1
    res = runner.invoke(main, ["run", str(path), "--days", "1", "--people", "60", "--out", str(tmp / f"out{results['cases']}")])
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        record("traceback", f"{path.name}: {type(res.exception).__name__}: {str(res.exception)[:120]}")
    elif res.exit_code == 0:
        results["ran"] += 1
    else:
        lines = [l for l in res.output.strip().splitlines() if l.strip()]
        if res.exit_code == 2 and len(lines) == 1 and lines[0].startswith("audsim: error:") and len(lines[0]) < 600:
            results["clean"] += 1
        else:
            record("messy", f"{path.name}: exit {res.exit_code}: {res.output[:200]!r}")

for i in range(260):
    p = tmp / f"r{i}.toml"; p.write_text(scenario_text(), encoding="utf-8"); run_case(p)
for i in range(64):
    run_case(special(i))
# files that would block: a FIFO, a device, a folder (in a subprocess with a timeout)
fifo = tmp / "fifo.toml"; os.mkfifo(fifo)
for p in (fifo, Path("/dev/zero"), Path("/dev/stdin"), tmp):
    results["cases"] += 1
    try:
        res = subprocess.run([sys.executable, "-m", "sim", "run", str(p), "--days", "1", "--people", "60"], capture_output=True,
                             text=True, timeout=60, stdin=subprocess.DEVNULL)
        ok = res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
        results["clean" if ok else "messy"] += 1
    except subprocess.TimeoutExpired:
        record("hang", str(p))
# analytics exports
base = pd.read_csv(ROOT / "scenarios/examples/page-insights-example.csv")
cols = list(base.columns[1:])
from sim.calibration import read_insights
from sim.scenario import ScenarioError

ex = {"cases": 0, "clean": 0, "accepted": 0, "traceback": 0}
for i in range(60):
    d = base.copy()
    kind = i % 6
    c = R.choice(cols)
    if kind == 0: d[c] = -d[c]
    elif kind == 1: d[c] = np.inf
    elif kind == 2: d[c] = 0
    elif kind == 3: d["Daily Page Post Engagements"] = d["Daily Total Impressions"] * 2 + 1
    elif kind == 4: d = d.drop(columns=[c])
    else: d[c] = d[c].astype(object); d.loc[R.randrange(len(d)), c] = "abc"
    p = tmp / f"x{i}.csv"; d.to_csv(p, index=False)
    ex["cases"] += 1
    try:
        read_insights(p); ex["accepted"] += 1; examples.setdefault("export accepted", []).append(f"kind {kind} {c}")
    except ScenarioError as e:
        ex["clean"] += "\n" not in str(e)
    except Exception as e:
        ex["traceback"] += 1; examples.setdefault("export traceback", []).append(f"kind {kind} {c}: {e!r}"[:150])
print("audsim run:", results)
print("exports:", ex)
print("not clean:", examples.get("messy"), "| exports accepted:", examples.get("export accepted"))


