"""The client report: one self-contained HTML file, written from the measured numbers.

Plots are inline SVG; nothing is loaded from the network. The verdict's
sentences are filled from the comparison table, never written in advance.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..experiments import stats
from ..model.measures import COST_PARTS
from ..model.sales import FADING_VALUE
from ..model.sales import OTHER_VALUES as VALUATIONS  # value with weaker and stronger links of trust to money
from ..model.service import fixed_staff, has_desk
from ..scenario import parameters
from . import plots
from .i18n import TEXT, cite, contracted, dative, meaning, plain_period, source, unit
from .numbers import (
    NONE,
    capital,
    change_digits,
    count,
    decimal,
    fixed,
    interval_ends,
    millions,
    money,
    number,
    percent,
    possible,
    significant,
    sum_terms,
)
from .story import default_page, horizon_words, listed, money_unit, valuation_pct, valuing_labels, valuings

TABLE_METRICS = ("net_advocates_end", "purchase_index_start", "purchase_index_end", "purchase_index_change", "long_term_trust", "unfollow_rate_per_30d", "followers_change",
                 "followers_end", "organic_reach", "interaction_rate", "engagement_per_impression", "customers_start", "customers_end", "revenue", "gross_profit", "cost",
                 *COST_PARTS, "net_profit", "net_profit_present", "customer_equity_start", "customer_equity_end_present",
                 "customer_equity_change_present", "value", *VALUATIONS, FADING_VALUE, "value_costs_continue",
                 "staff_hours", "content_hours", "full_time_staff",
                 "cost_per_answer")
SUMS = (  # sums of money and counts: three significant figures
    *COST_PARTS, "followers_end", "revenue", "cost", "gross_profit", "net_profit", "net_profit_present", "value", "customer_equity_start",
    "customer_equity_end_present", "customer_equity_change_present", *VALUATIONS, FADING_VALUE, "value_costs_continue", "staff_hours",
         "content_hours", "cost_per_answer", "customers_start", "customers_end")

CHANGES = ("followers_change", "purchase_index_change")  # shares of the start: a gain with its plus sign
PER_UNIT = ("cost_per_answer",)  # money per answer: in the currency, but not rounded to the report's unit of sums (31 EUR read "0")

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.headline{font-size:1.35em;line-height:1.4;background:#f4f7fb;border-left:6px solid #2a6ebb;padding:.7em 1em;margin:.6em 0 .4em}.headline p{margin:0}.headline p.caveat{font-size:.72em;line-height:1.45;margin-top:.6em;color:#333}
.figures{display:flex;gap:.6em;flex-wrap:wrap}.figures>div{flex:1 1 320px;min-width:0}.figures>div[data-figure=followers]{flex:1.3 1 400px}h3{margin-top:1.3em}
h2.details{margin-top:2.4em}
@page{size:A4;margin:14mm 14mm 16mm;@bottom-right{content:counter(page) ' / ' counter(pages);font-size:8pt;color:#666}}
@media print{body{max-width:none;margin:0;font-size:10.5pt}h1{font-size:1.35em}.headline{font-size:1.02em}h2{margin:.6em 0 .3em}.figures{display:grid;grid-template-columns:49% 49%;column-gap:2%;break-inside:avoid}.figures>div{text-align:center;break-inside:avoid}.figures>div svg{width:100%;height:auto}.figures>div[data-figure=followers]{grid-column:1 / span 2;justify-self:center;width:62%}.plot,section.breakeven{break-inside:avoid}h2,h3,summary{break-after:avoid}.verdict p,p.note{break-inside:avoid}tr{break-inside:avoid}h3.appendix,h3.table{break-before:page}li,ul.strategies{break-inside:avoid}table.comparison{width:100%;font-size:.78em}table.comparison td:first-child{width:26%}h3.appendix+details>summary{display:none}table.assumptions{font-size:.8em;table-layout:fixed;width:100%}table.assumptions td,table.assumptions th{font-size:1em}table.assumptions col.key{width:28%}table.assumptions col.value{width:10.5%}table.assumptions col.unit{width:16%}table.assumptions col.source{width:35%}table.assumptions td,table.assumptions th{padding:.15em .3em;overflow-wrap:break-word;hyphens:auto}table.comparison tr:last-child{break-before:avoid}table.assumptions code{white-space:normal;overflow-wrap:anywhere}table.assumptions .meaning{min-width:0}thead{display:table-header-group}details.manifest{display:none}summary{list-style:none}summary::-webkit-details-marker{display:none}}
@media screen{.ci{white-space:nowrap}table.comparison .ci{font-size:.82em}}  /* an interval is read whole; on paper its column is too narrow for it */
@media screen and (max-width:760px){body{margin:1em auto}.headline{font-size:1.1em}table{display:block;overflow-x:auto}}  /* a phone scrolls a wide table, not the page */
.verdict{background:#f4f7fb;border-left:5px solid #2a6ebb;padding:.8em 1.2em;font-size:1.08em}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:right}
th:first-child,td:first-child{text-align:left}td.part{padding-left:1.6em}@media screen{table.comparison td:first-child{min-width:11em}table.comparison{font-size:.93em}}.note{color:#555;font-size:.9em}.warn{color:#a33}
code{overflow-wrap:anywhere}table.assumptions td,table.assumptions th{text-align:left;font-size:.85em}table.assumptions code{overflow-wrap:normal;white-space:nowrap}table.assumptions .meaning{display:block;color:#555;font-size:.92em;min-width:14em}table.assumptions tr.changed td:nth-child(3){font-weight:600}pre{background:#f6f6f6;padding:.8em;overflow:auto;font-size:.8em;max-height:30em}svg{max-width:100%;height:auto}
"""


