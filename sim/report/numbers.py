"""Numbers as a client reads them, in English or German.

Model output averaged over replications is not exact to the euro or the
follower: sums of money and counts in the report's sentences and tables keep
three significant figures (4.93 million EUR, 29,000 followers); the CSV files
keep every digit. German uses a decimal comma, a point between thousands, a
space before the percent sign; both use a true minus sign, and a sum is never
broken from its unit.
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..model.measures import COST_PARTS

NONE = {"en": "n/a", "de": "k. A."}  # no value (a page that does not exist has no unfollow rate)
MINUS = "\u2212"


def decimal(x, spec: str, lang: str = "en") -> str:
    """``format(x, spec)`` with a decimal comma in German and a true minus sign; a number that rounds to zero has
    no sign (not "\u22120.0")."""
    text = format(x, spec)
    if text[:1] in "+-" and not any(c in "123456789" for c in text):
        text = text[1:]
    text = text.replace("-", MINUS)
    return text.replace(".", ",") if lang == "de" else text


def percent(x, digits: int = 0, lang: str = "en", signed: bool = False) -> str:
    """A share as a percentage: 12.3% (de: "12,3 %", never broken before the sign); ``signed``: +12.3% for a
    change, \u00b10% for none (a bare "0%" beside a rate reads as the rate)."""
    if pd.isna(x):
        return NONE[lang]
    text = decimal(100 * x, f"{'+' if signed else ''}.{digits}f", lang)
    text = "\u00b1" + text if signed and text[:1] not in "+" + MINUS else text
    return f"{text}\u00a0%" if lang == "de" else f"{text}%"


def significant(x: float, digits: int = 3) -> float:
    """``x`` rounded to ``digits`` significant figures."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def change_digits(share: float) -> int:
    """Decimals of a change given in percent: a tenth of a percent below 1% ("−0.3%", not "±0%")."""
    return 1 if abs(share) < 0.01 else 0


def _grouped(x: float, decimals: int, lang: str) -> str:
    text = f"{x:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def count(x: float, lang: str = "en", digits: int | None = None, signed: bool = False) -> str:
    """A number of people, its size only (the sentence says gained or lost): 48,000; with ``digits``, rounded to
    that many significant figures (28,977 -> 29,000); ``signed`` where no word says the direction (+4,760)."""
    r = significant(x, digits) if digits else x
    text = _grouped(abs(r), 0, lang)
    return (MINUS if r < 0 else "+" if r > 0 else "") + text if signed and text != "0" else text


def ordinal(k: int, lang: str = "en") -> str:
    """A place in a ranking as a sentence says it after "comes": 1st, 2nd, 3rd, 4th, 11th (de: the number, after "Platz")."""
    if lang != "en":
        return str(k)
    return f"{k}{'th' if 10 <= k % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th')}"


def money(x: float, lang: str = "en", currency: str = "", signed: bool = False) -> str:
    """A sum of money to three significant figures: 4.93 million, 96,600, 9.37 (de: 4,93 Mio., 96.600, 9,37),
    with the currency where the set names one and a sign where ``signed``."""
    if pd.isna(x):
        return NONE[lang]
    r = significant(float(x))
    a = abs(r)
    if a >= 1e6:
        text = millions(a, 2 if a < 1e7 else 1 if a < 1e8 else 0, lang)
    else:
        text = _grouped(a, 0 if a >= 100 or a == 0 else 1 if a >= 10 else 2, lang)
    sign = MINUS if r < 0 else "+" if signed and r > 0 else ""
    return f"{sign}{text}\u00a0{currency}" if currency else f"{sign}{text}"  # never broken before the unit


def millions(x: float, decimals: int, lang: str = "en") -> str:
    """A sum in millions with ``decimals`` (1.62 million, de: 1,62 Mio.): a table row writes its sums of a million
    or more with one number of decimals; a sum below a million is written in full, never "0.09 million"."""
    if pd.isna(x):
        return NONE[lang]
    v = round(float(x) / 1e6, decimals)
    sign = MINUS if v < 0 else ""
    return f"{sign}{_grouped(abs(v), decimals, lang)}" + ("\u00a0Mio." if lang == "de" else "\u00a0million")


