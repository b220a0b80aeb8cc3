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
