import fcntl
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

import sim

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def scenario(name: str, **overrides):
    """A scenario from scenarios/ with dotted-key overrides."""
    return sim.load(SCENARIOS / f"{name}.toml").with_overrides(**overrides)


def simulate(name: str, seeds=range(5), people=3000, days=150, **overrides):
    """Run a scenario over several seeds; returns the results in seed order."""
    sc = scenario(name, **{"market.people": people, "simulation.days": days, **overrides})
    return [sim.run(sc, seed=s) for s in seeds]


def figure(results, key):
    return np.array([r.summary[key] for r in results], dtype=float)


@pytest.fixture
def tmp_toml(tmp_path):
    def write(text: str, name: str = "s.toml") -> Path:
        path = tmp_path / name
        path.write_text(text)
        return path

    return write


@contextmanager
def dashboard_start_lock():
    """Solara unpacks its browser files into the environment on a server's first start; two first starts at
    once (tests on two workers of a fresh environment) race on that rename, so tests start dashboards one
    at a time."""
    path = ROOT / ".pytest_cache" / "dashboard-start.lock"
    path.parent.mkdir(exist_ok=True)
    with open(path, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield
