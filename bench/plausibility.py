"""Measure the defaults against the plausible ranges of issue #2 (what tests/test_headline.py checks).

``python bench/plausibility.py [--reps 10] [--people 20000] [--days 365] [--figure docs/followers.png]``
prints the interest panel at day 0 and, over replications at 20,000 people for a year (issue #2's size; the
shipped strategies' own market is 250,000 people over three years), each
strategy's headline figures as mean and 95% t-interval; with ``--figure``, it
also draws each strategy's followers over the year (mean and 95% band).
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
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--figure", type=Path, help="Also draw followers over the year to this PNG.")
    args = ap.parse_args()
    curves = {}
    sc = sim.load(SCEN / "stammtisch.toml")
    p = People.create(sc, np.random.default_rng(0))
    shares = (p.interest > 0.5).mean(axis=0)
    print("share with interest > 0.5 at day 0:", ", ".join(f"{n} {100 * s:.1f}%" for n, s in zip(sc.content, shares)))
    for name in args.strategies.split(","):
        results = [sim.run(SCEN / f"{name}.toml", seed=s, people=args.people, days=args.days) for s in range(args.reps)]
        runs = [r.summary for r in results]
        curves[name] = np.array([r.daily["followers"].to_numpy() for r in results], dtype=float)
        print(f"\n{name} ({args.reps} replications, mean [95% CI])")
        for f in FIGURES:
            x = np.array([r[f] if r[f] is not None else np.nan for r in runs], dtype=float)
            if np.isnan(x).all():
                continue
            lo, hi = stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x)) if x.std() > 0 else (x.mean(), x.mean())
            print(f"  {f:<28} {x.mean():10.4f}  [{lo:.4f}, {hi:.4f}]")
    if args.figure:
        draw_followers(curves, args.figure)


def draw_followers(curves: dict, path: Path) -> None:
    """Followers over the year, one line per strategy with its 95% band over replications."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steady = {n: y for n, y in curves.items() if y.any() and y.mean(axis=0).max() < 1.5 * y[:, 0].mean()}
    panels = [(curves, "every strategy")]
    if len(steady) < sum(y.any() for y in curves.values()):  # a zoomed panel only if some page balloons
        panels.append((steady, "zoomed: those that do not balloon"))
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels) + (2 if len(panels) == 1 else 0), 4.2), dpi=120, squeeze=False)
    axes = axes[0]
    for ax, (group, title) in zip(axes, panels):
        for i, (name, y) in enumerate(curves.items()):
            if name not in group or not y.any():
                continue
            mean = y.mean(axis=0)
            half = stats.t.ppf(0.975, len(y) - 1) * y.std(axis=0, ddof=1) / np.sqrt(len(y)) if len(y) > 1 else 0 * mean
            days = np.arange(y.shape[1])
            ax.plot(days, mean, label=name, color=f"C{i}")
            ax.fill_between(days, mean - half, mean + half, alpha=0.2, color=f"C{i}")
        ax.set(xlabel="day", ylabel="followers", ylim=(0, None), title=title)
        ax.grid(alpha=0.3)
    fig.suptitle(f"Followers over the year (20,000 people, mean and 95% band over {len(y)} replications)")
    columns = min(len(curves), 3 * len(panels))
    fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=columns, frameon=False)
    fig.tight_layout(rect=(0, 0.07 * -(-len(curves) // columns), 1, 1))
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
