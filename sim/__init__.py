"""audsim: how a brand's social-media audience answers its posting strategy."""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .runner import Result, evaluate, resolve, run
    from .scenario import Scenario, ScenarioError, load

__all__ = ["Result", "Scenario", "ScenarioError", "evaluate", "load", "resolve", "run"]

_HOME = {"Result": "runner", "evaluate": "runner", "resolve": "runner", "run": "runner",
         "Scenario": "scenario", "ScenarioError": "scenario", "load": "scenario"}


def __getattr__(name: str):
    """The API, imported when first used (PEP 562): the model and its libraries take over a second to import, and the
    command line starts from here (``sim.entry``), where a Ctrl-C in that second is still answered in one line."""
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)  # sim.scenario.from_dict(...) after a bare "import sim"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
