"""Comparison plots: trajectories with their bands, headline figures as bars with intervals."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator, NullFormatter  # noqa: E402

from .i18n import TEXT, dative, plain_period  # noqa: E402
from .numbers import axis_unit, capital, count, decimal, number, possible, ticks  # noqa: E402

PANELS = ("followers", "trust_market", "organic_reach", "interaction_rate")
BARS = ("long_term_trust", "unfollow_rate_per_30d")
TRUST = {"trust_market", "trust_followers"}
DAILY_RATES = {"organic_reach", "interaction_rate"}
PERCENT = {"organic_reach", "interaction_rate", "unfollow_rate_per_30d", "followers_change", "purchase_index_change", "engagement_per_impression"}


def strategies(comparison, story=None, lang: str = "en") -> tuple[list[str], dict, dict]:
    """The strategies in the report's order (the story's: current, proposed, the others), one colour each for
    every chart, and their names in the report's language."""
    names = list(dict.fromkeys(comparison.table["scenario"] if len(comparison.table) else comparison.runs["scenario"]))
    if story is not None:
        story = story.resolved(comparison)
        names = [n for n in story.order(comparison) if n in names]
    colour = {n: f"C{i}" for i, n in enumerate(names)}
    label = {n: capital(story.label(n, lang)) if story is not None else n for n in names}
    return names, colour, label


def trajectories(comparison, lang: str = "en", story=None):
    t = TEXT[lang]
    names, colour, label = strategies(comparison, story, lang)
    fig, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
    traj = comparison.trajectories
    followers = traj[traj["metric"] == "followers"]
    no_page = {n for n in names if followers.loc[followers["scenario"] == n, "mean"].fillna(0).eq(0).all()}
    style = {n: "--" if n in no_page else "-" for n in names}  # a brand without a page, dashed: its trust may lie on another's line
    for ax, metric in zip(axes.flat, PANELS):
        sub = traj[traj["metric"] == metric]
        top = 0.0  # the highest mean line: the axis reaches a little beyond it, not to the widest band
        for name in names:
            g = sub[sub["scenario"] == name]
            if g.empty or g["mean"].isna().all() or (metric == "followers" and g["mean"].max() == 0):
                continue  # a strategy without a page has no line of followers (it stays in the legend)
            scale = 100 if metric in PERCENT else 1
            bands = g[["mean", "low", "high"]]
            if metric in DAILY_RATES:  # a day's rate swings with a handful of posts: the week's mean reads
                bands = bands.rolling(7, min_periods=1).mean()
            ax.plot(g["day"], bands["mean"] * scale, label=label[name], lw=1.6, color=colour[name], ls=style[name])
            top = max(top, float(np.nanmax(bands["mean"])) * scale)
            ax.fill_between(g["day"], bands["low"] * scale, bands["high"] * scale, color=colour[name], alpha=0.2, lw=0)
        ax.set_title(t.get(f"plot_{metric}", t[metric]) + (" (%)" if metric in PERCENT else "")
                     + (f", {t['seven_day']}" if metric in DAILY_RATES else ""))
        ax.set_ylim(0, 1 if metric in TRUST else None)  # shares and counts read against zero; trust on its whole 0-1 scale
        if metric not in TRUST and top > 0 and ax.get_ylim()[1] > 2 * top:  # few replications: bands of 95% that wide
            ax.set_ylim(0, 2 * top)  # hid the lines (a band of 70% about a reach of 15%); the band runs off the chart
        timeline_bands(ax, comparison, names, colour, lang, labelled=ax is axes.flat[0])
        ax.yaxis.set_major_formatter(ticks(lang))
        ax.grid(alpha=0.3)
    for ax in axes[-1]:
        time_axis(ax, int(traj["day"].max()) + 1 if len(traj) else 0, lang)
    handles = [plt.Line2D([], [], color=colour[n], lw=2, ls=style[n]) for n in names]  # every strategy, also one without a page
    fig.legend(handles, [label[n] for n in names], loc="lower center", ncol=min(len(names), 5), frameon=False, fontsize=9)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def timeline_bands(ax, comparison, names: list[str], colour: dict, lang: str = "en", labelled: bool = True) -> None:
    """The days of each [[timeline]] window (a crisis, a campaign) as a light band: grey where every strategy has
    it, else in the colours of those that do; ``labelled`` with its days, as the strategies' descriptions name them."""
    t, horizon = TEXT[lang], None
    windows: dict[tuple[int, int], list[str]] = {}
    for name in names:
        sc = comparison.manifest.get("scenarios", {}).get(name, {})
        horizon = sc.get("simulation", {}).get("days", horizon)
        for e in sc.get("timeline") or []:
            start = e.get("from") if e.get("from") is not None else e.get("at")
            windows.setdefault((start, e.get("to") or horizon, e.get("label") or ""), []).append(name)
    for (start, end, label), having in windows.items():
        shade = "0.3" if len(having) == len(names) else colour[having[0]]
        ax.axvspan(start, end, color=shade, alpha=0.1, lw=0)
        if labelled:  # by its label where it has one ("product crisis"), else by its days
            ax.text(start, 0.98, " " + (label or t["tl_days"].format(a=start, b=end - 1)), transform=ax.get_xaxis_transform(),
                    fontsize=8, color=shade, va="top", parse_math=False, zorder=5,  # a label is the user's words, not TeX;
                    bbox={"facecolor": "white", "alpha": 0.8, "lw": 0, "pad": 1})  # over the lines, readable