def _fmt(metric, x, lang: str = "en", extra: int = 0, small: bool | None = None, million: int | None = None,
         unit: float | None = None):
    """A table cell in the report's language; a share below 0.1% (``small``: any in its row) keeps two decimals,
    so it does not read as zero. ``extra`` decimals for an interval whose ends would otherwise read the same;
    ``million``: a sum of a million or more in millions with that many decimals (a row that runs into millions); a
    smaller one in full, as ``money`` writes it (968,000, not "0.97 million"; 3,000, not "0.00 million"). ``unit``: an
    amount of money rounded to it, as the sentences and the slides round it (so that the parts of a sum add up)."""
    if pd.isna(x):
        return NONE[lang]
    if unit is not None and metric in CURRENCY_ROWS and metric not in PER_UNIT:
        return fixed(x, unit, lang)
    if million is not None and metric in SUMS and abs(significant(x)) >= 1e6:
        return millions(x, million + extra, lang)
    if metric in plots.PERCENT:
        small = 0 < abs(x) < 0.001 if small is None else small
        text = percent(x, (2 if small else 1) + extra, lang)
        return "+" + text if metric in CHANGES and x > 0 else text
    if metric in SUMS:
        return money(x, lang)
    if metric == "net_advocates_end":
        return decimal(x, "+.1f", lang)
    if metric == "full_time_staff":
        return "0" if x == 0 else decimal(x, ".1f", lang)  # none, as the other rows write none
    return decimal(x, f".{3 + extra}f", lang)


def _cells(metric, rows, lang: str = "en", unit: float | None = None) -> list[tuple[str, str, str]]:
    """Each strategy's mean and interval ends, (mean, low, high) per row, all with the same decimals: as many
    (up to two more) as it takes for every interval's ends that differ to read differently, and for a share,
    its mean too ("0.02% [0.01%, 0.02%]" becomes "0.018% [0.014%, 0.022%]"); one row reads alike across."""
    small = metric in plots.PERCENT and any(0 < abs(m) < 0.001 for m, _, _ in rows if not pd.isna(m))
    largest = max((abs(m) for m, _, _ in rows if not pd.isna(m)), default=0.0)
    million = (2 if largest < 1e7 else 1 if largest < 1e8 else 0) if metric in SUMS and largest >= 1e6 else None

    def distinct(row, extra) -> bool:
        mean, low, high = row
        if pd.isna(low) or pd.isna(high) or low == high:
            return True
        texts = tuple(_fmt(metric, x, lang, extra, small, million, unit) for x in row)
        return len(set(texts)) == 3 if metric in plots.PERCENT else texts[1] != texts[2]

    extra = next((e for e in range(3) if all(distinct(r, e) for r in rows)), 2)
    return [tuple(_fmt(metric, x, lang, extra, small, million, unit) for x in r) for r in rows]


def _row(table, name, metric):
    r = table[(table["scenario"] == name) & (table["metric"] == metric)]
    return r.iloc[0] if len(r) else None


def _names(story, lang: str):
    """(name, name after "against") of a scenario in the report's words: the set's label where it has one."""
    def name(n: str) -> str:
        return story.label(n, lang) if story is not None else n
    return name, lambda n: dative(name(n), lang)


def verdict(comparison, lang: str = "en", story=None) -> list[dict]:
    """The verdict's sentences, each with the numbers it quotes (for checking against compare.csv); strategies
    by the ``story``'s labels where given."""
    t, table, diffs = TEXT[lang], comparison.table, comparison.differences
    name_of, against = _names(story, lang)
    days = int(comparison.runs["days"].iloc[0])
    period = plain_period(days, t, plain=False)
    trust = table[table["metric"] == "long_term_trust"].sort_values("mean")
    worst, best = trust.iloc[0]["scenario"], trust.iloc[-1]["scenario"]
    advocates = table[table["metric"] == "net_advocates_end"].sort_values("mean", ascending=False)
    change = table[table["metric"] == "purchase_index_change"].set_index("scenario")["mean"]
    moved = {n: percent(c, change_digits(c), lang, signed=True) for n, c in change.items()}  # -0.25%: "-0.3%", not "±0%"
    lead = "; ".join(t["lead_item"].format(name=name_of(r["scenario"]), points=decimal(r["mean"], "+.1f", lang),
                                           change=moved.get(r["scenario"], percent(float("nan"), 0, lang)))
                     for _, r in advocates.iterrows())
    # the index against a neutral market is well above 1 before anything happens: the change is what a strategy did
    starts = {decimal(x, ".2f", lang) for x in table.loc[table["metric"] == "purchase_index_start", "mean"].dropna()}
    start = t["lead_start"].format(index=starts.pop()) if len(starts) == 1 else ""  # one market for all, else none named
    def trust_diff(x, signed, places=3):
        return decimal(x, f"+.{places}f" if signed else f".{places}f", lang)

    def trust_ends(d) -> tuple[int, str, str]:
        """The decimals at which an interval's ends differ (at least 3, at most 5: "0.049 to 0.049" says nothing),
        and the ends written with them."""
        places = next((k for k in (3, 4) if trust_diff(abs(d["ci_low"]), False, k) != trust_diff(abs(d["ci_high"]), False, k)), 5)
        return (places, *interval_ends(d["ci_low"], d["ci_high"], lambda x, signed: trust_diff(x, signed, places)))

    def within_chance(name, other) -> str:
        """Where ``name`` is first (or last) by its mean only: its paired difference to the next, within chance."""
        mine = comparison.runs[comparison.runs["scenario"] == name].set_index("replication")["long_term_trust"]
        theirs = comparison.runs[comparison.runs["scenario"] == other].set_index("replication")["long_term_trust"]
        d = stats.paired_difference(mine, theirs.reindex(mine.index))
        if not d["n"] or d["ci_low"] > 0 or d["ci_high"] < 0:
            return ""
        places, lo, hi = trust_ends(d)
        return t["best_chance"].format(other=name_of(other), other_to=against(other), diff=trust_diff(d["diff"], True, places), lo=lo,
                                       hi=hi)

    order = list(trust["scenario"])  # lowest first
    out = [{"text": t["lead"].format(period=period, items=lead, start=start), "scenario": advocates.iloc[0]["scenario"],
            "metric": "net_advocates_end"},
           {"text": t["best"].format(name=name_of(best), worst=name_of(worst), best_chance=within_chance(best, order[-2]),
                                     worst_chance=within_chance(worst, order[1]) if len(order) > 2 else ""),
            "scenario": best, "metric": "long_term_trust"}]
    base = comparison.manifest["baseline"]
    names = plots.strategies(comparison, story, lang)[0]
    for name in [base] + [n for n in names if n != base]:
        fc = _row(table, name, "followers_change")
        if fc is not None and fc["n"] > 0:
            clear = fc["ci_low"] > 0 or fc["ci_high"] < 0
            key = "verdict_followers_unclear" if not clear else "verdict_followers_lost" if fc["mean"] < 0 else "verdict_followers_gained"
            _, low, high = possible("followers_change", fc["mean"], fc["ci_low"], fc["ci_high"])
            lo, hi = interval_ends(low, high, lambda x, signed: percent(x, 0, lang, signed))
            out.append({"text": t[key].format(period=period, name=name_of(name), name_to=against(name), lo=lo, hi=hi,
                                              pct=percent(abs(fc["mean"]) if clear else fc["mean"], change_digits(fc["mean"]),
                                                          lang, not clear)),
                        "scenario": name, "metric": "followers_change", "value": fc["mean"]})
        if name == base:
            continue
        d = diffs[(diffs["scenario"] == name) & (diffs["metric"] == "long_term_trust")]
        if len(d):
            d = d.iloc[0]
            unf, unf_b = _row(table, name, "unfollow_rate_per_30d"), _row(table, base, "unfollow_rate_per_30d")
            pages = (unf["n"] > 0, unf_b["n"] > 0)
            fol, fol_b = _follow_rate(comparison, name), _follow_rate(comparison, base)
            flows = not (pd.isna(fol) or pd.isna(fol_b))  # new follows beside the unfollows: 9% leaving a month read as
            followers = (t["verdict_flows" if flows else "verdict_unfollows"] if all(pages)  # shrinking, of a page that grew
                         else t["verdict_unfollows_base_only"] if pages[1]
                         else t["verdict_flows_name_only" if not pd.isna(fol) else "verdict_unfollows_name_only"] if pages[0]
                         else t["verdict_unfollows_none"])
            places, lo, hi = trust_ends(d)
            clear = d["ci_low"] > 0 or d["ci_high"] < 0  # else no direction: the signed estimate, within chance
            out.append({"text": t["verdict_diff" if clear else "verdict_diff_unclear"].format(
                base_to=against(base), name=name_of(name), diff=trust_diff(abs(d["diff"]) if clear else d["diff"], not clear, places),
                direction=t["higher" if d["diff"] > 0 else "lower"], lo=lo, hi=hi, p=_p(d["p_value"], lang),
                followers=followers.format(name=name_of(name), base=name_of(base), base_to=against(base), unf=percent(unf["mean"], 1, lang),
                                           unf_base=percent(unf_b["mean"], 1, lang), fol=percent(fol, 1, lang) if not pd.isna(fol) else "",
                                           fol_base=percent(fol_b, 1, lang) if not pd.isna(fol_b) else "")),
                "scenario": name, "metric": "long_term_trust", "value": d["diff"]})
    return [s | {"text": capital(contracted(s["text"], lang))} for s in out]


def _follow_rate(comparison, name: str) -> float:
    """New follows per 30 days as a share of the followers, measured as the unfollow rate is (per follower-day: the
    rate times follows over unfollows, run by run), the mean over the runs; NaN where the runs lack the counts or a
    run had no unfollows to measure by."""
    runs = comparison.runs[comparison.runs["scenario"] == name]
    if not {"unfollow_rate_per_30d", "follows_total", "unfollows_total"} <= set(runs) or runs.empty:
        return np.nan
    unfollows = pd.to_numeric(runs["unfollows_total"], errors="coerce")
    if not (unfollows > 0).all():
        return np.nan
    return float((pd.to_numeric(runs["unfollow_rate_per_30d"], errors="coerce") * runs["follows_total"] / unfollows).mean())


def value_sentences(comparison, lang: str = "en", currency: str = "", story=None) -> list[dict]:
    """Sentences on value (net profit over the horizon + customer equity change) against the baseline, saying
    plainly where a strategy does not pay, and where profit and value point different ways."""
    t, table, diffs = TEXT[lang], comparison.table, comparison.differences
    name_of, against = _names(story, lang)
    unit = money_unit(comparison)

    def cash(x, signed=False):  # every amount of these sentences to one unit, as the sums need
        return fixed(x, unit, lang, currency, signed)

    base = comparison.manifest["baseline"]
    out = []
    for name in dict.fromkeys(table["scenario"]):
        v, p = _row(table, name, "value"), _row(table, name, "net_profit_present")
        end, start = _row(table, name, "customer_equity_end_present"), _row(table, name, "customer_equity_start")
        if v is None or v["n"] == 0:
            continue
        value, profit, at_end, at_start = sum_terms(v["mean"], (p["mean"], end["mean"], start["mean"]), lang, currency, unit)
        out.append({"text": t["money_value"].format(name=name_of(name), value=value, lo=cash(v["ci_low"]),
                                                    hi=cash(v["ci_high"]), profit=profit, end=at_end, start=at_start)
                    + _equity_why(comparison.runs, name, lang),
                    "scenario": name, "metric": "value", "value": v["mean"]})
        if name == base:
            continue
        dv = diffs[(diffs["scenario"] == name) & (diffs["metric"] == "value")]
        dp = diffs[(diffs["scenario"] == name) & (diffs["metric"] == "net_profit_present")]
        if not len(dv):
            continue
        dv, dp = dv.iloc[0], dp.iloc[0]
        key = "money_pays" if dv["ci_low"] > 0 else "money_does_not_pay" if dv["ci_high"] < 0 else "money_unclear"
        lo, hi = interval_ends(dv["ci_low"], dv["ci_high"], cash)
        out.append({"text": t[key].format(name=name_of(name), base_to=against(base), lo=lo, hi=hi,
                                          diff=cash(dv["diff"], True) if key == "money_unclear" else cash(abs(dv["diff"]))),
                    "scenario": name, "metric": "value", "value": dv["diff"]})
        clear = {m: d["ci_low"] > 0 or d["ci_high"] < 0 for m, d in (("value", dv), ("profit", dp))}
        if clear["value"] and clear["profit"] and np.sign(dp["diff"]) != np.sign(dv["diff"]):  # both beyond chance, opposite ways
            out.append({"text": t["money_profit_vs_value"].format(
                name=name_of(name), base=name_of(base), profit_dir=t["more" if dp["diff"] > 0 else "less"], profit=cash(abs(dp["diff"])),
                value_dir=t["more" if dv["diff"] > 0 else "less"], value=cash(abs(dv["diff"]))),
                "scenario": name, "metric": "net_profit", "value": dp["diff"]})
    return [s | {"text": capital(contracted(s["text"], lang))} for s in out]


