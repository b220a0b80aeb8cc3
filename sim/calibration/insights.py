"""A page's own daily analytics export, read into target figures for calibration.

Accepted columns (case-insensitive; first match wins; ``COLUMNS`` has the
German names too). A Meta Page Insights-style export works as it is, its
legacy second row of column descriptions included:

| meaning | accepted names |
| --- | --- |
| day (required) | day, date, datum, end_time |
| followers at the end of the day | followers, fans, lifetime total likes, page_fans |
| unfollows | unfollows, daily unlikes, page_fan_removes |
| follows (optional) | follows, daily new likes, page_fan_adds |
| the page's posts | posts, daily posts, page_posts |
| organic impressions to followers | organic_impressions, daily organic impressions, page_impressions_organic |
| all impressions | impressions, daily total impressions, page_impressions |
| engagements | engagements, daily page post engagements, page_post_engagements |

As a spreadsheet writes it: separated by commas, semicolons or tabs (or as
Excel's ``sep=;`` line says), in UTF-8, UTF-16 or Windows' code page, counts
with their thousands grouped (24,060 or 24.060) or zero cents (2.005,00),
days as 2026-01-05, 05.01.2026 or 01/05/2026 with or without a time, in any
order (read from the first), blank rows left out. A row with more cells than
the header, a day listed twice, days missing, a total row or a count that is
not a whole number of 0 or more are refused, naming the row.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..scenario import ScenarioError, Strategy, _field_bounds

COLUMNS = {
    "day": ("day", "date", "datum", "tag", "end_time"),  # end_time: the Graph API's
    "followers": ("followers", "fans", "lifetime total likes", "page_fans", "follower", "follower insgesamt",
                  "gefällt mir-angaben insgesamt", "fans insgesamt"),
    "unfollows": ("unfollows", "daily unlikes", "page_fan_removes", "entfolgungen", "entfernte gefällt mir-angaben",
                  "nicht mehr gefällt mir-angaben", "verlorene follower"),
    "follows": ("follows", "daily new likes", "page_fan_adds", "neue follower", "neue gefällt mir-angaben"),  # optional
    "posts": ("posts", "daily posts", "page_posts", "beiträge"),
    "organic_impressions": ("organic_impressions", "daily organic impressions", "page_impressions_organic",
                            "organische impressionen"),
    "impressions": ("impressions", "daily total impressions", "page_impressions", "impressionen insgesamt", "impressionen"),
    "engagements": ("engagements", "daily page post engagements", "page_post_engagements", "interaktionen mit beiträgen",
                    "interaktionen"),
}
REQUIRED = ("followers", "unfollows", "posts", "organic_impressions", "impressions", "engagements")
# the day is required too: without it an export's order, a total row or a day given twice cannot be told
SEPARATORS = (",", ";", "\t")  # a German spreadsheet writes its CSV with semicolons
DATES = ("%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%y", "%Y/%m/%d")  # ISO, German, US, British
_TIME = re.compile(r"(?:[T ]\d{1,2}:\d{2}.*)?$")  # a time of day after the date, its zone with it: the day as written
_WHOLE = re.compile(r"[+-]?\d+")
_NO_FRACTION = re.compile(r"(?<=\d)[.,](?:0{1,2}|0{4,})$")  # 2010.0 or 2.010,00 (not ,000: a thousands group)
_GROUPED = re.compile(r"([+-]?)(\d{1,3}(?:([.,\s\u00a0\u202f'])\d{3})(?:\3\d{3})*)")  # 24,060 or 24.060 or 24 060
_DECIMAL_COMMA = re.compile(r"^([+-]?\d+),(\d{1,2})$")  # 1,5 or 12,25: a fraction (a thousands group has three digits)
MOST = 1e12  # no page's daily count comes near: a bigger one is a unit or export error
COUNT = "a whole number of 0 or more (thousands may be grouped: 24,060 or 24.060)"


def read_insights(path: str | Path) -> pd.DataFrame:
    """The export with its columns renamed to the meanings above, one row a day from the first; one line errors for
    what is missing or cannot be right."""
    path = Path(path)
    if path.exists() and not path.is_file():
        raise ScenarioError(f"{path}: not a regular file (a folder, pipe or device); expected a daily analytics export (CSV)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(f"{path}: file not found; expected a daily analytics export (CSV)") from None
    except OSError as e:
        raise ScenarioError(f"{path}: cannot read file ({e.__class__.__name__}); expected a daily analytics export (CSV)") from None
    if data[:4] == b"PK\x03\x04":  # a zip: .xlsx, .ods, .numbers
        raise ScenarioError(f"{path}: a spreadsheet workbook (or another zip file), not CSV; expected a daily analytics "
                            "export saved as CSV (in the spreadsheet: Save as, CSV)")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text"
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # a spreadsheet on Windows saves in its own code page
    if "\x00" in text or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an old .xls, or any other binary file
        raise ScenarioError(f"{path}: a binary file, not text; expected a daily analytics export saved as CSV")
    if text.lstrip()[:1] in ("{", "["):
        raise ScenarioError(f"{path}: JSON, not CSV; expected a daily analytics export saved as CSV (one row a day)")
    return normalize(_table(text, str(path)), str(path))


def _table(text: str, path: str) -> pd.DataFrame:
    """The CSV's cells as text, split at the separator whose header finds the most known columns (Excel's
    ``sep=;`` first line names it); each row's line in the file in ``attrs["lines"]``, blank rows dropped."""
    lines = text.splitlines()
    first = 1
    if lines and re.fullmatch(r"sep=(.)", lines[0].strip()):
        sep, first = lines[0].strip()[4], 2
        text = "\n".join(lines[1:])
    else:
        header = lines[0].lower() if lines else ""
        sep = max(SEPARATORS, key=lambda sep: sum(  # the first of a tie: commas
            any(n in {c.strip().strip('"') for c in header.split(sep)} for n in names) for names in COLUMNS.values()))
    try:
        with warnings.catch_warnings():  # rows longer than the header lose cells with a warning: an error here
            warnings.simplefilter("error", pd.errors.ParserWarning)
            raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skipinitialspace=True,
                              index_col=False, skip_blank_lines=False)
    except pd.errors.EmptyDataError:
        raise ScenarioError(f"{path}: empty; expected a daily analytics export with a header row") from None
    except (pd.errors.ParserError, pd.errors.ParserWarning) as e:
        where = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(e))
        header, longer = _longer_row(text, sep)
        said = (f"line {int(where[2]) + first - 1}: {where[3]} cells where the header has {where[1]}" if where else
                f"line {longer[0] + first - 1}: {longer[1]} cells where the header has {header}" if longer else
                "rows with more cells than the header" if isinstance(e, pd.errors.ParserWarning) else e.__class__.__name__)
        hint = (" (a number written 2,005 in a file separated by commas must be quoted)" if sep == "," and header >= 3 else
                f" (its first line has {header} cell{'s' if header != 1 else ''}: the header of a daily export has a column "
                "for each figure, a one-figure export or a title line is not one)" if header < 3 else "")
        raise ScenarioError(f"{path}: not a readable CSV ({said}); expected one cell a column, separated by "
                            f"{'a comma' if sep == ',' else 'a semicolon' if sep == ';' else 'a tab'}{hint}") from None
    blank = (raw.astype(str).apply(lambda c: c.str.strip()) == "").all(axis=1).to_numpy()  # ,,,,,,, or an empty line
    out = raw[~blank].reset_index(drop=True)
    out.attrs["lines"] = (np.arange(len(raw)) + first + 1)[~blank]  # the header is line ``first``
    return out


