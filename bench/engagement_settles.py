"""Does the reach-engagement loop run away? Engagement per follower per post over three years (issue #12, item 4).

``python bench/engagement_settles.py [--people 20000] [--reps 3] [--years 3] [--figure docs/engagement_settles.png]``

Three worlds of the same scenario, each differing from the one before by one
thing, with common random numbers (the same seeds):

- ``full``: the scenario as shipped;
- ``posts teach``: no complaints and word of mouth moves no trust, so trust
  changes only by what posts are worth;
- ``trust held``: nothing moves trust either: what is left is the loop
  engagement -> quality score -> reach -> impressions -> engagement, the
  affinity-weighted feed and who follows.

For each world and year it prints the mean and 95% t-interval of engagement
per follower per post (follower engagements / followers / posts, the
definition of Socialbakers 2014's "post engagement rate"), followers' mean
trust and the market's share of advocates. Socialbakers 2014 (43,000 pages)
reports about 0.65% for pages under 10,000 fans and 0.11% over 1,000,000.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import sim
from sim.experiments.stats import mean_interval

SCEN = Path(__file__).resolve().parents[1] / "scenarios"
BAND = (0.0011, 0.0065)  # Socialbakers 2014: post engagement rate, pages over 1M fans and under 10k fans


def worlds(scenario) -> dict[str, dict]:
    """The three worlds' overrides, each adding one change to the one before."""
    quiet = {"service.problem_rate": 0.0, "word_of_mouth.trust_effect": 0.0}
    held = {**quiet, **{f"content.{k}.trust_learning": 0.0 for k in scenario.content}}
    return {"full": {}, "posts teach": quiet, "trust held": held}


def interval(x) -> str:
    m, lo, hi, _ = mean_interval(x)
    return f"{m:.5f} [{lo:.5f}, {hi:.5f}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", type=Path, default=SCEN / "stammtisch.toml")
    ap.add_argument("--people", type=int, default=20_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--years", type=int, default=3)
    ap.add_argument("--figure", type=Path, help="Also draw each world's quarterly engagement per follower per post.")
    args = ap.parse_args()
    sc = sim.load(args.scenario)
    quarters = {}
    print(f"{args.scenario.name}, {args.people:,} people, {args.years} years, {args.reps} seeds; "
          f"plausible band {100 * BAND[0]:.2f}-{100 * BAND[1]:.2f}% (Socialbakers 2014)")
    for world, overrides in worlds(sc).items():
        daily = [sim.run(args.scenario, seed=s, people=args.people, days=365 * args.years, overrides=overrides).daily
                 for s in range(args.reps)]
        years = np.array([d.groupby(d.day // 365)[["interaction_rate", "trust_followers", "advocates"]].mean().to_numpy() for d in daily])
        by_year, trust, advocates = years[..., 0], years[..., 1], years[..., 2]
        quarters[world] = np.array([d.groupby(d.day // 91)["interaction_rate"].mean().to_numpy()[:4 * args.years] for d in daily])
        print(f"\n{world}")
        for y in range(args.years):
            ratio = "" if y == 0 else f"  x{by_year[:, y].mean() / by_year[:, y - 1].mean():.2f} on year {y}"
            print(f"  year {y + 1}: engagement/follower/post {interval(by_year[:, y])}{ratio}; "
                  f"followers' trust {trust[:, y].mean():.3f}; advocates {100 * advocates[:, y].mean():.1f}%")
    if args.figure:
        draw(quarters, args)


def draw(quarters: dict, args) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=120)
    for world, q in quarters.items():
        x = np.arange(1, q.shape[1] + 1) / 4
        ax.plot(x, 100 * q.mean(axis=0), marker="o", label=world)
    ax.axhspan(100 * BAND[0], 100 * BAND[1], color="0.9", zorder=0, label="Socialbakers 2014: 0.11% (>1M fans) - 0.65% (<10k)")
    ax.set_ylim(0, None)
    ax.set_xlabel("years")
    ax.set_ylabel("engagement per follower per post, %")
    ax.set_title(f"{args.scenario.stem}, {args.people:,} people, mean of {args.reps} seeds, by quarter", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    args.figure.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.figure)
    print(f"\nwrote {args.figure}")


if __name__ == "__main__":
    main()
