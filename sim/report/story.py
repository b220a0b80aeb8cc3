"""The report's first screen: the comparison the client meeting is about, in one sentence and three figures.

Which two strategies the headline sets against each other (the page as it is
run now, and the proposed alternative), what each is called in the client's
language and the currency are data (a comparison set's ``[story]``), never
code. Every number in the sentence comes from the paired replications.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..experiments import stats
from ..model.sales import FADING_VALUE, OTHER_VALUES
from .i18n import TEXT, accusative, at, contracted, dative, plain_period
from .numbers import capital, change_digits, common_unit, count, decimal, fixed, interval_ends, ordinal, percent


@dataclass
class Story:
    """Who the headline compares, and how the client calls them.

    ``current``: the strategy the page runs now (the comparison's baseline by default);
    ``proposed``: the alternative the headline is about (default: the first other strategy);
    ``labels``: language -> scenario -> words ("the sales party");
    ``currency``: shown with sums of money ("EUR");
    ``descriptions``: language -> scenario -> what it does, in that language (else the scenario's own description).
    """

    current: str | None = None
    proposed: str | None = None
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    currency: str = ""
    descriptions: dict[str, dict[str, str]] = field(default_factory=dict)

    def resolved(self, comparison) -> Story:
        names = list(dict.fromkeys(comparison.runs["scenario"]))
        current = self.current if self.current in names else comparison.manifest["baseline"]
        proposed = self.proposed if self.proposed in names and self.proposed != current else next(
            (n for n in names if n != current), current)
        return Story(current, proposed, self.labels, self.currency, self.descriptions)

    def label(self, name: str, lang: str) -> str:
        return self.labels.get(lang, {}).get(name, name)

    def description(self, name: str, lang: str, scenario: dict) -> str:
        """What a strategy does in ``lang``: the set's words for it, else its scenario's own description."""
        return self.descriptions.get(lang, {}).get(name, scenario.get("description", ""))

    def order(self, comparison) -> list[str]:
        """current, proposed, then the others as the comparison lists them."""
        names = list(dict.fromkeys(comparison.runs["scenario"]))
        return [self.current, self.proposed] + [n for n in names if n not in (self.current, self.proposed)]


def horizon_words(days: int, t: dict) -> str:
    """A horizon as a sentence says it: three years, one year, 4 months, 45 days."""
    years = days / 365.25
    if days >= 330 and abs(years - round(years)) < 0.05:
        n = round(years)
        return t["story_year"] if n == 1 else t["story_years"].format(n=t["numbers"].get(n, str(n)))
    return plain_period(days, t)


def _runs(comparison, name: str) -> pd.DataFrame:
    return comparison.runs[comparison.runs["scenario"] == name].set_index("replication")


def default_page(comparison) -> bool:
    """Whether the page is the shipped default, no page size given (``audsim demo`` without --followers or an
    export): the report then calls it the example page, not the client's."""
    return bool(comparison.manifest.get("default_page"))


def title(comparison, story: Story, lang: str = "en") -> str:
    """The report's and the deck's title: the current strategy against the alternatives, on the client's page or the
    default one."""
    key = "title_default_page" if default_page(comparison) else "title_page"
    one = len(set(comparison.runs["scenario"])) == 2  # one alternative: named, not "the alternatives"
    proposed = story.label(story.proposed, lang)
    return TEXT[lang][key + ("_one" if one else "")].format(current=story.label(story.current, lang), proposed=proposed,
                                                           proposed_acc=accusative(proposed, lang))


def has_page(comparison, name: str) -> bool:
    return bool(_runs(comparison, name)["followers_start"].fillna(0).gt(0).any())


def figures(comparison, story: Story) -> dict:
    """The headline's numbers: followers start and change (absolute), value, and proposed minus current in value."""
    out = {}
    for name in (story.current, story.proposed):
        r = _runs(comparison, name)
        start = float(r["followers_start"].mean())
        mean, low, high, *rest = stats.mean_interval(r["followers_end"] - r["followers_start"])
        low = max(low, -start)  # a t-interval over few runs can reach below losing every follower
        out[name] = {"page": has_page(comparison, name), "start": start, "change": (mean, low, high, *rest),
                     "value": stats.mean_interval(r["value"])}
    a, b = _runs(comparison, story.current), _runs(comparison, story.proposed)
    for key, column in (("value_diff", "value"), ("profit_diff", "net_profit_present"), ("equity_diff", "customer_equity_end_present")):
        if column in b and column in a:
            out[key] = stats.paired_difference(b[column], a[column].reindex(b.index))
    return out


def headline(comparison, story: Story, lang: str = "en") -> str:
    """The headline as one text (``headline_parts`` joined): the deck's and a test's."""
    return " ".join(part for part in headline_parts(comparison, story, lang) if part)


def headline_parts(comparison, story: Story, lang: str = "en") -> tuple[str, str]:
    """The headline's lead as one text, and its caveat (``headline_sentences``)."""
    lead, caveat = headline_sentences(comparison, story, lang)
    return " ".join(lead), caveat


def headline_sentences(comparison, story: Story, lang: str = "en") -> tuple[list[str], str]:
    """The headline generated from the numbers, for every sign and for a strategy without a page: the lead's
    sentences (what each strategy does to the followers; the value of one against the other; a third strategy that
    changes the verdict, ``rival``) and, where the value's verdict turns with the costs kept up after the period, the
    caveat that says so ("" otherwise). The report sets the caveat smaller under the lead, the deck the lead's
    sentences as paragraphs: the verdict first, then what it depends on."""
    t = TEXT[lang]
    story = story.resolved(comparison)
    f = figures(comparison, story)
    period = horizon_words(int(comparison.runs["days"].iloc[0]), t)
    parts = []
    followers = next((f[n]["start"] for n in (story.current, story.proposed) if f[n]["page"]), 0.0)
    whose = "default" if default_page(comparison) else "your"
    for i, name in enumerate((story.current, story.proposed)):
        who = story.label(name, lang)
        if not f[name]["page"]:
            parts.append(t["story_no_page"].format(who=who))
            continue
        (change, low, high, _), start = f[name]["change"], max(f[name]["start"], 1.0)
        share = change / start
        if low <= 0 <= high and max(abs(low), abs(high)) / start >= 0.005:  # the runs tell no direction: the estimate
            key = "story_unclear"                                             # and its interval
        elif abs(share) < 0.005:  # about as many, and the runs say so
            key = "story_keeps"
        else:
            key = "story_loses" if change < 0 else "story_gains"
        kind = {"story_loses": "loss", "story_gains": "gain", "story_keeps": "keep", "story_unclear": "keep"}[key]
        of_yours = t[f"story_of_{whose}_{kind}"].format(n=count(followers, lang)) if i == 0 else ""
        if key == "story_unclear":
            lo, hi = (count(x, lang, 3, signed=True) for x in (low, high))
            n = count(change, lang, 3, signed=True)  # none: "0 (0.0%)"; "±0.0%" read as a margin of error
            pct = percent(share, change_digits(share), lang, signed=True) if n != "0" else percent(0.0, change_digits(share), lang)
            parts.append(contracted(t[key].format(who=who, who_to=dative(who, lang), of_yours=of_yours, n=n, pct=pct, lo=lo, hi=hi),
                                    lang))
        else:
            parts.append(t[key].format(who=who, n=count(change, lang, 3), pct=f"{100 * abs(share):.0f}", of_yours=of_yours))
    d = f["value_diff"]
    who, other = story.label(story.proposed, lang), story.label(story.current, lang)
    cash = money_in(comparison, lang, story.currency)
    rate = percent(_discount_rate(comparison, story), 0, lang)
    if d["n"] == 0 or pd.isna(d["diff"]):
        value = ""
    elif _side(d):
        value = t["story_value_clear"].format(who=who, other=other, diff=cash(abs(d["diff"])), rate=rate,
                                              direction=t["story_more" if d["diff"] > 0 else "story_less"],
                                              **_ends(cash, d))
    else:
        value = t["story_value_unclear"].format(who=who, other=other, diff=cash(abs(d["diff"])), rate=rate, **_ends(cash, d))
    if value and "profit_diff" in f and "equity_diff" in f:  # how much of it is money earned, how much customers kept
        value = value[:-1] + t["story_value_parts"].format(profit=cash(f["profit_diff"]["diff"], True),
                                                          equity=cash(f["equity_diff"]["diff"], True))
    third = rival(comparison, story, lang) if value else ""
    # the caveat: where the verdict does not survive the costs kept up (either way), and where a third strategy's
    # standing against the proposed one turns with them
    turns = kept_up(comparison, story, lang, turns=True) if value and parting(comparison, story) else ""
    caveat = " ".join(part for part in (turns, rival_kept_up(comparison, story, lang, also=bool(turns)) if value else "") if part)
    first = parts[0][:1].upper() + parts[0][1:] if lang == "de" else parts[0]  # a German sentence after the colon
    sentence = t["story_lead"].format(period=period, first=first, second=parts[1])
    return [part for part in (sentence, value, third) if part], caveat


def bars(comparison, story: Story, metric: str) -> pd.DataFrame:
    """scenario, mean, low, high of one per-run figure, in the story's order (current, proposed, others)."""
    rows = []
    for name in story.order(comparison):
        m, lo, hi, n = stats.mean_interval(pd.to_numeric(_runs(comparison, name)[metric], errors="coerce"))
        rows.append({"scenario": name, "mean": m, "low": lo, "high": hi, "n": n})
    return pd.DataFrame(rows)


def differences(comparison, story: Story, metric: str) -> pd.DataFrame:
    """scenario, mean, low, high of each strategy's per-run figure minus the current strategy's in the same run
    (paired: the same market and events), in the story's order; the current strategy's own row is 0."""
    story = story.resolved(comparison)
    current = pd.to_numeric(_runs(comparison, story.current)[metric], errors="coerce")
    rows = []
    for name in story.order(comparison):
        if name == story.current:
            rows.append({"scenario": name, "mean": 0.0, "low": 0.0, "high": 0.0, "n": int(current.notna().sum())})
            continue
        mine = pd.to_numeric(_runs(comparison, name)[metric], errors="coerce")
        d = stats.paired_difference(mine, current.reindex(mine.index))
        rows.append({"scenario": name, "mean": d["diff"], "low": d["ci_low"], "high": d["ci_high"], "n": d["n"]})
    return pd.DataFrame(rows)


def axis_from_zero(values) -> tuple[float, float]:
    """Limits that include 0 and every value, with a little room: a bar or a share is read against zero."""
    v = np.asarray([x for x in values if not pd.isna(x)], dtype=float)
    if v.size == 0:
        return 0.0, 1.0
    lo, hi = min(0.0, v.min()), max(0.0, v.max())
    pad = 0.08 * ((hi - lo) or 1.0)
    return (lo - pad if lo < 0 else 0.0), (hi + pad if hi > 0 else 0.0)


def money_unit(comparison) -> float:
    """The rounding unit of the report's sentences about money: one for all of them (``numbers.common_unit`` over
    each strategy's value and its parts), so that an amount reads the same in every sentence and the parts of a sum
    add up to it. Not over the intervals' ends: an end near zero (-5,960) wrote every sum to the nearest 10 (583,590
    where the same market's equity read 583,600 in another report). Tables and axes keep three significant figures."""
    table = comparison.table
    if not len(table):  # the strategies' means from their runs
        means = comparison.runs.groupby("scenario").mean(numeric_only=True)
        return common_unit([x for c in ("value", "net_profit_present") if c in means for x in means[c]])
    rows = table[table["metric"].isin(("value", "net_profit_present", "customer_equity_end_present", "customer_equity_start"))]
    return common_unit(rows["mean"])


def _ends(cash, d: dict) -> dict:
    """A paired difference's interval (``lo``, ``hi``) as amounts: magnitudes where it lies on one side of zero, else
    signed (``numbers.interval_ends``)."""
    return dict(zip(("lo", "hi"), interval_ends(d["ci_low"], d["ci_high"], cash)))


def money_in(comparison, lang: str, currency: str):
    """``cash(x, signed=False)``: an amount of money in the report's sentences (``money_unit``)."""
    unit = money_unit(comparison)
    return lambda x, signed=False: fixed(x, unit, lang, currency, signed)


def _discount_rate(comparison, story: Story) -> float:
    """The yearly rate the money of the proposed strategy's runs was discounted at (the schema's default where a
    comparison does not record it)."""
    from ..scenario import Economy

    economy = comparison.manifest.get("scenarios", {}).get(story.proposed, {}).get("economy", {})
    return float(economy.get("discount_rate_per_year", Economy.model_fields["discount_rate_per_year"].default))


def _values(comparison, story: Story) -> dict[str, float]:
    """Each strategy's mean value over its runs, in the story's order (those without one left out)."""
    values = {n: float(_runs(comparison, n)["value"].mean()) for n in story.order(comparison)}
    return {n: v for n, v in values.items() if not pd.isna(v)}


def _rival(comparison, story: Story) -> tuple[str, dict] | None:
    """The strategy that changes the headline's verdict, and its paired gap in value over the proposed one: a third
    strategy worth more than the proposed one, or one within chance of it where the proposed one has the highest
    mean value. None where the proposed one is clearly best, where the page's strategy now is best (the headline's
    comparison says so), or with fewer than three strategies."""
    values = _values(comparison, story)
    if len(values) < 3 or story.proposed not in values:
        return None
    order = sorted(values, key=values.get, reverse=True)
    mine = _runs(comparison, story.proposed)["value"]
    other = order[1] if order[0] == story.proposed else order[0]
    if other == story.current:
        return None
    gap = stats.paired_difference(_runs(comparison, other)["value"].reindex(mine.index), mine)
    if not gap["n"] or (order[0] == story.proposed and gap["ci_high"] < 0):  # clearly behind the proposed: no rival
        return None
    return other, gap


def rival(comparison, story: Story, lang: str = "en") -> str:
    """The headline's word on the other strategies, where one changes its verdict (``_rival``): a client must not
    find "a brand without a page" on top only in the chart. "" where there is none."""
    t, story = TEXT[lang], story.resolved(comparison)
    found = _rival(comparison, story)
    if found is None:
        return ""
    other, gap = found
    cash, who = money_in(comparison, lang, story.currency), story.label(story.proposed, lang)
    if gap["diff"] <= 0:  # the proposed one leads by its mean, within chance: its lead, as the proposed minus the other
        lead = {**gap, "diff": -gap["diff"], "ci_low": -gap["ci_high"], "ci_high": -gap["ci_low"]}
        return t["story_rival_close"].format(runner=capital(story.label(other, lang)), who=who, who_cap=capital(who),
                                             lead=cash(lead["diff"]), **_ends(cash, lead))
    chance, n = t["story_rival_chance"] if gap["ci_low"] <= 0 else "", len(_values(comparison, story))
    return t["story_rival_best"].format(n=t["numbers"].get(n, str(n)),
                                        best=story.label(other, lang), who=who, diff=cash(gap["diff"]), chance=chance,
                                        **_ends(cash, gap))


def rival_kept_up(comparison, story: Story, lang: str = "en", also: bool = False) -> str:
    """The rival (``_rival``) against the proposed strategy with each one's last-year cost paid on after the period
    modelled, where that verdict differs from the value's (a brand without a page, within chance of the regulars'
    table in value, is ahead beyond chance once the desk's cost goes on): "" otherwise, or where the runs lack it.
    ``also``: after the sentence that counts the costs that way for the headline's two (``kept_up``): said shorter."""
    t, story = TEXT[lang], story.resolved(comparison)
    found = _rival(comparison, story)
    if found is None:
        return ""
    other, gap = found
    mine, theirs = _runs(comparison, story.proposed), _runs(comparison, other)
    if "value_costs_continue" not in mine or "value_costs_continue" not in theirs:
        return ""
    kept = stats.paired_difference(theirs["value_costs_continue"].reindex(mine.index), mine["value_costs_continue"])
    if not kept["n"] or pd.isna(kept["diff"]) or not _side(kept) or _side(kept) == _side(gap):
        return ""
    cash = money_in(comparison, lang, story.currency)
    return t["story_rival_kept_also" if also else "story_rival_kept"].format(rival=story.label(other, lang), who=story.label(story.proposed, lang),
                                        diff=cash(abs(kept["diff"])), direction=t["story_more" if kept["diff"] > 0 else "story_less"],
                                        **_ends(cash, kept))


def ranking(comparison, story: Story, lang: str = "en", where: str = "report", after_headline: bool = False) -> str:
    """Which strategy has the highest value (by its mean over the replications), and where the proposed one ranks:
    the headline compares two, a client asks about all. ``where``: "report" points below to the value; "deck" to
    the slide on money. ``after_headline``: read after the headline, which names a rival of the proposed strategy
    (``rival``) where there is one: not said twice."""
    t = TEXT[lang]
    story = story.resolved(comparison)
    values = _values(comparison, story)
    if len(values) < 3 or story.proposed not in values:
        return ""
    order = sorted(values, key=values.get, reverse=True)
    ranked = "" if after_headline and _rival(comparison, story) is not None else _ranked(comparison, values, order, story, lang)
    if story.current in values and story.current != order[0]:  # where the page as it is run now stands, too
        ranked += (" " if ranked else "") + t["rank_current"].format(who=capital(story.label(story.current, lang)), k=ordinal(order.index(story.current) + 1, lang),
                                                 n=len(values))
    unit = money_unit(comparison)  # as the sentences write it: a best of -3 shown as "0 EUR" is not "below zero"
    if round(max(values.values()) / unit) * unit < 0:  # a client read "all negative" as "close the page" or "the model is broken"
        without = [at(story.label(n, lang), lang) if lang == "de" else story.label(n, lang)  # "auch bei einer Marke ohne Seite"
                   for n in values if not has_page(comparison, n)]
        none = t["rank_all_below_none"].format(who=t["and"].join(without)) if without else ""
        ranked += (" " if ranked else "") + t["rank_all_below"].format(none=none, why=_why_below(comparison, story, values, lang),
                                                  value_at=t[f"value_at_{where}"])
    return ranked


def _why_below(comparison, story: Story, values: dict, lang: str) -> str:
    """Why every value is below zero, from the runs: a value is zero where the market buys at the end as it did at the
    start and the page costs nothing, so under each strategy either the market's purchase rate fell or what it spent
    outweighed what it rose by (a client was told "the discount", which a market at rest does not lose to)."""
    t = TEXT[lang]
    if not all("purchase_index_change" in _runs(comparison, n) for n in values):
        return t["below_why_unknown"]
    change = {n: stats.mean_interval(_runs(comparison, n)["purchase_index_change"]) for n in values}  # mean, low, high, n
    if any(pd.isna(c[0]) for c in change.values()):
        return t["below_why_unknown"]
    within = lambda c: c[3] > 1 and c[1] <= 0 <= c[2]  # noqa: E731  (one run: no interval, its sign stands)
    fell = [n for n in values if not within(change[n]) and change[n][0] < 0]
    rose = [n for n in values if not within(change[n]) and change[n][0] >= 0]
    flat = [n for n in values if within(change[n])]
    if not all(has_page(comparison, n) for n in rose + flat):  # no page to pay for: the purchase rate alone does not say why
        return t["below_why_unknown"]
    change = {n: c[0] for n, c in change.items()}
    name = (lambda n: at(story.label(n, lang), lang)) if lang == "de" else (lambda n: story.label(n, lang))
    parts = []
    for key, members in (("below_fell_all" if len(fell) == len(values) else "below_fell", fell), ("below_rose" if fell else "below_rose_alone", rose),
                         ("below_flat" if fell or rose else "below_flat_alone", flat)):
        if members:
            shown = sorted(change[n] for n in members)
            span = percent(shown[0], 1, lang, signed=True) if len(members) == 1 else t["below_span"].format(
                lo=percent(shown[0], 1, lang, signed=True), hi=percent(shown[-1], 1, lang, signed=True))
            parts.append(t[key].format(who=listed([name(n) for n in members], t, ", "), span=span))
    return t["below_why"].format(parts=t["below_sep"].join(parts))


def _ranked(comparison, values: dict, order: list, story: Story, lang: str) -> str:
    """``ranking``'s sentence on the proposed strategy."""
    t = TEXT[lang]
    who = story.label(story.proposed, lang)
    if order[0] == story.proposed:
        runner_up = order[1]
        mine = _runs(comparison, story.proposed)["value"]
        lead = stats.paired_difference(mine, _runs(comparison, runner_up)["value"].reindex(mine.index))
        if lead["n"] and lead["ci_low"] <= 0:  # highest by its mean only: the headline may call the same gap chance
            cash = money_in(comparison, lang, story.currency)
            return t["rank_best_chance"].format(n=t["numbers"].get(len(values), str(len(values))), who=who, second=dative(story.label(runner_up, lang), lang),
                                                lead=cash(lead["diff"]), **_ends(cash, lead))
        return t["rank_best"].format(n=t["numbers"].get(len(values), str(len(values))), who=who)
    mine = _runs(comparison, story.proposed)["value"]
    gap = stats.paired_difference(_runs(comparison, order[0])["value"].reindex(mine.index), mine)
    how = "rank_gap_chance" if gap["n"] and gap["ci_low"] <= 0 <= gap["ci_high"] else "rank_gap"
    cash = money_in(comparison, lang, story.currency)
    value = cash(values[order[0]]) + (t["rank_now"] if order[0] == story.current else "")  # the page as run now leads
    sentence = t["rank_other"].format(count=t["numbers"].get(len(values), str(len(values))), n=len(values), best=story.label(order[0], lang),
                                      value=value, who=who, k=ordinal(order.index(story.proposed) + 1, lang))
    if not gap["n"]:
        return sentence
    return f"{sentence} " + t[how].format(diff=cash(gap["diff"]), **_ends(cash, gap))


def profit_alone(comparison, story: Story, lang: str = "en") -> str:
    """Where the proposed strategy does not pay in net profit over the horizon alone (in today's money, as the
    headline): its own net profit, and the strategies that earn clearly more (paired 95% intervals above zero), or
    that none does. From the runs."""
    t = TEXT[lang]
    story = story.resolved(comparison)
    mine = _runs(comparison, story.proposed)["net_profit_present"]  # in today's money, as the headline's parts
    cash = money_in(comparison, lang, story.currency)
    ahead, level = [], []
    for name in [story.current] + story.order(comparison)[2:]:
        theirs = _runs(comparison, name)["net_profit_present"]
        d = stats.paired_difference(theirs.reindex(mine.index), mine)
        if d["n"] and d["ci_low"] > 0:
            ahead.append(t["profit_ahead_item"].format(who=story.label(name, lang), profit=cash(theirs.mean()), diff=cash(d["diff"]),
                                                       lo=cash(d["ci_low"]), hi=cash(d["ci_high"])))
        elif d["n"] and d["ci_low"] <= 0 <= d["ci_high"]:  # a tie is said as plainly as a lead
            level.append(t["profit_level_item"].format(who=story.label(name, lang), profit=cash(theirs.mean()),
                                                       diff=cash(d["diff"], True), **_ends(cash, d)))
    tie = t["profit_level"].format(items=listed(level, t)) if level else ""
    period = horizon_words(int(comparison.runs["days"].iloc[0]), t)
    mean, low, high, n = stats.mean_interval(mine)
    if n and low <= 0 <= high:  # "loses 7,210" read as a loss that a 95% interval up to +116 is not
        own = t["profit_around_zero"].format(x=cash(mean, True), **_ends(cash, {"ci_low": low, "ci_high": high}))
    else:
        own = t["profit_loses" if mine.mean() < 0 else "profit_earns"].format(x=cash(abs(mine.mean())))
    who = story.label(story.proposed, lang)
    who = capital(who) if lang == "de" else who  # a German sentence after the colon
    if not ahead:
        return t["profit_none_ahead"].format(period=period, who=who, own=own) + tie
    return t["profit_ahead"].format(period=period, who=who, own=own, items=listed(ahead, t)) + tie


MARGIN_PARTS = ("gross_profit_present", "cost_present", "customer_equity_change_present")


def margin_breakeven(comparison, story: Story, lang: str = "en") -> str:
    """How much the value comparison rests on the assumed gross profit per sale: gross profit and customer equity
    scale with it (price, margin and discounts in proportion; nobody buys more or less for it in the model), the
    costs do not, so the proposed strategy's lead over the current one at a share f of it is f * dG - dC, from the
    paired runs. Says from what share on it leads (at least, at most, at any or at none), with Fieller's interval of
    the break-even share dC / dG; empty where the runs lack the parts."""
    t = TEXT[lang]
    story = story.resolved(comparison)
    a, b = _runs(comparison, story.current), _runs(comparison, story.proposed)
    if not all(c in a and c in b for c in MARGIN_PARTS) or b[list(MARGIN_PARTS)].isna().any().any():
        return ""
    a = a.reindex(b.index)
    earned = (b["gross_profit_present"] + b["customer_equity_change_present"]) - (a["gross_profit_present"] + a["customer_equity_change_present"])
    spent = b["cost_present"] - a["cost_present"]
    scenario = comparison.manifest.get("scenarios", {}).get(story.proposed, {}).get("economy", {})
    per_sale = float(scenario.get("price", np.nan)) * float(scenario.get("margin", np.nan))
    if not np.isfinite(per_sale):  # no gross profit per sale to state a share of
        return ""
    who = story.label(story.proposed, lang)
    words = dict(who=capital(who) if lang == "de" else who, other=story.label(story.current, lang))  # after the colon
    head = lambda why: t["margin_head"].format(per_sale=_per_sale(per_sale, lang, story.currency), why=why)  # noqa: E731
    _, low, high, n = stats.mean_interval(earned)
    if n < 2 or not (low > 0 or high < 0):  # the gap in what they earn is within chance
        return head("") + t["margin_unclear"].format(**words)
    share, lo, hi = stats.ratio_interval(spent, earned)
    if share <= 0:  # it earns more and costs no more, or earns less and costs no less
        return head("") + t["margin_any" if earned.mean() > 0 else "margin_none"].format(**words)
    pct = lambda x: percent(x, 0 if x >= 0.1 else 1, lang)  # noqa: E731
    places = 2 if share * per_sale < 10 else 1 if share * per_sale < 100 else 0  # the amount and its interval alike
    amount = lambda x: _per_sale(x * per_sale, lang, story.currency, places)  # noqa: E731
    bounds = (t["margin_unbounded"] if not (np.isfinite(lo) and np.isfinite(hi)) else
              t["margin_up_to"].format(hi=amount(hi)) if lo <= 0 else  # "0.00 EUR to" read as a measured floor
              t["margin_interval"].format(lo=amount(lo), hi=amount(hi)))
    return head(t["margin_why"]) + t["margin_at_least" if earned.mean() > 0 else "margin_at_most"].format(
        share=pct(share), amount=amount(share), interval=bounds,
        per_sale=_per_sale(per_sale, lang, story.currency), **words)  # the amount first: "16% (2.55 EUR)" after "16 EUR" read as 16 EUR


def _per_sale(x: float, lang: str, currency: str, places: int | None = None) -> str:
    """A small sum per sale as the assumptions write it: 16 EUR, 1.25 EUR (not "16.0"); with ``places`` decimals, so
    that an amount and its interval read alike."""
    text = decimal(round(x, 2), "g", lang) if places is None else decimal(x, f".{places}f", lang)
    return f"{text}\u00a0{currency}" if currency else text


def listed(items: list[str], t: dict, sep: str = "; ") -> str:
    """a; b and c (with ``sep`` ", ": a, b and c)."""
    return items[0] if len(items) == 1 else sep.join(items[:-1]) + t["and"] + items[-1]


def valuation_pct(manifest: dict) -> float | None:
    """``economy.valuation_range`` in percent, as every strategy of a comparison's or a break-even's ``manifest``
    ran with it (how much weaker and stronger the other valuations take the link of trust to money); None where
    they differ or none ran."""
    ranges = {float(sc.get("economy", {}).get("valuation_range", 0.0)) for sc in (manifest.get("scenarios") or {}).values()}
    return 100 * ranges.pop() if len(ranges) == 1 else None


def valuation(comparison, story: Story, lang: str = "en") -> str:
    """How much the value comparison rests on the assumed link between trust and money: the proposed minus the
    current strategy's value with both links weaker and stronger (the runs' other valuations, paired intervals).
    Empty where the runs have no other valuations or the range is 0."""
    t = TEXT[lang]
    story = story.resolved(comparison)
    pct = valuation_pct(comparison.manifest)
    items = [_valuation_item(comparison, story, lang, name) for name in (*OTHER_VALUES, "value")]
    if not pct or None in items:
        return ""
    return t["valuation"].format(pct=decimal(round(pct), "g", lang), who=story.label(story.proposed, lang),
                                 weak=items[0], strong=items[1], central=items[2])


VALUINGS = ("value", *OTHER_VALUES, FADING_VALUE, "value_costs_continue")  # the rows of ``valuings``, the headline's first


def valuings(comparison, story: Story) -> tuple[list[str], list[str], list[list[dict | None]]]:
    """The value gaps the money rests on, as a table: one row per way of valuing the market at the end (``VALUINGS``
    the runs have: the headline's, with the link of trust to money weaker and stronger, trust left to fade, each
    strategy's last-year cost paid on), one column per pair (the proposed minus the current strategy, and minus the
    headline's third, ``_rival``, where there is one), each cell a paired difference (None where the runs lack it).
    Four figures for one comparison in four sentences were more than a finance lead would parse."""
    story = story.resolved(comparison)
    pairs = [story.current] + ([found[0]] if (found := _rival(comparison, story)) is not None else [])
    mine = _runs(comparison, story.proposed)
    rows, cells = [], []
    for name in VALUINGS:
        if name in OTHER_VALUES and not valuation_pct(comparison.manifest):
            continue
        if name not in mine:
            continue
        rows.append(name)
        cells.append([_paired(comparison, story, name, other) for other in pairs])
    return pairs, rows, cells


def valuing_labels(comparison, lang: str = "en") -> dict[str, str]:
    """``valuings``' rows in words: the range of the weaker and stronger links, and the span of the cost kept up."""
    pct = valuation_pct(comparison.manifest)
    return {name: text.format(pct=decimal(round(pct), "g", lang) if pct else "",
                              span=cost_span(int(comparison.runs["days"].min()), lang, "its_"))
            for name, text in TEXT[lang]["valuings_rows"].items()}


def kept_up(comparison, story: Story, lang: str = "en", turns: bool = False) -> str:
    """The proposed minus the current strategy's value with each one's last-year cost kept up after the end (what
    holding the market's trust where it ends costs), one sentence; empty where the runs lack it. ``turns``: the
    verdicts differ (opposite, or one within chance), and the sentence first says what depends on the time after the
    end, then why the two differ (a client read them as a contradiction)."""
    story = story.resolved(comparison)
    item = _valuation_item(comparison, story, lang, "value_costs_continue")
    if not item:
        return ""
    t, lead = TEXT[lang], ""
    if turns:  # opposite verdicts, or one of the two within chance: said as what it is ("depends" read as a reversal)
        d, kept = (_paired(comparison, story, name) for name in ("value", "value_costs_continue"))
        sides = (_side(d) if d else 0, _side(kept))
        lead = t["kept_up_opposite" if all(sides) else "kept_up_less_clear" if sides[0] else "kept_up_clearer"]
    return t["kept_up_turns" if turns else "kept_up"].format(lead=lead, who=story.label(story.proposed, lang), item=item,
                                                            span=cost_span(int(comparison.runs["days"].min()), lang, "its_"))


def cost_span(days: int, lang: str, whose: str = "") -> str:
    """Over which days the cost kept up after the end was measured, in words (``whose``: "its_", the strategy's):
    the last year, or a run of ``days`` shorter than a year."""
    return TEXT[lang][f"span_{whose}{'last_year' if days >= 365 else 'run'}"]


def fading(comparison, story: Story, lang: str = "en") -> str:
    """The proposed minus the current strategy's value with the market at the end valued as if the brand stopped
    and trust faded back to where it started (``value_trust_fades``); empty where the runs lack it."""
    story = story.resolved(comparison)
    item = _valuation_item(comparison, story, lang, FADING_VALUE)
    if not item:
        return ""
    costs = ""
    if "cost_per_year_end" in comparison.runs.columns:  # what keeping each strategy up costs a year, not taken off
        t, cash = TEXT[lang], money_in(comparison, lang, story.currency)
        kept = ""
        if parting(comparison, story):  # said in the headline: not a second time
            kept = t["valuation_kept_above"]
        elif item_kept := _valuation_item(comparison, story, lang, "value_costs_continue"):
            kept = t["valuation_kept"].format(who=story.label(story.proposed, lang), item=item_kept)
        costs = t["valuation_costs"].format(span=cost_span(int(comparison.runs["days"].min()), lang), costs=t["and"].join(
            t["cost_of"].format(cost=cash(_runs(comparison, name)["cost_per_year_end"].mean()), who=story.label(name, lang),
                                at=at(story.label(name, lang), lang))
            for name in (story.proposed, story.current)),
            kept=kept)
    return TEXT[lang]["valuation_fades"].format(who=story.label(story.proposed, lang), item=item, costs=costs)


SETTLING_DAYS = 90  # the last stretch of the horizon whose change in market trust is compared with the whole change
UNSETTLED_SHARE = 0.1  # trust still moves if that stretch brought at least this share of the change over the horizon


def unsettled(comparison, story: Story, lang: str = "en") -> str:
    """A note where the current's or the proposed strategy's market trust was still moving at the end: over the last
    SETTLING_DAYS at least UNSETTLED_SHARE of its change over the whole horizon (and at least 0.001, and more than
    the half-width of the 95% interval of its trust at the end: not the runs' noise). Customer
    equity, and so every value, holds trust where it ends; a horizon too short for trust to settle counts it on
    the way. Empty where trust had settled or the runs lack the trajectories."""
    traj, t = comparison.trajectories, TEXT[lang]
    if traj.empty or "metric" not in traj:
        return ""
    story = story.resolved(comparison)
    moved = []
    for name in (story.proposed, story.current):
        rows = traj[(traj["metric"] == "trust_market") & (traj["scenario"] == name)].sort_values("day")
        trust = rows["mean"].to_numpy()
        if trust.size <= SETTLING_DAYS:
            continue
        late, whole = trust[-1] - trust[-1 - SETTLING_DAYS], trust[-1] - trust[0]
        noise = (rows["high"].iloc[-1] - rows["low"].iloc[-1]) / 2 if {"low", "high"} <= set(rows) else 0.0
        if abs(late) >= max(0.001, noise if not pd.isna(noise) else 0.0) and abs(late) >= UNSETTLED_SHARE * abs(whole):
            # beyond the runs' spread at the end: a move of -0.001 against +0.0009 over the horizon was noise
            # a share of the whole change only where the end brought part of it ("167% of its change" read wrong)
            key = ("moved_by_back" if late * whole < 0 else "moved_by") if abs(late) <= abs(whole) else "moved_by_more"
            share = percent(abs(late / whole), 0, lang) if key == "moved_by" else ""  # whole is not 0 there
            moved.append(t[key].format(who=story.label(name, lang), at=at(story.label(name, lang), lang),
                                       change=decimal(late, "+.3f", lang), whole=decimal(whole, "+.4f", lang), share=share))
    if not moved:
        return ""
    return t["unsettled"].format(days=SETTLING_DAYS, moved=t["and"].join(moved))


def parting(comparison, story: Story) -> bool:
    """Whether value today and value with each strategy's costs kept up after the end give different verdicts (one
    within chance, or opposite): the headline then says both."""
    d, kept = _paired(comparison, story, "value"), _paired(comparison, story, "value_costs_continue")
    return d is not None and kept is not None and _side(kept) != _side(d)


def _paired(comparison, story: Story, name: str, other: str | None = None) -> dict | None:
    """The proposed minus the current strategy (or ``other``) in the per-run figure ``name``, paired; None where the
    runs lack it."""
    a, b = _runs(comparison, other or story.current), _runs(comparison, story.proposed)
    if name not in a or name not in b:
        return None
    d = stats.paired_difference(b[name], a[name].reindex(b.index))
    return None if d["n"] == 0 or pd.isna(d["diff"]) else d


def _side(d: dict) -> int:
    """+1 or -1 where a paired difference is beyond chance that way, 0 within chance."""
    return 1 if d["ci_low"] > 0 else -1 if d["ci_high"] < 0 else 0


def _valuation_item(comparison, story: Story, lang: str, name: str) -> str | None:
    """'D more than <current> (95% interval ...)' for the proposed minus the current strategy in ``name``, paired."""
    t = TEXT[lang]
    d = _paired(comparison, story, name)
    if d is None:
        return None
    cash, other = money_in(comparison, lang, story.currency), story.label(story.current, lang)
    if _side(d):  # clear: the interval in the sentence's direction, as magnitudes
        return t["valuation_item"].format(diff=cash(abs(d["diff"])), direction=t["story_more" if d["diff"] > 0 else "story_less"],
                                          other=other, **_ends(cash, d))
    return contracted(t["valuation_item_unclear"].format(diff=cash(d["diff"], True), other=other, other_to=dative(other, lang),
                                                         **_ends(cash, d)), lang)  # the sign: this strategy minus the other


def assumed_economy(comparison, story: Story, lang: str = "en", where: str = "report") -> str:
    """The economy's parameters whose source is an assumption, in words, with the values this comparison ran with:
    the money figures rest on them. ``where``: "report" points below to the assumptions; "deck" to the report's."""
    from ..scenario import parameters

    t = TEXT[lang]
    story = story.resolved(comparison)
    economy = comparison.manifest["scenarios"][story.current]["economy"]
    items = []
    for r in parameters():
        key = r["key"]
        if not key.startswith("economy.") or not r["source"].startswith("assumed") or key.split(".", 1)[1] not in economy:
            continue
        x = float(economy[key.split(".", 1)[1]])
        phrase = t.get(f"assumed_{key}")
        if phrase is None:
            items.append(f"{key} = {x:g} {r['unit']}")
            continue
        items.append(phrase.format(x=decimal(x, "g", lang), currency=story.currency, per_year=decimal(round(x * 365, 2), "g", lang),
                                   gross=decimal(round(x * float(economy.get("margin", 0.0)), 2), "g", lang),
                                   doubling=decimal(round(0.5 - np.log(2) / x, 2), "g", lang) if x > 0 else "-"))
    hours = sorted({float(c.get("production_hours", 0.0)) for c in comparison.manifest["scenarios"][story.current].get("content", {}).values()})
    if hours and hours[-1] > 0:  # making posts: a content type's setting, assumed
        x = decimal(hours[0], "g", lang) if len(hours) == 1 else f"{decimal(hours[0], 'g', lang)}-{decimal(hours[-1], 'g', lang)}"
        wage = comparison.manifest["scenarios"][story.current].get("service", {}).get("wage_per_hour", 0.0)
        items.append(t["assumed_production_hours"].format(x=x, wage=decimal(float(wage), "g", lang), currency=story.currency))
    joined = "; ".join(items)
    joined = capital(joined) if lang == "de" else joined  # a German sentence of its own
    return t["money_assumed" if where == "report" else "money_assumed_deck"].format(items=joined) if items else ""