def time_axis(ax, days: int, lang: str = "en") -> None:
    """Days as a client counts them: years over two years or more, months over two months or more, else days."""
    t = TEXT[lang]
    for unit, length, least in (("year", 365.0, 2 * 365), ("month", 30.44, 60), ("day", 1.0, 0)):  # a 1,095-day horizon ends on 3
        if days >= least:
            break
    ax.xaxis.set_major_locator(MultipleLocator(length * max(1, round(days / length / 8)) if unit != "year" else length))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(round(v / length), lang)))
    ax.set_xlabel(t[f"axis_{unit}s"])


def headline(comparison, lang: str = "en", story=None):
    t = TEXT[lang]
    names, colour, label = strategies(comparison, story, lang)
    fig, axes = plt.subplots(1, len(BARS), figsize=(11, 3.8))
    table = comparison.table
    for ax, metric in zip(axes, BARS):
        sub = table[(table["metric"] == metric) & (table["n"] > 0)].set_index("scenario")
        shown = [n for n in names if n in sub.index]
        sub = sub.loc[shown]
        scale = 100 if metric in PERCENT else 1
        mean, low, high = np.array([possible(metric, *row) for row in sub[["mean", "ci_low", "ci_high"]].to_numpy()]).reshape(-1, 3).T
        err = [(mean - low) * scale, (high - mean) * scale]  # cut where the figure cannot go, as the table's
        ax.bar([label[n] for n in shown], sub["mean"] * scale, yerr=err, capsize=4, color=[colour[n] for n in shown])
        ax.set_title(t.get(f"plot_{metric}", t[metric]) + (" (%)" if metric in PERCENT else ""))
        if metric == "long_term_trust":  # trust on its whole 0-1 scale, as in the trajectories (0-0.53 magnified the gaps)
            ax.set_ylim(0, 1)
        ax.yaxis.set_major_formatter(ticks(lang))
        plt.setp(ax.get_xticklabels(), rotation=20, ha="right")
        ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def save_all(comparison, folder: Path, lang: str = "en", story=None) -> None:
    """trajectories.png/svg and headline.png/svg, in ``lang`` and, with a ``story``, in its words for the strategies."""
    for name, make in (("trajectories", trajectories), ("headline", headline)):
        fig = make(comparison, lang, story)
        fig.savefig(folder / f"{name}.png", dpi=120)
        save_svg(fig, folder / f"{name}.svg")
        plt.close(fig)


def save_svg(fig, target) -> None:
    """The figure as SVG, the same file from the same runs: its element ids from a fixed salt, not random ones, and
    without the day it was drawn (two runs of a command differed in every SVG)."""
    with plt.rc_context({"svg.hashsalt": "audsim"}):
        fig.savefig(target, format="svg", metadata={"Date": None})


