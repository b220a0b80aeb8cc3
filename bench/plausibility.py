"""Measure the defaults against the plausible ranges of issue #2 (what tests/test_headline.py checks).

``python bench/plausibility.py [--reps 10]`` prints the interest panel at day 0
and, over replications at the default size, each strategy's headline figures
as mean and 95% t-interval.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from scipy import stats

import sim
from sim.model.people import People

SCEN = Path(__file__).resolve().parents[1] / "scenarios"
FIGURES = ["long_term_trust", "unfollow_rate_per_30d", "organic_reach", "engagement_per_impression",
           "interaction_rate_first_30d", "interaction_rate_last_30d", "followers_start", "followers_end"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--strategies", default="tupperparty,broadcaster,stammtisch,giveaway-blitz,service-first,outsourced-service,absent")
    args = ap.parse_args()
    sc = sim.load(SCEN / "stammtisch.toml")
    p = People.create(sc, np.random.default_rng(0))
    shares = (p.interest > 0.5).mean(axis=0)
    print("share with interest > 0.5 at day 0:", ", ".join(f"{n} {100 * s:.1f}%" for n, s in zip(sc.content, shares)))
    for name in args.strategies.split(","):
        runs = [sim.run(SCEN / f"{name}.toml", seed=s).summary for s in range(args.reps)]
        print(f"\n{name} ({args.reps} replications, mean [95% CI])")
        for f in FIGURES:
            x = np.array([r[f] if r[f] is not None else np.nan for r in runs], dtype=float)
            if np.isnan(x).all():
                continue
            lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x)) if x.std() > 0 else (x.mean(), x.mean())
            print(f"  {f:<28} {x.mean():10.4f}  [{lo:.4f}, {hi:.4f}]")


if __name__ == "__main__":
    main()