def _longer_row(text: str, sep: str) -> tuple[int, tuple[int, int] | None]:
    """The header's cells, and the first row with more: (its line in ``text``, from 1; its cells), or None."""
    rows = csv.reader(io.StringIO(text), delimiter=sep)
    header = len(next(rows, []))
    return header, next(((rows.line_num, len(row)) for row in rows if len(row) > header), None)


def _count(cell: str) -> tuple[float | None, str]:
    """A count as written in a cell, or None and why not."""
    text = str(cell).strip()
    if not text:
        return None, "missing"
    text = _NO_FRACTION.sub("", text)
    if _WHOLE.fullmatch(text):
        value = float(int(text))
    elif m := _GROUPED.fullmatch(text):
        value = float(int(m.group(1) + re.sub(r"\D", "", m.group(2))))
    else:
        try:
            value = float(_DECIMAL_COMMA.sub(r"\1.\2", text))  # 1,5: a German fraction, not a thousands group
        except ValueError:
            return None, "not a number"
        if not np.isfinite(value):
            return None, "not finite"
        if value != int(value):
            return None, "not a whole number"
    if value > MOST:
        return None, "more than 10^12 (no page's daily count comes near it: a unit or export error?)"
    return (None, "a negative count") if value < 0 else (value, "")


def _dates(cells: pd.Series) -> pd.Series:
    """The day column read with the format that reads the most cells (a time of day after it dropped); NaT where a
    cell is not a date in it."""
    days = cells.astype(str).str.strip().str.replace(_TIME, "", regex=True)
    return max((pd.to_datetime(days, format=f, errors="coerce") for f in DATES), key=lambda d: d.notna().sum())