def svg(fig) -> str:
    """A figure as inline SVG text (no external references), and close it."""
    buf = io.StringIO()
    save_svg(fig, buf)
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def breakeven(result, lang: str = "en", labels: dict | None = None, currency: str = "", market: int | None = None):
    """B's value minus A's by market size (log axis), with its 95% interval and the break-even marked; ``labels``
    name the strategies (a report's words), ``currency`` the money's unit, ``market`` the client's market (marked
    where it lies among the sizes run, as the text places it)."""
    from ..experiments.breakeven import COSTS_CONTINUE, two_figures

    t = TEXT[lang]
    tab, p = result.table, result.point
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    # straight lines in people between the sizes, as the break-even is interpolated, drawn on the log axis
    n = tab["people"].to_numpy(float)
    x = np.unique(np.concatenate([np.linspace(n[i], n[i + 1], 50) for i in range(len(n) - 1)] + [n]))
    dense = {c: np.interp(x, n, tab[c].to_numpy(float)) for c in ("diff", "ci_low", "ci_high")}
    ax.fill_between(x, dense["ci_low"], dense["ci_high"], alpha=0.25, color="C0", label=t["interval"])
    a, b = result.names(labels)
    ax.plot(x, dense["diff"], "-", color="C0", label=t["value_diff"].format(a=a, b=b))
    ax.plot(n, tab["diff"], "o", color="C0")
    if (kept := result.costs_continue()) is not None:  # the same runs, each strategy's cost kept up after the end
        ax.fill_between(x, np.interp(x, n, kept["ci_low"].to_numpy(float)), np.interp(x, n, kept["ci_high"].to_numpy(float)),
                        alpha=0.15, color="C1", lw=0)
        ax.plot(x, np.interp(x, n, kept["diff"].to_numpy(float)), "--", color="C1", label=t["value_diff_costs"])
        ax.plot(n, kept["diff"], "o", color="C1", ms=4)
    ax.axhline(0, color="#444", lw=1)
    if p["people"] is not None:
        ax.axvline(p["people"], color="C3", ls="--", lw=1, label=t["breakeven_at"].format(n=number(two_figures(p["people"]), lang)))
    kept_point = (p.get("other_valuations") or {}).get(COSTS_CONTINUE) or {}
    if kept is not None and kept_point.get("people") is not None:
        ax.axvline(kept_point["people"], color="C1", ls=":", lw=1.2,
                   label=t["breakeven_costs_at"].format(n=number(two_figures(kept_point["people"]), lang)))
    if market is not None and n[0] <= market <= n[-1]:
        ax.axvline(market, color="#222", ls="-.", lw=1, label=t["your_market_at"].format(n=number(market, lang)))
    ax.set_xscale("log")
    ax.set_xticks(tab["people"])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(t["market_people_over"].format(period=plain_period(result.manifest["days"], t)))  # the value's horizon
    ax.set_ylabel(t["value_diff_axis"] + (f" ({currency})" if currency else ""))
    ax.yaxis.set_major_formatter(ticks(lang))
    shown, last = set(), np.inf  # from the largest size down, a label at least a fifth of a decade from the last
    for size in sorted(n, reverse=True):
        if np.log10(last / size) >= 0.2:
            shown.add(size)
            last = size
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang) if v in shown else ""))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)  # under the axes:
    fig.tight_layout()  # inside, wherever it went, it could cover a band or a line
    return fig


def save_breakeven(result, folder: Path, lang: str = "en", labels: dict | None = None, currency: str = "") -> None:
    fig = breakeven(result, lang, labels, currency)
    fig.savefig(folder / "breakeven.png", dpi=120)
    save_svg(fig, folder / "breakeven.svg")
    plt.close(fig)


def thresholds(comparison, story, lang: str) -> dict:
    """The trust above which a person is an advocate and below which a detractor, as the current strategy's
    scenario sets them (word_of_mouth.advocate_trust, detractor_trust), written in the report's language."""
    from ..scenario import WordOfMouth

    m = comparison.manifest
    said = m.get("scenarios", {}).get(story.current or m.get("baseline"), {}).get("word_of_mouth", {})
    high, low = (said.get(k, WordOfMouth.model_fields[k].default) for k in ("advocate_trust", "detractor_trust"))  # else the defaults
    return {"high": decimal(high, "g", lang), "low": decimal(low, "g", lang)}