def _equity_why(runs, name: str, lang: str) -> str:
    """Why customer equity moved: market trust at the start and the end (mean over the runs) and, where
    complaints were raised, how they were treated: answered in time, late, ignored (or deleted, or given up
    on before an answer) and never seen by the brand."""
    t, r = TEXT[lang], runs[runs["scenario"] == name]
    if not {"trust_market_start", "long_term_trust"} <= set(r.columns) or r["long_term_trust"].isna().all():
        return ""
    raised = r["complaints_raised"].mean() if "complaints_raised" in r else 0.0
    complaints = ""
    if raised >= 1:
        where = t["money_where"] if r.get("followers_start", pd.Series([0])).max() > 0 else ""  # no page: no "on the page"
        if r.get("staff_hours", pd.Series([1.0])).sum() == 0 and r["complaints_answered_in_time"].sum() == 0:
            complaints = t["money_unanswered"].format(n=count(raised, lang, 3), where=where)  # nobody answers
        else:
            total = r["complaints_raised"].sum()

            def share(*kinds) -> str:  # of all raised
                columns = [f"complaints_{k}" for k in kinds if f"complaints_{k}" in r]
                return percent(sum(r[c].sum() for c in columns) / total, 0, lang) if columns else NONE[lang]

            complaints = t["money_complaints"].format(n=count(raised, lang, 3), where=where, where_sep=where if where.endswith(",") else where + ",",
                                                      in_time=share("answered_in_time"), late=share("answered_late"),
                                                      ignored=share("ignored", "deleted"), unheard=share("unheard"))  # not at all: both
    return t["money_why"].format(start=decimal(r["trust_market_start"].mean(), ".3f", lang),
                                 end=decimal(r["long_term_trust"].mean(), ".3f", lang), complaints=complaints)


def _p(p, lang: str = "en"):
    return "= n/a" if pd.isna(p) else ("< " + decimal(0.001, ".3f", lang) if p < 0.001 else f"= {decimal(p, '.3f', lang)}")


