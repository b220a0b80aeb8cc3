"""Calibration: fit parameters to target figures, or to a page's own analytics export."""

from .abc import Fit, fit, load_targets
from .insights import read_insights, targets_from_insights

__all__ = ["Fit", "fit", "load_targets", "read_insights", "targets_from_insights"]