def story_figures(comparison, story, lang: str = "en") -> dict:
    """The first screen's three figures: followers over time, net advocates and value, the current strategy first.

    Followers start at 0; net advocates are bars with their 95% intervals against a zero line; value is each
    strategy's minus the current one's in the same runs (paired), what a change of strategy is worth: every value
    may be below zero (a market losing trust costs every strategy), and the choice is between them."""
    from .story import axis_from_zero, bars, differences

    t = TEXT[lang]
    story = story.resolved(comparison)
    names, colour, label = strategies(comparison, story, lang)
    out = {}

    fig, ax = plt.subplots(figsize=(5.6, 3.6))  # wide and low: readable words, and the bars below still on a printed page 1
    traj = comparison.trajectories
    sub = traj[traj["metric"] == "followers"]
    for n in names:
        g = sub[sub["scenario"] == n]
        if g.empty or g["mean"].fillna(0).eq(0).all():  # no followers to draw: named in the legend all the same
            ax.plot([], [], color=colour[n], lw=1.2, ls="--", label=t["legend_no_followers"].format(label=label[n]))
            continue
        wide = 2.6 if n in (story.current, story.proposed) else 1.2
        ax.plot(g["day"], g["mean"], color=colour[n], lw=wide, label=label[n])
        ax.fill_between(g["day"], g["low"], g["high"], color=colour[n], alpha=0.18, lw=0)
    ax.set_ylim(0, None)
    timeline_bands(ax, comparison, names, colour, lang)  # a crisis's days, where the followers' line bends
    time_axis(ax, int(sub["day"].max()) + 1 if len(sub) else 0, lang)
    ax.set_title(t["fig_followers"])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: count(v, lang)))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2,  # under the axes: on
              columnspacing=1.2, handlelength=1.6)                                                 # them it hid the lines
    fig.tight_layout()
    out["followers"] = fig

    for key, metric in (("advocates", "net_advocates_end"), ("value", "value")):
        b = bars(comparison, story, metric) if key == "advocates" else differences(comparison, story, metric)
        fig, ax = plt.subplots(figsize=(4.4, 3.2))
        y = np.arange(len(b))
        err = [(b["mean"] - b["low"]).fillna(0), (b["high"] - b["mean"]).fillna(0)]
        ax.barh(y, b["mean"].fillna(0), xerr=err, capsize=3, color=[colour[n] for n in b["scenario"]])
        ax.set_yticks(y, [label[n] for n in b["scenario"]], fontsize=9.5)
        ax.invert_yaxis()
        ax.axvline(0, color="#333", lw=0.9)
        ax.set_xlim(*axis_from_zero(list(b["low"]) + list(b["high"]) + list(b["mean"])))
        if key == "advocates":
            title, fmt = t["fig_advocates"], lambda v, _: f"{v:+.0f}".replace("-", "\u2212") if v else "0"
        else:  # money in one unit, named in the title: short ticks
            size, word = axis_unit(max(map(abs, ax.get_xlim())), lang)
            unit = " ".join(w for w in (word, story.currency) if w)
            title = t["fig_value"].format(current=dative(story.label(story.current, lang), lang)) + (f" ({unit})" if unit else "")
            fmt = lambda v, _, size=size: ("+" if v > 0 else "") + number(v / size, lang)  # noqa: E731  more or less
        ax.xaxis.set_major_formatter(FuncFormatter(fmt))
        ax.tick_params(axis="x", labelsize=9)
        # the labels take half the width: the title and the note wrap to the plot's, not the figure's
        ax.set_title(textwrap.fill(title, 28), fontsize=10.5)
        note = t["fig_value_note"] if key == "value" else t["fig_advocates_note"].format(**thresholds(comparison, story, lang))
        ax.set_xlabel(textwrap.fill(note, 32), fontsize=8.5)
        ax.grid(axis="x", alpha=0.3)
        fig.tight_layout()
        spaced(fig, ax)
        out[key] = fig
    return out


def spaced(fig, ax, most: int = 4) -> None:
    """At most ``most`` ticks on ``ax``'s x axis, fewer where their labels would touch: a label is read whole."""
    for bins in range(most, 0, -1):
        ax.xaxis.set_major_locator(MaxNLocator(bins))
        if not overlapping(fig, ax):
            return


def overlapping(fig, ax, gap: float = 3.0) -> bool:
    """Whether two of the x axis's tick labels in view come closer than ``gap`` pixels."""
    fig.canvas.draw()
    lo, hi = sorted(ax.get_xlim())
    boxes = sorted((label.get_window_extent() for tick, label in zip(ax.get_xticks(), ax.get_xticklabels())
                    if lo <= tick <= hi and label.get_text()), key=lambda box: box.x0)
    return any(a.x1 + gap > b.x0 for a, b in zip(boxes, boxes[1:]))
