"""Running a scenario: ``run(scenario) -> Result``, with outputs and their manifest."""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import platform as _platform
import re
import shlex
import subprocess
import sys
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import interrupt, outputs
from . import scenario as _scenario
from .model import AudienceModel, kernel_cache
from .model.graph import degrees
from .model.measures import HEADLINE, WHOLE


@dataclass
class Result:
    """One run: the daily table, the headline figures and the manifest."""

    daily: pd.DataFrame
    summary: dict
    manifest: dict
    model: AudienceModel | None = field(default=None, repr=False)

    def people(self) -> pd.DataFrame:
        """Per-person state at the end of the run (one row per person)."""
        p = self.model.people
        cols = {**p.columns(), "degree": degrees(self.model.graph)}
        for i, name in enumerate(self.model.content.names):
            cols[f"interest_{name}"] = p.interest[:, i]
        return pd.DataFrame(cols)

    def degree_distribution(self) -> pd.DataFrame:
        """How many people have each number of social ties."""
        counts = np.bincount(degrees(self.model.graph))
        present = np.flatnonzero(counts)
        return pd.DataFrame({"degree": present, "people": counts[present]})

    def write(self, out: str | Path, save_people: bool = False, overwrite: bool = False) -> Path:
        """Write daily.csv, summary.json, manifest.json, degrees.csv (and people.parquet) atomically into ``out``.

        ``out`` must be new or empty, or (with ``overwrite``) hold an earlier audsim output: see :mod:`sim.outputs`.
        """
        def fill(tmp: Path):
            whole = [c for c in WHOLE if c in self.daily]  # counts read as counts (1, not 1.0)
            self.daily.astype(dict.fromkeys(whole, "int64")).to_csv(tmp / "daily.csv", index=False)
            (tmp / "summary.json").write_text(json.dumps({**self.summary, "manifest": self.manifest}, indent=2))
            (tmp / "manifest.json").write_text(json.dumps(self.manifest, indent=2))
            self.degree_distribution().to_csv(tmp / "degrees.csv", index=False)
            if save_people:
                self.people().to_parquet(tmp / "people.parquet", index=False)

        return outputs.write_folder(out, fill, overwrite)


