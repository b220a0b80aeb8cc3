"""Benchmark: how long a dashboard step and its redraw take at 20,000 people (target: under 0.5 s).

Times StrategyPair.step() and the drawing of the five charts (matplotlib to
PNG, as Solara's FigureMatplotlib does), over the first 100 days.
    python bench/dashboard.py
"""

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.dashboard.app import figure  # noqa: E402
from sim.dashboard.pair import SERIES, StrategyPair  # noqa: E402


def main(days: int = 100) -> None:
    pair = StrategyPair(people="20000")
    step_s, draw_s = [], []
    for _ in range(days):
        t0 = time.perf_counter()
        pair.step()
        t1 = time.perf_counter()
        for name in SERIES:
            fig = figure(pair, name)
            fig.savefig(io.BytesIO(), format="png", dpi=80)
        t2 = time.perf_counter()
        step_s.append(t1 - t0)
        draw_s.append(t2 - t1)
    total = np.add(step_s, draw_s)
    print(f"step {1000 * np.mean(step_s):.1f} ms, redraw {1000 * np.mean(draw_s):.1f} ms; "
          f"step + redraw mean {1000 * total.mean():.0f} ms, 95th percentile {1000 * np.percentile(total, 95):.0f} ms, max {1000 * total.max():.0f} ms")


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()  # --help
    main()