def render(comparison, lang: str = "en", breakeven=None, story=None) -> str:
    """The whole report as one HTML string: the headline and three figures first, then the break-even
    market, then the details (every metric with its interval, assumptions, how to reproduce)."""
    from .story import (
        Story,
        assumed_economy,
        headline_parts,
        margin_breakeven,
        profit_alone,
        ranking,
        unsettled,
    )
    from .story import title as page_title

    t = TEXT[lang]
    story = (story or Story()).resolved(comparison)
    reps = comparison.reps
    title = page_title(comparison, story, lang)
    parts = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'><title>{html.escape(title)}</title>",
             f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"]
    parts.append(f"<p class='note' id='page'>{html.escape(_page_line(comparison, story, lang))}</p>")
    if warning := fit_warning(comparison, story, lang):  # before the headline it qualifies
        parts.append(f"<p class='warn' id='fit'>{html.escape(warning)}</p>")
    if reps < 10:  # on the first screen, beside the figures it qualifies
        parts.append(f"<p class='warn' id='few-reps'>{t['few_reps'].format(reps=reps)}</p>")
    lead, caveat = headline_parts(comparison, story, lang)
    parts.append(f"<div class='headline' id='headline'><p class='lead'>{html.escape(lead)}</p>"
                 + (f"<p class='caveat'>{html.escape(caveat)}</p>" if caveat else "") + "</div>")
    figs = plots.story_figures(comparison, story, lang)
    parts.append(f"<h2>{t['at_a_glance']}</h2><div class='figures' id='figures'>"
                 + "".join(f"<div data-figure='{k}'>{_clean_svg(plots.svg(f))}</div>" for k, f in figs.items()) + "</div>")
    if sentence := ranking(comparison, story, lang, after_headline=True):  # after the figures: it reads the value figure (why all bars are below 0)
        parts.append(f"<p id='ranking'>{html.escape(sentence)}</p>")
    parts.append(_valuings_table(comparison, story, t, lang))  # the headline's interval is the runs'; this, how the value is taken
    if sentence := unsettled(comparison, story, lang):  # a horizon too short for trust to settle
        parts.append(f"<p id='unsettled'>{html.escape(sentence)}</p>")
    parts.append(f"<p id='profit-alone'>{html.escape(profit_alone(comparison, story, lang))}</p>")
    if margin := margin_breakeven(comparison, story, lang):
        parts.append(f"<p id='margin'>{html.escape(margin)}</p>")
    parts.append(f"<p class='note' id='money-assumed'>{html.escape(assumed_economy(comparison, story, lang))}</p>")
    if breakeven is not None:
        labels = breakeven.labels(story, lang)
        market = market_size(comparison)
        said = [html.escape(p) for p in breakeven.sentences(lang, labels, market)]  # the value; costs kept up; links
        parts.append(f"<section class='breakeven'><h2>{t['breakeven']}</h2><p id='breakeven'>{said[0]}</p>"
                     + "".join(f"<p>{p}</p>" for p in said[1:])
                     + f"<div class='plot'>{_clean_svg(plots.svg(plots.breakeven(breakeven, lang, labels, story.currency, market)))}</div>"
                     f"{_breakeven_table(breakeven, t, lang, labels, story.currency)}</section>")
    parts.append(f"<h2 class='details'>{t['details']}</h2>")
    parts.append(f"<h3>{t['verdict']}</h3><div class='verdict' id='verdict'>")
    for s in verdict(comparison, lang, story):
        parts.append(f"<p data-scenario='{html.escape(s['scenario'])}' data-metric='{s['metric']}'>{html.escape(s['text'])}</p>")
    parts.append("</div>")
    parts.append(f"<h3>{t['money']}</h3><div class='verdict' id='money'>")
    for s in value_sentences(comparison, lang, story.currency, story):
        parts.append(f"<p data-scenario='{html.escape(s['scenario'])}' data-metric='{s['metric']}'>{html.escape(s['text'])}</p>")
    parts.append(f"</div><p class='note'>{html.escape(money_note(comparison, story, lang))}</p>")
    base = comparison.manifest["baseline"]
    # the table starts a printed page: the note on its intervals goes with it, not left alone on the page before
    parts.append(f"<h3 class='table'>{t['table']}</h3>"
                 f"<p class='note'>{html.escape(t['reps_note'].format(reps=reps, base_to=dative(story.label(base, lang), lang)))}</p>"
                 f"{_comparison_table(comparison, t, lang, story.currency, story)}")
    parts.append(f"<h3>{t['over_time']}</h3><div class='plot'>{_clean_svg(plots.svg(plots.trajectories(comparison, lang, story)))}</div>")
    parts.append(f"<h3>{t['headline']}</h3><div class='plot'>{_clean_svg(plots.svg(plots.headline(comparison, lang, story)))}</div>")
    parts.append(f"<h3>{t['strategies']}</h3>{_strategies(comparison, story, lang)}")
    parts.append(f"<h3 class='appendix'>{t['assumptions']}</h3>"
                 f"{_assumptions(t, comparison.manifest.get('scenarios', {}), lang, lambda n: story.label(n, lang), _fitted(comparison, lang))}")
    m = comparison.manifest
    parts.append(f"<h3>{t['reproduce']}</h3><p>{t['command']}: <code>{html.escape(m.get('command') or '')}</code></p>")
    if breakeven is None and (m.get("command") or "").startswith("audsim demo"):
        parts.append(f"<p>{t['with_breakeven']}: <code>{html.escape(breakeven_command(m['command']))}</code></p>")
    parts.append(f"<details class='manifest'><summary>{t['manifest']}</summary><pre>{html.escape(json.dumps(m, indent=1, default=str))}</pre></details>")
    parts.append("</body></html>")
    return "\n".join(parts)


def market_size(comparison) -> int:
    """The people in the comparison's market (one market for all its strategies)."""
    return int(next(iter(comparison.manifest["scenarios"].values()))["market"]["people"])


def breakeven_command(command: str) -> str:
    """The demo's command again with the break-even market, into the same folder (which it must replace)."""
    more = " --breakeven 10000,30000,100000,300000,1000000"
    return command + more + ("" if " --overwrite" in command else " --overwrite")


def fit_warning(comparison, story, lang: str = "en") -> str:
    """With ``audsim demo --from-insights``: that the fit does not reproduce the client's export, and by how much (the
    fitted scenario run again against each figure of the export), or "" when it does or nothing was fitted."""
    fitted = comparison.manifest.get("fitted_to_insights") or {}
    closest, trend, t = fitted.get("closest"), fitted.get("trend") or {}, TEXT[lang]
    said = []
    if closest and not closest["reached"]:
        missed = {m: v for m, v in closest["figures"].items() if not v.get("reproduced")} or closest["figures"]  # the misses only
        said.append(t["your_page_misfit"].format(current=story.label(story.current, lang), figures=_fit_figures(missed, lang)))
    if trend.get("opposite"):  # the rates matched, the page's growth did not
        f = fitted["figures"]
        said.append(t["your_page_trend"].format(current=story.label(story.current, lang), days=count(f["days"], lang),
                                                start=count(f["followers_start"], lang), end=count(f["followers_end"], lang),
                                                model=count(trend["model_end"], lang)))
    return " ".join(said)


def _fit_figures(figures: dict, lang: str) -> str:
    """Each figure of the export against the fitted model's, run again: "reach per post 8.2% (yours 7.0%), ..."."""
    t = TEXT[lang]
    return ", ".join(t["misfit_figure"].format(what=t[f"misfit_{m}"], model=percent(v["fitted_mean"], 1, lang),
                                               yours=percent(v["target"], 1, lang)) for m, v in figures.items())


def _page_line(comparison, story, lang: str = "en") -> str:
    """The page the comparison is about: its size, market and posting rate, the runs, and what of it is the
    client's own (an export it was fitted to) and what the model assumes."""
    t = TEXT[lang]
    page = comparison.manifest["scenarios"][story.current]["market"]
    rate = comparison.manifest["scenarios"][story.current]["strategy"]["posts_per_day"]
    posts = decimal(posting_rate(rate), "g", lang)
    post_word = ("post" if lang == "en" else "Post") if rate == 1 else ("posts" if lang == "en" else "Posts")
    default = default_page(comparison)  # no page size given: the shipped page, not the client's
    line = t["default_page" if default else "your_page"].format(followers=count(_page_followers(comparison, story), lang), people=count(page["people"], lang),
                                 posts=posts, post_word=post_word, reps=comparison.reps, period=plain_period(int(comparison.runs["days"].iloc[0]), t))
    if fitted := comparison.manifest.get("fitted_to_insights"):  # audsim demo --from-insights
        f = fitted["figures"]
        line += t["your_page_fitted"].format(export=Path(fitted["export"]).name, days=count(f["days"], lang),
                                             start=count(f["followers_start"], lang),
                                             end=count(f.get("followers_end", f["followers_start"]), lang))
        closest = fitted.get("closest") or {}
        if closest.get("reached"):  # a miss is said above the headline (fit_warning)
            line += t["your_page_fit"].format(figures=_fit_figures(closest["figures"], lang))
        if f["days"] < SHORT_EXPORT_DAYS:  # 14 days passed as a match, and the runs reversed the page's own growth
            line += t["your_page_short"].format(days=count(f["days"], lang))
        return line
    return line + t["default_page_assumed" if default else "your_page_assumed"].format(current=story.label(story.current, lang))


