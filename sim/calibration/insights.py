"""A page's own daily analytics export, read into target figures for calibration.

Accepted columns (case-insensitive; first match wins). A Meta Page
Insights-style export works as it is:

| meaning | accepted names |
| --- | --- |
| day | day, date |
| followers at the end of the day | followers, fans, lifetime total likes, page_fans |
| unfollows | unfollows, daily unlikes, page_fan_removes |
| follows (optional) | follows, daily new likes, page_fan_adds |
| the page's posts | posts, daily posts, page_posts |
| organic impressions to followers | organic_impressions, daily organic impressions, page_impressions_organic |
| all impressions | impressions, daily total impressions, page_impressions |
| engagements | engagements, daily page post engagements, page_post_engagements |
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..scenario import ScenarioError

COLUMNS = {
    "day": ("day", "date"),
    "followers": ("followers", "fans", "lifetime total likes", "page_fans"),
    "unfollows": ("unfollows", "daily unlikes", "page_fan_removes"),
    "follows": ("follows", "daily new likes", "page_fan_adds"),  # optional: without it, day 0's follows are taken as none
    "posts": ("posts", "daily posts", "page_posts"),
    "organic_impressions": ("organic_impressions", "daily organic impressions", "page_impressions_organic"),
    "impressions": ("impressions", "daily total impressions", "page_impressions"),
    "engagements": ("engagements", "daily page post engagements", "page_post_engagements"),
}
REQUIRED = ("followers", "unfollows", "posts", "organic_impressions", "impressions", "engagements")


def read_insights(path: str | Path) -> pd.DataFrame:
    """The export with its columns renamed to the meanings above; one line errors for what is missing."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise ScenarioError(f"{path}: not a regular file (a folder, pipe or device); expected a daily analytics export (CSV)")
    try:
        raw = pd.read_csv(path)
    except FileNotFoundError:
        raise ScenarioError(f"{path}: file not found; expected a daily analytics export (CSV)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise ScenarioError(f"{path}: not a readable CSV ({e.__class__.__name__})") from None
    return normalize(raw, str(path))


def normalize(raw: pd.DataFrame, path: str = "<export>") -> pd.DataFrame:
    """An export's columns renamed to their meanings, checked."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    out = {}
    for meaning, names in COLUMNS.items():
        found = next((lower[n] for n in names if n in lower), None)
        if found is None and meaning in REQUIRED:
            raise ScenarioError(f"{path}: no column for {meaning}; expected one of: {', '.join(names)}")
        if found is not None:
            out[meaning] = raw[found] if meaning == "day" else pd.to_numeric(raw[found], errors="coerce")
    df = pd.DataFrame(out)
    bad = df[list(REQUIRED)].isna().any(axis=1)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ScenarioError(f"{path}: row {row + 2}: a missing or non-numeric value in {', '.join(c for c in REQUIRED if pd.isna(df[c].iloc[row]))}")
    if len(df) < 14:
        raise ScenarioError(f"{path}: {len(df)} days; expected at least 14 days of data")
    counts = [c for c in COLUMNS if c != "day" and c in df]
    for check, what in ((~np.isfinite(df[counts]), "a value that is not finite"), (df[counts] < 0, "a negative count")):
        rows = check.any(axis=1)
        if rows.any():
            row = int(np.flatnonzero(rows)[0])
            cols = ", ".join(c for c in counts if check[c].iloc[row])
            raise ScenarioError(f"{path}: row {row + 2}: {what} in {cols}; expected counts of 0 or more")
    for meaning in ("followers", "posts", "organic_impressions", "impressions"):
        if (df[meaning] == 0).all():
            raise ScenarioError(f"{path}: {meaning}: 0 on every day; expected a page with {meaning.replace('_', ' ')} to measure")
    above = df["engagements"] > df["impressions"]
    if above.any():
        row = int(np.flatnonzero(above)[0])
        raise ScenarioError(f"{path}: row {row + 2}: engagements = {df['engagements'].iloc[row]:g} above impressions = "
                            f"{df['impressions'].iloc[row]:g}; expected at most one engagement per impression")
    if (df["organic_impressions"] > df["impressions"]).any():
        row = int(np.flatnonzero(df["organic_impressions"] > df["impressions"])[0])
        raise ScenarioError(f"{path}: row {row + 2}: organic impressions above all impressions; expected organic <= total")
    return df


def targets_from_insights(df: pd.DataFrame) -> dict:
    """The page's figures, defined as audsim's summary defines them, plus its posting rate and size."""
    joined = df["follows"].iloc[0] if "follows" in df and pd.notna(df["follows"].iloc[0]) else 0
    followers_before = df["followers"].shift(1).fillna(df["followers"].iloc[0] + df["unfollows"].iloc[0] - joined)
    posting = df["posts"] > 0
    per_post = followers_before * df["posts"]
    days = len(df)
    return {
        "followers_start": float(followers_before.iloc[0]),
        "followers_end": float(df["followers"].iloc[-1]),
        "posts_per_day": float(df["posts"].mean()),
        "days": days,
        "organic_reach": float((df["organic_impressions"][posting] / per_post[posting]).mean()),
        "engagement_per_impression": float(df["engagements"].sum() / df["impressions"].sum()),
        "unfollow_rate_per_30d": float(df["unfollows"].sum() / df["followers"].mean() / days * 30),
    }


# The example export shipped in scenarios/examples/: made by the model from these known values.
EXAMPLE_TRUTH = {"platform.reach_base": 0.08, "reactions.engage_intercept": -5.5, "follows.base_hazard": 0.001}
EXAMPLE_RUN = {"market.people": 10_000, "simulation.days": 180, "simulation.seed": 11}


def export_from_run(daily: pd.DataFrame) -> pd.DataFrame:
    """A simulated run's daily table in the shape of a Page Insights export."""
    return pd.DataFrame({
        "Date": pd.date_range("2026-01-05", periods=len(daily), freq="D").strftime("%Y-%m-%d"),
        "Lifetime Total Likes": daily["followers"].astype(int),
        "Daily New Likes": daily["follows"].astype(int),
        "Daily Unlikes": daily["unfollows"].astype(int),
        "Daily Posts": daily["posts"].astype(int),
        "Daily Organic Impressions": daily["organic_impressions"].astype(int),
        "Daily Total Impressions": daily["impressions"].astype(int),
        "Daily Page Post Engagements": daily["engagements"].astype(int),
    })


def example_export(base) -> pd.DataFrame:
    """The shipped example: ``base`` with EXAMPLE_TRUTH, run as EXAMPLE_RUN."""
    from .. import runner

    sc = base.with_overrides(**EXAMPLE_TRUTH, **EXAMPLE_RUN)
    return export_from_run(runner.run(sc).daily)


DEFAULT_RANGES = {"platform.reach_base": (0.02, 0.4), "reactions.engage_intercept": (-8.0, -4.0), "follows.base_hazard": (0.0, 0.004)}


def spec_from_insights(path, base_file, market_multiple: float = 5.0):
    """A calibration of reach, engagement and unfollows to the page's own figures.

    The page's size, posting rate and horizon are set from the export (the
    market is ``market_multiple`` times its followers); the three behavioural
    parameters that set organic reach, engagement per impression and the
    unfollow rate are fitted, each target with a scale of a tenth of its value.
    """
    from .. import runner
    from .abc import CalibrationSpec, Target

    figures = targets_from_insights(read_insights(path))
    people = max(100, int(round(figures["followers_start"] * market_multiple)))
    spec = CalibrationSpec(
        base=str(base_file), samples=120, reps=1, rounds=3,
        fixed={"market.people": people, "market.initial_follower_share": 1.0 / market_multiple,
               "strategy.posts_per_day": figures["posts_per_day"], "simulation.days": figures["days"]},
        ranges=DEFAULT_RANGES,
        targets={k: Target(value=figures[k], scale=max(abs(figures[k]) * 0.1, 1e-4))
                 for k in ("organic_reach", "engagement_per_impression", "unfollow_rate_per_30d")},
    )
    base = runner.resolve(base_file).with_overrides(source=str(path), **spec.fixed)
    return spec, base, Path(base_file)