@functools.cache
def model_code(folder: Path = kernel_cache.HERE) -> str:
    """A hash of what the model's code (``sim/model``) does: each file's syntax tree without its docstrings, so an
    edited comment or docstring does not read as a changed model in a manifest or a resumed sweep (the compiled
    kernels' cache keys on the files as they are, ``kernel_cache.source_hash``)."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_bytes())
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body
                    and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
                node.body = body[1:] or [ast.Pass()]
        digest.update(path.name.encode() + b"\0" + ast.dump(tree).encode())
    return digest.hexdigest()[:16]


def versions() -> dict:
    """Versions of what produced a result."""
    out = {"python": _platform.python_version(), **_distributions()}
    out["audsim_model_source"] = model_code()  # the model's code itself: a version number need not change
    out["audsim_commit"] = _commit()
    out["platform"] = _platform.platform()  # the same numbers are expected on any, but a difference starts here
    out["machine"] = _platform.machine()
    return out


@functools.cache
def _distributions() -> dict:
    """The installed versions of audsim and what it runs on, read once a process: reading them parses each
    package's metadata, a few milliseconds a run, as long as a 20,000-person week."""
    out = {}
    for dist in ("audsim", "numpy", "numba", "scipy", "pandas", "mesa", "pydantic"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


@functools.cache
def _commit() -> str | None:
    """The git commit of the checkout audsim runs from, "+" after it if tracked files differ from it; None when
    audsim is not run from a git checkout of its own (an installed wheel)."""
    root = Path(__file__).resolve().parents[1]
    try:
        git = lambda *args: subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        top = git("rev-parse", "--show-toplevel")
        if top.returncode or Path(top.stdout.strip()).resolve() != root:
            return None
        head, changed = git("rev-parse", "HEAD"), git("status", "--porcelain", "--untracked-files=no")
        return head.stdout.strip() + ("+" if changed.stdout.strip() else "") if head.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        return None


def command_line() -> str | None:
    """The command that made a result, as a user would type it again: ``audsim ...`` with paths inside the
    working folder relative to it (not the absolute path of someone's virtual environment)."""
    if not sys.argv or not sys.argv[0]:
        return None
    program = Path(sys.argv[0])
    words = ["audsim" if program.name in ("audsim", "__main__.py") else program.name]
    here = Path.cwd()
    for arg in sys.argv[1:]:
        path = Path(arg)
        if path.is_absolute() and path.is_relative_to(here):
            arg = str(path.relative_to(here))
        words.append(shlex.quote(arg))
    return " ".join(words)


def manifest(scenario: _scenario.Scenario, seed: int, **extra) -> dict:
    """The resolved scenario with its hash, the seed and the versions."""
    return {
        "scenario": scenario.model_dump(mode="json"),
        "scenario_hash": scenario.hash(),
        "seed": seed,
        "versions": versions(),
        "platform": _platform.platform(),
        "command": command_line(),
        **extra,
    }


COMMAND_LINE = "command line"  # ``source`` of the options a command was given
OPTIONS = {"simulation.days": "--days", "market.people": "--people", "simulation.seed": "--seed"}  # their keys


def resolve(scenario, days: int | None = None, people: int | None = None, seed: int | None = None,
            overrides: Mapping[str, Any] | None = None, source: str = "override") -> _scenario.Scenario:
    """A Scenario from a path, a dict (which may ``extends`` a file) or a Scenario, with the given overrides applied.

    ``people``: the same brand in a market of this many people, every extensive setting (listening, paid budget,
    prizes, a fixed desk) scaled with it (:meth:`Scenario.scaled`), so that per-person results move with the size
    only through what truly depends on it (the page-size factor of reach, the cost of making posts, the desk's
    floor). ``overrides`` are applied after, as written (``{"market.people": N}`` there sets the size alone).
    ``source`` names where the overrides came from in an error ("command line" from the CLI)."""
    if isinstance(scenario, (str, Path)):  # given days are the horizon: what lies beyond them is warned, after
        scenario = _scenario.load(scenario, horizon=days is None)
    elif isinstance(scenario, Mapping):
        scenario = _scenario.from_dict(scenario, horizon=days is None)
    elif not isinstance(scenario, _scenario.Scenario):
        raise TypeError(f"scenario: expected a path, a dict or a Scenario, not {type(scenario).__name__}")
    try:
        if people is not None and people != scenario.market.people:
            scenario.with_overrides(source=source, **{"market.people": people})  # a size out of bounds is named as given
            scenario = scenario.scaled(people / scenario.market.people)
        resolved = scenario.with_overrides(overrides, source=source, **{"simulation.days": days, "market.people": people,
                                                                        "simulation.seed": seed})
    except _scenario.ScenarioError as e:  # an option the user typed is named as typed: --days = 0, not simulation.days = 0
        said = str(e)
        if source == COMMAND_LINE:
            for key, option in OPTIONS.items():
                if said.startswith(f"{source}: {key} = "):
                    raise _scenario.ScenarioError(said.replace(key, option, 1)) from None
        raise
    warn_late(resolved)
    return resolved


def warn_late(sc: _scenario.Scenario) -> None:
    """Warn (HorizonWarning) when ``sc``'s horizon leaves out timeline entries or one-off posts it has: a file cannot
    plan beyond its own horizon (``scenario.within_horizon``), a shorter --days, a swept horizon or an override can.
    Issued from here, so the same scenario resolved twice (a run, then its model) is warned once."""
    late = [f"{key} = {day}" for key, day in _scenario.beyond_horizon(sc)]
    if late:
        warnings.warn(HorizonWarning(f"{sc.name}: {', '.join(late)} {'lies' if len(late) == 1 else 'lie'} beyond the "
                                     f"{sc.simulation.days} days simulated and {'does' if len(late) == 1 else 'do'} not happen"),
                      stacklevel=1)


class HorizonWarning(UserWarning):
    """A shorter horizon than the scenario's leaves some of its planned changes or posts out."""


BYTES_PER_PERSON, BYTES_PER_TIE = 150, 12  # measured peak RSS over a few days: 200k-800k people, 20-80 ties (1.5x margin below)


def memory_needed(sc: _scenario.Scenario) -> int:
    """Bytes a run of ``sc`` needs at its peak, estimated from its people and ties (numpy columns, CSR graph)."""
    m = sc.market
    return int(1.5 * m.people * (BYTES_PER_PERSON + BYTES_PER_TIE * m.mean_degree))


def memory_limit() -> int | None:
    """What a run may use: $AUDSIM_MAX_MEMORY (``audsim --max-memory``) if set, else what the machine has available."""
    text = os.environ.get("AUDSIM_MAX_MEMORY")
    if text:
        return parse_size(text)
    try:
        with open("/proc/meminfo") as f:
            fields = dict(line.split(":", 1) for line in f)
        return int(fields["MemAvailable"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        try:
            return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (ValueError, OSError, AttributeError):
            return None


def parse_size(text: str) -> int:
    """'600MB', '6 GB', '1.5G' or a number of bytes."""
    units = {"": 1, "B": 1, "K": 1e3, "KB": 1e3, "M": 1e6, "MB": 1e6, "G": 1e9, "GB": 1e9, "T": 1e12, "TB": 1e12}
    match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([A-Za-z]*)\s*", str(text))
    if not match or match.group(2).upper() not in units or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r}: expected a size such as 600MB, 6GB or a number of bytes")
    return int(float(match.group(1)) * units[match.group(2).upper()])


def _size(n: float) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def check_memory(sc: _scenario.Scenario, at_once: int = 1, source: str | None = None) -> None:
    """Refuse, in one line, a run (or ``at_once`` runs side by side) that would not fit in memory."""
    limit, need = memory_limit(), memory_needed(sc) * at_once
    if limit is not None and need > limit:
        m = sc.market
        runs = f" x {at_once} runs at once" if at_once > 1 else ""
        where = "--max-memory" if os.environ.get("AUDSIM_MAX_MEMORY") else "available on this machine"
        raise _scenario.ScenarioError(
            f"{source or sc.name}: market.people = {m.people:,} with market.mean_degree = {m.mean_degree:g}: needs about "
            f"{_size(need)}{runs}, more than the {_size(limit)} {where}; expected a smaller market"
            + (", fewer ties or fewer workers" if at_once > 1 else " or fewer ties"))


def run(scenario, days: int | None = None, people: int | None = None, seed: int | None = None, progress=None,
        overrides: Mapping[str, Any] | None = None) -> Result:
    """Run one simulation.

    Args:
        scenario: a path to a TOML file, a dict, or a :class:`sim.scenario.Scenario`.
        days, seed: override the scenario's values.
        people: the same brand in a market of this size, its extensive settings scaled (:func:`resolve`).
        progress: an optional callable ``progress(days_done)`` called after each day.
        overrides: dotted keys to set, e.g. ``{"platform.reach_base": 0.1}``.
    """
    sc = resolve(scenario, days, people, seed, overrides)
    check_memory(sc)
    started = time.perf_counter()
    with interrupt.between_days() as check:
        model = AudienceModel(sc)
        for _ in range(sc.simulation.days):
            check()
            model.step()
            if progress:
                progress(1)
    daily = model.datacollector.get_model_vars_dataframe().reset_index(drop=True).drop(columns=list(HEADLINE))
    wall = time.perf_counter() - started
    return Result(daily, model.summary, manifest(sc, sc.simulation.seed, wall_time_s=round(wall, 3)), model)


def evaluate(scenario, params: Mapping[str, float] | None = None, *, seed: int | None = None, days: int | None = None,
             people: int | None = None) -> dict[str, float]:
    """The headline figures of one run as floats (NaN where a figure does not apply, e.g. no page):
    the function an optimiser or a sensitivity analysis (EMA Workbench, SALib, Optuna) calls.

    ``params`` are dotted keys over ``scenario``, e.g. ``{"platform.reach_base": 0.1}``; ``seed``: the scenario's
    by default, as ``run`` and ``audsim run`` (so the same call gives the same figures)."""
    result = run(scenario, days=days, people=people, seed=seed, overrides=params)
    return {k: (float(v) if v is not None else float("nan")) for k, v in result.summary.items() if isinstance(v, (int, float)) or v is None}