SHORT_EXPORT_DAYS = 90  # an export shorter than this is fitted roughly, and says so


def posting_rate(rate: float) -> float:
    """A posting rate as a client reads it: 0.72 a day, not 0.722222 (an export's 65 posts in 90 days)."""
    return round(float(rate), 2) if rate >= 0.01 else float(f"{rate:.1g}")


def money_note(comparison, story, lang: str = "en") -> str:
    """What customer equity and value are: whose purchases, at which discount rate."""
    sc, t, runs = comparison.manifest["scenarios"][story.current], TEXT[lang], comparison.runs
    note = t["money_note"].format(people=count(sc["market"]["people"], lang),
                                  rate=percent(sc["economy"]["discount_rate_per_year"], 0, lang),
                                  period=horizon_words(int(runs["days"].iloc[0]), t))  # not "years" for 4 months
    unit = money_unit(comparison)
    if "customer_equity_start" in runs:
        start = runs.loc[runs["scenario"] == story.current, "customer_equity_start"].mean()
        note += t["money_start"].format(start=fixed(start, unit, lang, story.currency))
    return note + t["money_rounding"].format(unit=fixed(unit, 1.0, lang, story.currency))


def _page_followers(comparison, story) -> float:
    """The page's followers at the start (the same market for every strategy with a page)."""
    runs = comparison.runs
    for name in (story.current, story.proposed, *runs["scenario"].unique()):
        start = runs.loc[runs["scenario"] == name, "followers_start"].fillna(0)
        if start.gt(0).any():
            return float(start.mean())
    return 0.0


def _breakeven_table(result, t, lang: str = "en", labels: dict | None = None, currency: str = "") -> str:
    m = result.manifest
    a, b = (html.escape(n) for n in result.names(labels))
    unit = f" ({html.escape(currency)})" if currency else ""
    kept = result.costs_continue()
    head = (f"<tr><th>{t['market_people']}</th><th>{capital(t['value_of'].format(name=a))}{unit}</th>"
            f"<th>{capital(t['value_of'].format(name=b))}{unit}</th>"
            f"<th>{capital(t['value_diff'].format(a=a, b=b))}{unit}</th>"
            + (f"<th>{capital(t['value_diff_costs'])}{unit}</th>" if kept is not None else "") + "</tr>")
    sep = ";" if lang == "de" else ","  # a German decimal comma would read as the separator

    def diff(r) -> str:
        return (f"<td>{money(r['diff'], lang)}<br><span class='note ci'>[{money(r['ci_low'], lang)}{sep} {money(r['ci_high'], lang)}] "
                f"n={int(r['n'])}</span></td>")

    rows = "".join(f"<tr><td>{money(r['people'], lang)}</td><td>{money(r['value_a'], lang)}</td><td>{money(r['value_b'], lang)}</td>"
                   f"{diff(r)}{diff(kept.iloc[i]) if kept is not None else ''}</tr>"
                   for i, (_, r) in enumerate(result.table.iterrows()))
    period = plain_period(m["days"], t)
    return f"<table>{head}{rows}</table><p class='note'>{t['breakeven_note'].format(reps=m['reps'], period=period)}</p>"


def _valuings_table(comparison, story, t, lang: str = "en") -> str:
    """The value gaps under each way of valuing the market at the end (``story.valuings``), one table with its caption
    and how to read it; "" where the runs have only the headline's value."""
    pairs, rows, cells = valuings(comparison, story)
    if len(rows) < 2:
        return ""
    unit, sep = money_unit(comparison), ";" if lang == "de" else ","
    proposed = capital(story.label(story.proposed, lang))
    head = "".join(f"<th>{html.escape(t['valuings_pair'].format(a=proposed, b=story.label(b, lang)))}</th>" for b in pairs)
    words = valuing_labels(comparison, lang)

    def cell(d) -> str:
        if d is None:
            return f"<td>{NONE[lang]}</td>"
        lo, hi = (fixed(x, unit, lang, signed=True) for x in (d["ci_low"], d["ci_high"]))
        return f"<td>{fixed(d['diff'], unit, lang, signed=True)}<br><span class='note ci'>[{lo}{sep} {hi}]</span></td>"

    body = "".join(f"<tr><td>{html.escape(words[name])}</td>{''.join(cell(d) for d in row)}</tr>" for name, row in zip(rows, cells))
    return (f"<p id='valuings-caption'>{html.escape(t['valuings_caption'].format(currency=story.currency or ''))}</p>"
            f"<table class='valuings' id='valuings'><thead><tr><th>{t['valuings_head']}</th>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<p class='note'>{html.escape(t['valuings_note'])}</p>")


def _clean_svg(svg: str) -> str:
    """Drop matplotlib's RDF metadata, whose namespace URLs look like external references."""
    return re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)


CURRENCY_ROWS = (*COST_PARTS, "revenue", "cost", "gross_profit", "net_profit", "net_profit_present", "value",
                 "customer_equity_start", "customer_equity_end_present", "customer_equity_change_present",
                 *VALUATIONS, FADING_VALUE, "value_costs_continue", *PER_UNIT)


