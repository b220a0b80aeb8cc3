"""Where does the verdict hold? Two strategies at many points of the parameter space.

At each point both strategies run with the same seeds (common random
numbers); A beats B on trust where its mean long-term trust is higher, and on
unfollows where its unfollow rate is lower, and beyond chance where the paired
95% interval of the difference over the replications leaves out zero. The
share of points where A wins estimates the share of the space where it does:
drawn at random or by Latin hypercube, the points are a sample of the space and
the share gets a Clopper-Pearson interval; a grid's points are the space
itself (no sampling interval). Sobol and Morris designs are refused: their
points are built for sensitivity indices (each value repeated over many
points), not as a sample. The region where the verdict flips is described by a
shallow decision tree over the parameters.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .. import outputs
from ..interrupt import between_days
from ..scenario import ScenarioError
from .analyze import point_means, successful
from .run import sweep

SAMPLES_OF_THE_SPACE = ("random", "lhs")  # designs whose points are a sample of the space


def robustness(spec, a, b, out: str | Path, max_depth: int = 2, **executor) -> dict:
    """Run A and B over the points of ``spec`` and describe where A beats B.

    ``spec`` needs a random, lhs or grid design; ``a`` and ``b`` are
    resolved scenarios. Writes robustness.csv, robustness.json and
    robustness.png into ``out``.
    """
    check_design(spec)
    outcomes = sorted(set(spec.outcomes) | {"long_term_trust", "unfollow_rate_per_30d"})
    spec = spec.model_copy(update={"outcomes": outcomes, "base": None, "strategies": [a.name, b.name]})
    with outputs.claim(out, executor.get("overwrite", False), "sweep") as claimed:
        runs = sweep(spec, {a.name: a, b.name: b}, out, **executor)
        return _describe(spec, runs, a, b, claimed.target, max_depth)


def check_design(spec, where: str = "") -> None:
    """A design whose points are a sample of the space, or the space itself (``where``: the file, for messages)."""
    if spec.design not in SAMPLES_OF_THE_SPACE + ("grid",):
        raise ScenarioError(f"{where}design = {spec.design!r}: its points are built for sensitivity indices (each value "
                            "repeated over many points), not as a sample of the space; expected a random, lhs or grid design")


def _describe(spec, runs: pd.DataFrame, a, b, out: Path, max_depth: int) -> dict:
    ma, mb = point_means(runs, spec, a.name), point_means(runs, spec, b.name)
    points = ma.index.intersection(mb.index)
    table = ma.loc[points, [f"param:{k}" for k in spec.parameters]].rename(columns=lambda c: c.removeprefix("param:"))
    table["trust_diff"] = ma.loc[points, "long_term_trust"] - mb.loc[points, "long_term_trust"]
    table["unfollow_diff"] = ma.loc[points, "unfollow_rate_per_30d"] - mb.loc[points, "unfollow_rate_per_30d"]
    # an outcome a strategy does not have (no page: no unfollow rate) is not comparable there: neither wins
    table["a_wins_trust"] = (table["trust_diff"] > 0).where(table["trust_diff"].notna())
    table["a_wins_unfollows"] = (table["unfollow_diff"] < 0).where(table["unfollow_diff"].notna())
    for key, outcome, better in (("a_wins_trust", "long_term_trust", 1), ("a_wins_unfollows", "unfollow_rate_per_30d", -1)):
        table[f"{key}_beyond_chance"] = _beyond_chance(runs, a.name, b.name, outcome, better).reindex(points)
    sampled = spec.design in SAMPLES_OF_THE_SPACE
    # a random design drawn from levels repeats points (the same seeds, the same outcome): each combination counts once
    distinct = table.drop_duplicates(subset=list(spec.parameters))
    summary = {"a": a.name, "b": b.name, "points": int(len(distinct)), "reps": spec.reps, "design": spec.design,
               "interval": "Clopper-Pearson over the distinct points, a sample of the space" if sampled else
                           "none: a grid's points are the space itself",
               "manifest": "sweep.json: the resolved design and both scenarios, their hashes, the seeds, versions, command"}
    if len(distinct) < len(table):
        summary["repeated_points"] = int(len(table) - len(distinct))
    for key, outcome in (("a_wins_trust", "long_term_trust"), ("a_wins_unfollows", "unfollow_rate_per_30d")):
        judged = distinct[key].dropna().astype(bool)
        k, n = int(judged.sum()), len(judged)
        ci = stats.binomtest(k, n).proportion_ci(0.95) if n and sampled else None
        sure = distinct[f"{key}_beyond_chance"]
        summary[key] = {"share": k / n if n else None, "points": n, "ci_low": ci.low if ci else None,
                        "ci_high": ci.high if ci else None,
                        "beyond_chance": None if sure.isna().all() else {"a": int((sure == "a").sum()), "b": int((sure == "b").sum()),
                                                                         "neither": int((sure == "neither").sum())}}
        if n < len(distinct):
            summary[key]["not_comparable"] = _not_comparable(runs, (a.name, b.name), outcome, len(distinct) - n)
    summary["flip_region"] = {key: _region(table[table[key].notna()], list(spec.parameters), key, max_depth)
                              if table[key].notna().any() else "not comparable" for key in ("a_wins_trust", "a_wins_unfollows")}
    _write(table, summary, list(spec.parameters), a.name, b.name, out)
    return summary


def _not_comparable(runs: pd.DataFrame, names: tuple[str, str], outcome: str, points: int) -> str:
    """Why an outcome could not be compared at ``points`` points: which strategy's runs do not have it (a brand
    without a page has no unfollow rate)."""
    ok = successful(runs)
    lacking = [n for n in names if ok.loc[ok["strategy"] == n, outcome].isna().any()]
    return f"{outcome} is undefined for {' and '.join(lacking) or 'a strategy'} at {points} points (no followers to lose)"


def _write(table: pd.DataFrame, summary: dict, params: list[str], a: str, b: str, out: Path) -> None:
    """robustness.csv, .json and .png, all new or none: written aside, then moved in with Ctrl-C held off."""
    names = ("robustness.csv", "robustness.json", "robustness.png")
    aside = [out / f".{n}.tmp" for n in names]
    try:
        table.to_csv(aside[0])
        aside[1].write_text(json.dumps(summary, indent=2))
        _plot(table, params, a, b, aside[2])
        with between_days():
            for tmp, name in zip(aside, names):
                tmp.replace(out / name)
    finally:
        for tmp in aside:
            tmp.unlink(missing_ok=True)


def _beyond_chance(runs: pd.DataFrame, a: str, b: str, outcome: str, better: int) -> pd.Series:
    """Per point: "a" or "b" where that strategy is better beyond chance (the paired 95% t-interval of A - B over the
    replications, common random numbers, leaves out zero; ``better`` = 1 where more is better), else "neither";
    missing with fewer than 2 paired replications."""
    wide = successful(runs).pivot_table(index=["point", "rep"], columns="strategy", values=outcome).dropna()
    if a not in wide or b not in wide:  # an outcome one strategy never has (no page: no unfollow rate)
        return pd.Series(dtype=object)
    diff = better * (wide[a] - wide[b])
    out = {}
    for point, d in diff.groupby(level="point"):
        if len(d) < 2:
            continue
        half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
        out[point] = "a" if d.mean() - half > 0 else "b" if d.mean() + half < 0 else "neither"
    return pd.Series(out, dtype=object)


def _region(table: pd.DataFrame, params: list[str], key: str, max_depth: int) -> str:
    """Where A wins, as rules read off a shallow decision tree over the parameters: one line per region where A wins
    at most of the points, with how many (a tree printed whole showed tied leaves as "A loses", and no leaf said
    where A wins, beside a share of points where it did)."""
    y = table[key].astype(bool).to_numpy()
    if y.all() or not y.any():
        return "A wins everywhere" if y.all() else "A wins nowhere"
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=max(2, len(y) // 20), random_state=0)
    x = table[params].to_numpy(dtype=float)
    tree.fit(x, y)
    leaf_of = tree.apply(x)
    t, lines = tree.tree_, []

    def walk(node: int, rules: list[str]) -> None:
        if t.children_left[node] == -1:  # a leaf: the points that reach it, and how many of them A wins
            at = leaf_of == node
            wins, n = int(y[at].sum()), int(at.sum())
            if 2 * wins > n:
                lines.append(f"A wins where {' and '.join(rules) or 'anywhere'} ({wins} of {n} points)")
            return
        name, cut = params[t.feature[node]], t.threshold[node]
        walk(t.children_left[node], [*rules, f"{name} <= {cut:.4g}"])
        walk(t.children_right[node], [*rules, f"{name} > {cut:.4g}"])

    walk(0, [])
    return "\n".join(lines) if lines else f"no region where A wins at most points (it wins at {int(y.sum())} of {len(y)}, scattered)"


def _plot(table, params, a, b, path) -> None:
    """Each point coloured by which strategy is better there: beyond chance (the paired interval) where there were
    replications to judge by, else by the sign of the difference of means; a tie or a difference within chance is
    "neither" (grey), not a win of B. With more than two parameters, the others are named: they vary between the dots."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    x = params[0]
    y = params[1] if len(params) > 1 else None
    for ax, key, diff, sign, title in zip(axes, ("a_wins_trust", "a_wins_unfollows"), ("trust_diff", "unfollow_diff"), (1, -1),
                                          ("trust", "unfollows")):
        verdict, judged = _verdicts(table, key, sign * table[diff])
        yy = table[y] if y else np.zeros(len(table))
        suffix = " beyond chance" if judged else ""
        for who, colour, label in (("a", "tab:green", f"{a} better{suffix}"), ("b", "tab:red", f"{b} better{suffix}"),
                                   ("neither", "tab:gray", "within chance" if judged else "tie"),
                                   ("none", "white", "not comparable")):
            at = (verdict == who).to_numpy()
            if at.any():
                ax.scatter(table[x][at], yy[at], c=colour, edgecolors="tab:gray", label=f"{label} ({at.sum()})", s=18)
        ax.set_xlabel(x)
        ax.set_ylabel(y or "")
        ax.set_title(f"{a} vs {b}: {title}")
        ax.legend(fontsize=8)
    others = textwrap.wrap(f"Also varied between the points: {', '.join(params[2:])}", 150) if len(params) > 2 else []
    fig.text(0.5, 0.01, "\n".join(others), ha="center", va="bottom", fontsize=8)
    fig.tight_layout(rect=(0, 0.035 * len(others), 1, 1))
    fig.savefig(path, dpi=110, format="png")
    plt.close(fig)


def _verdicts(table: pd.DataFrame, key: str, a_ahead: pd.Series) -> tuple[pd.Series, bool]:
    """Per point "a", "b", "neither" or "none" (the outcome not comparable there), and whether that is beyond chance
    (every comparable point had replications to judge)."""
    sure = table[f"{key}_beyond_chance"]
    comparable = a_ahead.notna()
    if comparable.any() and sure[comparable].notna().all():
        return sure.where(comparable, "none"), True
    by_sign = np.where(a_ahead > 0, "a", np.where(a_ahead < 0, "b", "neither"))
    return pd.Series(np.where(comparable, by_sign, "none"), index=table.index), False
