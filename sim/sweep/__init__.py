"""Parameter sweeps and sensitivity analysis, on local processes or a Dask cluster."""

from .analyze import analyze
from .robustness import robustness
from .run import sweep
from .spec import SweepSpec, load_sweep

__all__ = ["SweepSpec", "analyze", "load_sweep", "robustness", "sweep"]
