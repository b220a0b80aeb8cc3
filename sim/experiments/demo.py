"""The client demo: a named set of scenarios compared, and the HTML report written."""

from __future__ import annotations

from pathlib import Path

from .. import outputs, runner
from ..report import html
from ..scenario import read_toml
from . import breakeven as _breakeven
from .compare import Comparison, compare

PACKAGE_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def scenarios_dir() -> Path:
    """./scenarios if the working folder has one, else the one shipped beside the package."""
    here = Path("scenarios")
    return here if (here / "sets").is_dir() else PACKAGE_SCENARIOS


def load_set(name: str = "demo") -> tuple[dict, str, int]:
    """A comparison set (scenarios/sets/NAME.toml): the resolved scenarios, the baseline, the replications."""
    path = scenarios_dir() / "sets" / f"{name}.toml"
    spec = read_toml(path, "comparison set")
    names = spec.get("scenarios", [])
    return {n: runner.resolve(path.parent.parent / f"{n}.toml") for n in names}, spec.get("baseline", names[0]), spec.get("reps", 20)


def tool_defaults() -> dict:
    """The presets the dashboard and calibration start from (scenarios/sets/defaults.toml)."""
    return read_toml(scenarios_dir() / "sets" / "defaults.toml", "defaults")


def write_report(comparison: Comparison, out: str | Path, lang: str = "en", overwrite: bool = False, breakeven=None) -> Path:
    """The comparison's files plus report.html (and the break-even market's, if given), in one atomic write."""
    def fill(tmp: Path):
        comparison.write_into(tmp)
        if breakeven is not None:
            breakeven.write_into(tmp)
        (tmp / "report.html").write_text(html.render(comparison, lang, breakeven), encoding="utf-8")

    return outputs.write_folder(out, fill, overwrite)


def demo(out: str | Path = "results/demo", lang: str = "en", reps: int | None = None, days: int | None = None,
         people: int | None = None, seed: int = 7, workers: int | None = None, progress=None, overwrite: bool = False,
         breakeven_people=None) -> Comparison:
    """Compare the demo set and write report.html with everything behind it into ``out``.

    With ``breakeven_people`` (market sizes), the report also shows where the set's ``breakeven`` pair
    (B against A) breaks even, over the same horizon."""
    shipped, baseline, default_reps = load_set("demo")
    scenarios = {n: sc.with_overrides(**{"simulation.days": days, "market.people": people}) for n, sc in shipped.items()}
    with outputs.claim(out, overwrite):  # refused at once, before the runs, if ``out`` may not be written
        comparison = compare(scenarios, reps=reps or default_reps, baseline=baseline, seed=seed, workers=workers, progress=progress)
        found = None
        if breakeven_people:
            a, b = breakeven_pair()
            # from the strategies as shipped: each is scaled from its own market (its costs with it) to each size
            found = _breakeven.breakeven(shipped[a], shipped[b], breakeven_people, reps=reps or default_reps, seed=seed,
                                         workers=workers, progress=progress, days=next(iter(scenarios.values())).simulation.days)
        write_report(comparison, out, lang, overwrite, found)
    return comparison


def breakeven_pair() -> tuple[str, str]:
    """The demo set's (A, B) for the break-even market: scenarios/sets/demo.toml's ``breakeven``."""
    spec = read_toml(scenarios_dir() / "sets" / "demo.toml", "comparison set")
    a, b = spec["breakeven"]
    return a, b