def _comparison_table(comparison, t, lang: str = "en", currency: str = "", story=None) -> str:
    """Every metric with its interval; a column per strategy, headed by its name in the report's language (the
    set's label). The number of runs behind a cell shows only where it is not every
    replication (the note under the table gives that)."""
    table = comparison.table
    names = list(dict.fromkeys(table["scenario"]))
    every = table["n"].max()  # every replication
    pct = valuation_pct(comparison.manifest)  # the rows of other valuations only where every strategy ran with the same, non-zero range

    def heading(name: str) -> str:
        label = story.label(name, lang) if story is not None else name
        return html.escape(name if label == name else capital(label))  # the ids are in "What each strategy does"

    head = "".join(f"<th>{heading(n)}</th>" for n in names)
    rows, sep = [], ";" if lang == "de" else ","  # a German decimal comma would read as the separator
    unit = money_unit(comparison)  # money as the sentences and the slides round it
    for metric in TABLE_METRICS:
        if metric in COST_PARTS and not table.loc[table["metric"] == metric, "mean"].fillna(0).ne(0).any():
            continue  # a part of the cost no strategy here spends on
        if metric in VALUATIONS and not pct:
            continue
        found = {n: r for n in names if (r := _row(table, n, metric)) is not None and r["n"] > 0}
        texts = dict(zip(found, _cells(metric, [possible(metric, r["mean"], r["ci_low"], r["ci_high"]) for r in found.values()], lang,
                                       unit)))
        cells = []
        for n in names:
            if n not in found:
                cells.append(f"<td>{NONE[lang]}</td>")
                continue
            (mean, low, high), r = texts[n], found[n]
            spread = "" if low == high else f"[{low}{sep} {high}]"  # no interval where every run gave the same
            runs = "" if r["n"] == every else f" n={int(r['n'])}"
            cells.append(f"<td>{mean}<br><span class='note ci'>{spread}{runs}</span></td>")
        label = t[metric].format(pct=decimal(round(pct), "g", lang)) if metric in VALUATIONS else t[metric]
        label = f"{label} ({currency})" if currency and metric in CURRENCY_ROWS else label
        part = " class='part'" if metric in COST_PARTS else ""
        rows.append(f"<tr><td{part}>{html.escape(label)}</td>{''.join(cells)}</tr>")
    return (f"<table class='comparison'><thead><tr><th>{t['metric']}</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p class='note'>{html.escape(t['table_cut'])}</p>")


def _strategies(comparison, story, lang: str = "en") -> str:
    """What each strategy does, in the report's language: the set's words for it where it has them."""
    t = TEXT[lang]
    items = []
    shared, own = timeline_words(comparison, lang)
    for name, sc in comparison.manifest["scenarios"].items():
        st, sv = sc["strategy"], sc["service"]
        mix = ", ".join(f"{t.get('content', {}).get(k, k)} {percent(v, 0, lang)}" for k, v in st["mix"].items())
        n_staff = None if sv["staff"] == "auto" else fixed_staff(sv["staff"], sv.get("min_staff", 0.0))
        staff = t["staff_auto"] if n_staff is None else t["staff_one" if n_staff == 1 else "staff_n"].format(
            n=decimal(n_staff, "g", lang))
        posts, deletes = decimal(posting_rate(st["posts_per_day"]), "g", lang), percent(sv["delete_share"], 0, lang)
        desk = has_desk(sv["staff"])
        facts = (t["facts_no_page"] if not st["has_page"] else
                 (t["facts"].format(posts=posts, mix=mix, staff=staff, hours=decimal(sv["hours_per_day"], "g", lang),
                                    days=sv["days_per_week"], answers=percent(sv["answer_share"], 0, lang), deletes=deletes) if desk
                  else t["facts_no_desk"].format(posts=posts, mix=mix, deletes=deletes))
                 + (t["facts_listens"].format(x=percent(sv["monitors_elsewhere"], 0, lang)) if sv["monitors_elsewhere"] > 0 else ""))
        facts += "".join(f"; {change}" for change in own[name])
        label = story.label(name, lang)
        title = capital(label) if label != name else name  # the scenario's file name is in the manifest
        text = story.description(name, lang, sc)
        items.append(f"<li><b>{html.escape(title)}</b>: {html.escape(text)} <span class='note'>({html.escape(facts)})</span></li>")
    events = f"<p id='events'>{html.escape(t['tl_shared'])}: {html.escape('; '.join(shared))}.</p>" if shared else ""
    return f"<ul class='strategies'>{''.join(items)}</ul>{events}"


def timeline_words(comparison, lang: str = "en") -> tuple[list[str], dict[str, list[str]]]:
    """The [[timeline]] entries in words: those every strategy has alike (a crisis in the market, said once), and
    each strategy's own (a switch of its strategy)."""
    t, scenarios = TEXT[lang], comparison.manifest["scenarios"]
    words = {name: _timeline(sc.get("timeline") or [], sc, t, lang) for name, sc in scenarios.items()}
    common = set.intersection(*(set(w) for w in words.values())) if len(words) > 1 else set()
    first = next(iter(words.values()), [])
    return [w for w in first if w in common], {name: [w for w in ws if w not in common] for name, ws in words.items()}


def _timeline(entries: list[dict], scenario: dict, t: dict, lang: str = "en") -> list[str]:
    """A scenario's [[timeline]] in words, each setting by what it means and against the value it holds otherwise:
    'days 90-119: chance a customer runs into a problem on a day (product quality): 0.01 instead of 0.001
    (service.problem_rate)'."""
    from ..scenario import leaves, parameters

    meanings = {r["key"]: r["meaning"] for r in parameters()}

    def shown(v):
        if isinstance(v, dict):  # a content mix: "info 50%, service 30%, promotion 20%"
            return ", ".join(f"{t.get('content', {}).get(k, k)} {percent(x, 0, lang)}" for k, x in v.items())
        return decimal(v, "g", lang) if isinstance(v, float) else str(v)

    def otherwise(key):
        node = scenario
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    out = []
    for e in entries:
        settings = {k: v for k, v in e.items() if k not in ("from", "to", "at", "label")}
        start = e.get("from") if e.get("from") is not None else e.get("at")
        when = t["tl_days"].format(a=start, b=e["to"] - 1) if e.get("to") is not None else t["tl_from"].format(a=start)
        when += f" ({e['label']})" if e.get("label") else ""
        said = []
        for key, value in leaves(settings, whole=("mix",)):
            what = meaning(key, meanings.get(key, ""), lang).split(";")[0]  # what it is, not its whole documentation
            before = otherwise(key)
            instead = f" {t['tl_instead']} {shown(before)}" if before is not None and before != value else ""
            said.append(f"{what}: {shown(value)}{instead} ({key})" if what else f"{key}: {shown(value)}{instead}")
        out.append(f"{when}: {', '.join(said)}")
    return out