def sum_terms(total: float, terms, lang: str = "en", currency: str = "", unit: float | None = None) -> list[str]:
    """``total`` and the ``terms`` it is the sum of, each rounded to ``unit`` (by default that of the total's third
    significant figure) and written out in full (no "million"), so that the parts add up to the total as printed,
    give or take that unit: a small value of large parts (16,061 + 558,701 - 573,342 = 1,420) does not read
    16,100 + 559,000 - 573,000."""
    if unit is None:
        unit = 10.0 ** max(0, math.floor(math.log10(abs(total))) - 2) if total and math.isfinite(total) else 1.0
    return [fixed(x, unit, lang, currency) for x in (total, *terms)]


def common_unit(amounts) -> float:
    """One rounding unit for sums of money read side by side: the smallest amount keeps three significant figures,
    the largest at most five (a power of ten, at least 1)."""
    a = [abs(float(x)) for x in amounts if pd.notna(x) and math.isfinite(float(x)) and x != 0]
    if not a:
        return 1.0
    return 10.0 ** max(0, math.floor(math.log10(min(a))) - 2, math.floor(math.log10(max(a))) - 4)


def fixed(x, unit: float, lang: str = "en", currency: str = "", signed: bool = False) -> str:
    """A sum of money rounded to ``unit`` and written out in full: 1,715,100 (de: 1.715.100)."""
    if pd.isna(x):
        return NONE[lang]
    r = round(float(x) / unit) * unit
    text = f"{MINUS if r < 0 else '+' if signed and r > 0 else ''}{_grouped(abs(r), 0, lang)}"
    return f"{text}\u00a0{currency}" if currency else text


def interval_ends(low: float, high: float, fmt) -> tuple[str, str]:
    """A 95% interval's ends for a sentence, each written by ``fmt(x, signed)``: of the size of the difference when
    it lies on one side of zero, for a sentence that says the direction ("1,210 to 5,745 less", not "\u22125,745 to
    \u22121,210 less"); else both signed (\u22120.002 to +0.012), for one that says it is within chance, an end at zero
    unsigned (an interval of no width read "\u00b10% to \u00b10%")."""
    if low > 0 or high < 0:
        return tuple(fmt(x, False) for x in sorted((abs(low), abs(high))))
    return fmt(low, low != 0), fmt(high, high != 0)


def number(v, lang: str = "en") -> str:
    """A tick or a figure: 80,000 and 0.4 (de: 80.000 and 0,4), a true minus sign."""
    text = f"{v:,.0f}" if abs(v) >= 1000 else f"{v:g}"
    if lang == "de":
        text = text.translate(str.maketrans(",.", ".,"))
    return text.replace("-", MINUS)


def ticks(lang: str = "en") -> FuncFormatter:
    return FuncFormatter(lambda v, _: number(v, lang))


AXIS_UNITS = {"en": ((1e6, "million"), (1e3, "thousand")), "de": ((1e6, "Mio."), (1e3, "Tsd."))}


def axis_unit(largest: float, lang: str = "en") -> tuple[float, str]:
    """The unit of a money axis reaching ``largest``: millions or thousands, named once beside the currency in its
    title, so that each tick is a short number ("\u2212200"); a unit on every tick ("\u2212200 Tsd.") ran into the
    next one."""
    return next(((size, word) for size, word in AXIS_UNITS[lang] if abs(largest) >= size), (1.0, ""))


def capital(text: str) -> str:
    """A label at the head of a line, a sentence or a column: its first letter capital."""
    return text[:1].upper() + text[1:]


# What a figure can take: intervals are cut there (two runs gave organic reach 1.4% [-1.1%, 3.8%])
RELATIVE_CHANGES = ("followers_change", "purchase_index_change")  # end / start - 1: at least -1
SHARES = ("long_term_trust", "organic_reach", "interaction_rate", "engagement_per_impression")  # from 0 to 1
NOT_NEGATIVE = ("unfollow_rate_per_30d", "followers_end", "purchase_index_start", "purchase_index_end", "customers_start",
                "customers_end", "revenue", "gross_profit", "cost", *COST_PARTS, "customer_equity_start",
                "customer_equity_end_present", "staff_hours", "content_hours", "full_time_staff", "cost_per_answer")


def possible(metric: str, mean: float, low: float, high: float) -> tuple[float, float, float]:
    """(mean, low, high) with a t-interval over few runs cut to what the figure can take (the true value lies inside,
    so nothing is lost): no share or trust below 0 or above 1, no count, rate or sum of money below 0, no relative
    change below -100%."""
    if metric in RELATIVE_CHANGES:
        low = max(low, -1.0)
    if metric in SHARES or metric in NOT_NEGATIVE:
        low = max(low, 0.0)
    if metric in SHARES:
        high = min(high, 1.0)
    return mean, low, high