def _near(columns, names: tuple[str, ...], least: float = 0.75) -> str:
    """"; if it is 'Organic Impressions (daily)', rename that column ...": the export's column most like one of ``names``, among those
    no meaning reads (a renamed column was refused with the list of names alone), or ""."""
    known = {n for ns in COLUMNS.values() for n in ns}
    free = [str(c) for c in columns if str(c).strip().lower() not in known]
    like = lambda c: max(difflib.SequenceMatcher(None, c.strip().lower(), n).ratio() for n in names)  # noqa: E731
    best = max(free, key=like, default=None)
    return f"; if it is {best!r}, rename that column {names[0]!r}" if best is not None and like(best) >= least else ""


def normalize(raw: pd.DataFrame, path: str = "<export>") -> pd.DataFrame:
    """An export's columns renamed to their meanings, checked, one row a day in order of the days."""
    header, passed_over = {}, []
    for meaning, names in COLUMNS.items():  # every column a name matches, in the names' order (Followers and followers both)
        candidates = [c for n in names for c in raw.columns if str(c).strip().lower() == n]
        found = candidates[0] if candidates else None
        if len(candidates) > 1:  # e.g. a page's likes and its followers: the first name above is read
            passed_over.append(f"{meaning} read from column {found!r}, not from {', '.join(map(repr, candidates[1:]))}")
        if found is None and (meaning in REQUIRED or meaning == "day"):
            seen = ", ".join(map(str, raw.columns[:12])) + (", ..." if len(raw.columns) > 12 else "")
            said = _near(raw.columns, names) or f" (found: {seen})"  # the likely column, or what there is (one line)
            raise ScenarioError(f"{path}: no column for {meaning}; expected one of: {', '.join(names)}{said}")
        if found is not None:
            header[meaning] = found
    lines = raw.attrs.get("lines", np.arange(len(raw)) + 2)  # the file's line of each row (a frame: after its header)
    raw = raw.astype(str).reset_index(drop=True)
    rows = pd.Series(lines, index=raw.index)
    counts = [m for m in header if m != "day"]
    parsed = {m: [_count(c) for c in raw[header[m]]] for m in counts}
    days = _dates(raw[header["day"]])
    if len(raw) and pd.isna(days.iloc[0]) and all(parsed[m][0][0] is None for m in REQUIRED):
        # the legacy export's second row describes each column (no day, no counts)
        raw, rows, days, parsed = raw.iloc[1:], rows.iloc[1:], days.iloc[1:], {m: v[1:] for m, v in parsed.items()}
    for i, line in enumerate(rows):
        for m in counts:
            value, why = parsed[m][i]
            if value is None and (m in REQUIRED or why != "missing"):
                raise ScenarioError(f"{path}: row {line}: {header[m]} = {raw[header[m]].iloc[i]!r}: {why}; expected {COUNT}")
    df = pd.DataFrame({m: [v for v, _ in parsed[m]] for m in counts}, index=raw.index, dtype=float)
    if days.isna().any():
        first = int(np.flatnonzero(days.isna().to_numpy())[0])
        cell = raw[header["day"]].iloc[first]
        if _dates(pd.Series([cell])).notna().all():  # a date, in another format than the rest
            other = int(np.flatnonzero(days.notna().to_numpy())[0])
            a, b = sorted((first, other))
            raise ScenarioError(f"{path}: rows {rows.iloc[a]} and {rows.iloc[b]}: {header['day']} = "
                                f"{raw[header['day']].iloc[a]!r} and {raw[header['day']].iloc[b]!r}: two date formats in one column; expected "
                                "every day written the same way (export the period again, or fix the column's format)")
        raise ScenarioError(f"{path}: row {rows.iloc[first]}: {header['day']} = {raw[header['day']].iloc[first]!r}: not a "
                            "date; expected one date a row (2026-01-05 or 05.01.2026), without total or note rows")
    order = np.argsort(days.to_numpy(), kind="stable")  # an export may list the newest day first
    days, df, rows = days.iloc[order], df.iloc[order], rows.iloc[order]
    step = days.diff().dt.days.iloc[1:].to_numpy()
    if (step == 0).any():
        at = int(np.flatnonzero(step == 0)[0]) + 1
        raise ScenarioError(f"{path}: rows {rows.iloc[at - 1]} and {rows.iloc[at]}: {header['day']} = "
                            f"{days.iloc[at]:%Y-%m-%d} twice; expected one row a day")
    if (step > 1).any():
        at = int(np.flatnonzero(step > 1)[0]) + 1
        raise ScenarioError(f"{path}: no rows from {days.iloc[at - 1] + pd.Timedelta(days=1):%Y-%m-%d} to "
                            f"{days.iloc[at] - pd.Timedelta(days=1):%Y-%m-%d} ({int(step[at - 1]) - 1} day{'s' if step[at - 1] > 2 else ''}); "
                            "expected one row a day, without gaps (export the whole period again)")
    df.insert(0, "day", days.to_numpy())
    df = df.reset_index(drop=True)
    df.attrs = {"columns": {m: str(c) for m, c in header.items()}, "notes": passed_over}  # what was read from where
    if len(df) < 14:
        raise ScenarioError(f"{path}: {len(df)} days; expected at least 14 days of data")
    for meaning in ("followers", "posts", "organic_impressions", "impressions"):
        if (df[meaning] == 0).all():
            raise ScenarioError(f"{path}: {header[meaning]}: 0 on every day; expected a page with {meaning.replace('_', ' ')} to measure")
    line = rows.to_numpy()

    def first_row(where, said: str):
        if where.any():
            row = int(np.flatnonzero(where.to_numpy())[0])
            values = {m: f"{df[m].iloc[row]:,.0f}" for m in df if m != "day"} | {f"{m}_column": c for m, c in header.items()}
            raise ScenarioError(f"{path}: row {line[row]}: {said.format(**values)}")

    first_row(df["engagements"] > df["impressions"], "{engagements} engagements ({engagements_column}) above {impressions} impressions "
              "({impressions_column}); expected at most one engagement per impression")
    first_row(df["organic_impressions"] > df["impressions"], "{organic_impressions} organic impressions ({organic_impressions_column}) above "
              "{impressions} in all ({impressions_column}); expected organic impressions to be part of all impressions")
    previous = df["followers"].shift(1)
    first_row(df["unfollows"] > previous + (df["follows"].fillna(0) if "follows" in df else 0),
              "{unfollows} unfollows ({unfollows_column}) on a page that had fewer followers the day before; "
              "expected at most as many unfollows as followers")
    first_row((previous >= 100) & ((df["followers"] > 10 * previous) | (df["followers"] < previous / 10)),
              "{followers} followers ({followers_column}), ten times more or less than the day before; expected the page's "
              "follower count day after day (a jump like this is an export or typing error)")
    most = _field_bounds(Strategy.model_fields["posts_per_day"])[1]
    if df["posts"].mean() > most:
        raise ScenarioError(f"{path}: {header['posts']}: {df['posts'].mean():.1f} posts a day on average; expected at most "
                            f"{most:g} a day (the most audsim models)")
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
    Returns the spec, the base scenario, its file and notes on how the export was read.
    """
    from .. import runner
    from .abc import CalibrationSpec, Target

    daily = read_insights(path)
    figures = targets_from_insights(daily)
    people = max(100, int(round(figures["followers_start"] * market_multiple)))
    spec = CalibrationSpec(
        base=str(base_file), samples=120, reps=1, rounds=3,
        fixed={"market.people": people, "market.initial_follower_share": 1.0 / market_multiple,
               "strategy.posts_per_day": figures["posts_per_day"], "simulation.days": figures["days"]},
        ranges=DEFAULT_RANGES,
        targets={k: Target(value=figures[k], scale=max(abs(figures[k]) * 0.1, 1e-4))
                 for k in ("organic_reach", "engagement_per_impression", "unfollow_rate_per_30d")},
    )
    # the same brand in the page's market (its budgets, prizes and listening scaled with it), as the fitted file reloads
    base = runner.resolve(base_file, people=people).with_overrides(source=str(path), **spec.fixed)
    return spec, base, Path(base_file), daily.attrs["notes"]