def _fitted(comparison, lang: str) -> dict[str, str]:
    """With ``audsim demo --from-insights``: each fitted parameter's source, the client's export, with the estimate's
    95% interval and what needs care about it (a client saw "assumed" beside the three values fitted to their page)."""
    from ..calibration.abc import care  # only a fitted report needs it (and the fit has loaded it)

    fitted = comparison.manifest.get("fitted_to_insights") or {}
    t = TEXT[lang]
    out = {}
    for e in fitted.get("estimates", []):
        ends = t["fitted_ends"].format(lo=decimal(e["ci_low"], ".3g", lang), hi=decimal(e["ci_high"], ".3g", lang))
        said = care(e)  # as the fit's own notes judge it
        # the value taken may be the closest run's, outside the accepted fits' interval: said, not left to contradict it
        outside = not e["ci_low"] <= e.get("fitted", e["mean"]) <= e["ci_high"]
        out[e["parameter"]] = t["fitted_source_outside" if outside else "fitted_source"].format(
            export=Path(fitted["export"]).name, ends=ends) + (f" ({t[f'fitted_{said}']})" if said else "")
    return out


def _assumptions(t, scenarios: dict, lang: str = "en", label=str, fitted: dict | None = None) -> str:
    """Every parameter with what it means, its default, the value this report ran with (the same for every
    strategy, or each strategy's, by its ``label``), its unit and source (``fitted``: the parameters fitted to the
    client's export, with theirs), in the report's language."""
    fitted = fitted or {}

    def row(r):
        names = t.get("content", {}) if r["key"].startswith(("content.TYPE.", "strategy.mix")) else None  # Werbung, not promo
        default, used = _setting(r["default"], lang, names), _used(r["key"], scenarios, t, lang, names, label)
        changed = " class='changed'" if used != default else ""  # set by a strategy or for this page: in bold
        return (f"<tr{changed}><td><code>{html.escape(r['key'])}</code><span class='meaning'>{html.escape(meaning(r['key'], r['meaning'], lang))}</span></td>"
                f"<td>{html.escape(default)}</td><td>{html.escape(used)}</td>"
                f"<td>{html.escape(unit(r['unit'], lang)).replace('/', '/<wbr>')}</td>"
                f"<td>{html.escape(fitted.get(r['key']) or cite(source(r['key'], r['source'], lang), lang))}</td></tr>")

    return (f"<details><summary>{t['every_parameter']}</summary>{t['assumptions_note']}"
            "<table class='assumptions'><colgroup><col class='key'><col class='value'><col class='value'><col class='unit'><col class='source'></colgroup>"
            f"<thead><tr><th>{t['param']}</th><th>{t['default']}</th><th>{t['used']}</th>"
            f"<th>{t['unit']}</th><th>{t['source']}</th></tr></thead><tbody>{''.join(map(row, parameters()))}</tbody></table></details>")


def _setting(value, lang: str = "en", names: dict | None = None) -> str:
    """A setting as a reader writes it: numbers in the report's language (250,000; de: 250.000 and 0,12), yes
    and no, none, a table as "name value" pairs (a content type by its name in the report's language, ``names``),
    a list by its items; never Python's own notation."""
    if isinstance(value, bool):
        return WORDS[lang][value]
    if value is None or (isinstance(value, (list, tuple, dict)) and not value):
        return WORDS[lang][None]
    if isinstance(value, dict):
        return ", ".join(f"{(names or {}).get(k, k)} {_setting(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_setting(v, lang) for v in value)
    if isinstance(value, float):
        return number(float(f"{value:.4g}"), lang)  # a fitted 0.0983545 reads 0.09835
    if isinstance(value, int):
        return number(value, lang)
    return str(value)


WORDS = {"en": {True: "yes", False: "no", None: "none"}, "de": {True: "ja", False: "nein", None: "keine"}}


STRATEGY_FACTS = ("strategy.has_page", "strategy.posts_per_day", "strategy.mix", "service.staff", "service.hours_per_day",
                  "service.days_per_week", "service.answer_share", "service.delete_share", "service.monitors_elsewhere")  # as _strategies gives them


def _used(key: str, scenarios: dict, t, lang: str = "en", names: dict | None = None, label=str) -> str:
    """The value of ``key`` in the scenarios this report ran (content.TYPE.x: each type's). Where the strategies
    differ: a pointer to "What each strategy does" for a setting it gives, else the value most of them ran with and
    the others' by their ``label`` ("0.2 (a brand without a page: 0)")."""
    def value(sc):
        if ".TYPE." in key:
            section, field = key.split(".TYPE.")
            return _setting({name: v.get(field) for name, v in sc.get(section, {}).items()}, lang, names)
        node = sc
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return _setting(node, lang, names)

    by_value = {}
    for name, sc in scenarios.items():
        by_value.setdefault(value(sc), []).append(label(name))
    if len(by_value) <= 1:
        return next(iter(by_value), "")
    if key in STRATEGY_FACTS:
        return t["differs"]
    common = max(by_value, key=lambda v: len(by_value[v]))  # the most strategies' value, the others by name: a narrow column
    others = [f"{listed(who, t, ', ')}: {v}" for v, who in by_value.items() if v != common]
    return f"{common} ({'; '.join(others)})"

