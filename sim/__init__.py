"""audsim: how a brand's social-media audience answers its posting strategy."""

from .runner import Result, evaluate, resolve, run
from .scenario import Scenario, ScenarioError, load

__all__ = ["Result", "Scenario", "ScenarioError", "evaluate", "load", "resolve", "run"]
