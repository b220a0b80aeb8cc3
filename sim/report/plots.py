"""Comparison plots: trajectories with their bands, headline figures as bars with intervals."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

from .i18n import TEXT  # noqa: E402

PANELS = ("followers", "trust_market", "organic_reach", "interaction_rate")
BARS = ("long_term_trust", "unfollow_rate_per_30d")
PERCENT = {"organic_reach", "interaction_rate", "unfollow_rate_per_30d", "followers_change", "engagement_per_impression"}


def trajectories(comparison, lang: str = "en"):
    t = TEXT[lang]
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    traj = comparison.trajectories
    for ax, metric in zip(axes.flat, PANELS):
        sub = traj[traj["metric"] == metric]
        for name, g in sub.groupby("scenario", observed=True):
            if g["mean"].isna().all():
                continue
            scale = 100 if metric in PERCENT else 1
            line, = ax.plot(g["day"], g["mean"] * scale, label=name, lw=1.6)
            ax.fill_between(g["day"], g["low"] * scale, g["high"] * scale, color=line.get_color(), alpha=0.2, lw=0)
        ax.set_title(t[metric] + (" (%)" if metric in PERCENT else ""))
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        ax.set_xlabel(t["day"])
    axes[0, 0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def headline(comparison, lang: str = "en"):
    t = TEXT[lang]
    fig, axes = plt.subplots(1, len(BARS), figsize=(11, 3.8))
    table = comparison.table
    for ax, metric in zip(axes, BARS):
        sub = table[(table["metric"] == metric) & (table["n"] > 0)]
        scale = 100 if metric in PERCENT else 1
        mean = sub["mean"] * scale
        err = [(sub["mean"] - sub["ci_low"]) * scale, (sub["ci_high"] - sub["mean"]) * scale]
        ax.bar(sub["scenario"], mean, yerr=err, capsize=4, color=[f"C{i}" for i in range(len(sub))])
        ax.set_title(t[metric] + (" (%)" if metric in PERCENT else ""))
        ax.tick_params(axis="x", rotation=20)
        ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def save_all(comparison, folder: Path, lang: str = "en") -> None:
    for name, make in (("trajectories", trajectories), ("headline", headline)):
        fig = make(comparison, lang)
        fig.savefig(folder / f"{name}.png", dpi=120)
        fig.savefig(folder / f"{name}.svg")
        plt.close(fig)


def svg(fig) -> str:
    """A figure as inline SVG text (no external references), and close it."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def breakeven(result, lang: str = "en"):
    """B's value minus A's by market size (log axis), with its 95% interval and the break-even marked."""
    from ..experiments.breakeven import two_figures

    t = TEXT[lang]
    tab, p, m = result.table, result.point, result.manifest
    fig, ax = plt.subplots(figsize=(7.5, 4))
    # straight lines in people between the sizes, as the break-even is interpolated, drawn on the log axis
    n = tab["people"].to_numpy(float)
    x = np.unique(np.concatenate([np.linspace(n[i], n[i + 1], 50) for i in range(len(n) - 1)] + [n]))
    dense = {c: np.interp(x, n, tab[c].to_numpy(float)) for c in ("diff", "ci_low", "ci_high")}
    ax.fill_between(x, dense["ci_low"], dense["ci_high"], alpha=0.25, color="C0", label=t["interval"])
    ax.plot(x, dense["diff"], "-", color="C0", label=t["value_diff"].format(a=m["a"], b=m["b"]))
    ax.plot(n, tab["diff"], "o", color="C0")
    ax.axhline(0, color="#444", lw=1)
    if p["people"] is not None:
        ax.axvline(p["people"], color="C3", ls="--", lw=1, label=t["breakeven_at"].format(n=f"{two_figures(p['people']):,}"))
    ax.set_xscale("log")
    ax.set_xticks(tab["people"])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(t["market_people"])
    ax.set_ylabel(t["value_diff_axis"])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def save_breakeven(result, folder: Path, lang: str = "en") -> None:
    fig = breakeven(result, lang)
    fig.savefig(folder / "breakeven.png", dpi=120)
    fig.savefig(folder / "breakeven.svg")
    plt.close(fig)
