"""The report's words in English and German."""

import re

from .parameters_de import MEANING_DE, SOURCE_DE

LANGS = ("en", "de")

# A German label is written in the nominative singular with its article ("der Laden"); after "gegenüber"
# it takes the dative, which the article alone carries for such labels ("dem Laden", "der Marke").
_DATIVE = {"der": "dem", "die": "der", "das": "dem", "ein": "einem", "eine": "einer"}
_ACCUSATIVE = {"der": "den", "die": "die", "das": "das", "ein": "einen", "eine": "eine"}


def _declined(label: str, lang: str, articles: dict) -> str:
    """``label`` with its German article from ``articles`` and the adjectives after a changed article weak ("der
    ausgelagerte Service" -> "dem ausgelagerten Service"); English, and labels without an article, as written."""
    head, _, rest = label.partition(" ")
    article = articles.get(head.lower()) if lang == "de" and rest else None
    if article is None:
        return label
    words = rest.split(" ")
    if article.lower() != head.lower():
        for i, word in enumerate(words[:-1]):  # adjectives before the noun: lower case, ending in -e
            if not (word[:1].islower() and word.endswith("e")):
                break
            words[i] = word + "n"
    return f"{article.capitalize() if head[0].isupper() else article} {' '.join(words)}"


def dative(label: str, lang: str) -> str:
    """``label`` after a preposition that takes the dative ("mit dem Laden")."""
    return _declined(label, lang, _DATIVE)


def accusative(label: str, lang: str) -> str:
    """``label`` after a preposition that takes the accusative ("gegen den Laden")."""
    return _declined(label, lang, _ACCUSATIVE)


def at(label: str, lang: str) -> str:
    """German "bei" with ``label`` in the dative, contracted as one says it ("beim Laden", "bei der Marke")."""
    return contracted(f"bei {dative(label, lang)}", lang)


def contracted(text: str, lang: str) -> str:
    """German "bei dem", "zu dem", "zu der" as one says and writes them: "beim", "zum", "zur" ("Bei dem Laden" ->
    "Beim Laden")."""
    if lang != "de":
        return text
    text = re.sub(r"\b([Bb])ei [Dd]em ", r"\1eim ", text)
    return re.sub(r"\b([Zz])u de([mr]) ", r"\1u\2 ", text)


TEXT = {
    "en": {
        "title": "How the audience answers: a comparison of posting strategies",
        "verdict": "Verdict", "verdict_rests": "What the verdict rests on",
        "followers": "Followers", "trust_market": "Market trust (0\u20131)", "trust_followers": "Followers' trust (0\u20131)",
        "organic_reach": "Organic reach per post (share of followers)", "interaction_rate": "Interaction rate (follower engagements per follower and post)",
        "plot_organic_reach": "Organic reach per post", "plot_interaction_rate": "Interaction rate",  # a figure's title: short
        "open_complaints": "Open complaints",
        "long_term_trust": "Trust in the market at the end (0 to 1)", "unfollow_rate_per_30d": "Unfollows per 30 days",
        "followers_change": "Change in followers", "followers_end": "Followers at the end",
        "trust_followers_end": "Followers' trust at the end", "engagement_per_impression": "Engagement per impression",
        "revenue": "Revenue", "gross_profit": "Gross profit", "cost": "Cost",
        "cost_staff": "of which desk staff", "cost_listening": "of which social listening", "cost_content": "of which making posts", "cost_prizes": "of which prizes and samples",
        "cost_paid": "of which paid reach", "cost_fans": "of which bought followers",
        "interval": "95% interval", "value_diff": "value of {b} minus {a}", "value_of": "value of {name}",
        "value_diff_costs": "the same, each strategy's cost kept up after the end", "breakeven_at": "break-even: {n} people", "your_market_at": "your market: {n} people",
        "breakeven_costs_at": "with the costs kept up: {n} people",
        "market_people": "People in the market", "market_people_over": "People in the market (each run over {period})", "value_diff_axis": "Difference in value, in today's money",
        "net_advocates_end": "Net advocates (percentage points: advocates minus detractors)", "purchase_index_start": "Purchase rate at the start (1 = a market where everyone's trust is 0.5; people's trust varies, so a market of mean trust 0.5 is not exactly 1)",
        "purchase_index_end": "Purchase rate at the end (1 = a market where everyone's trust is 0.5; from each person's own trust, so not the mean trust's)",
        "purchase_index_change": "Change in the purchase rate since the start",
        "customers_start": "Customers at the start", "customers_end": "Customers at the end", "net_profit": "Contribution over the horizon (gross profit \u2212 social-media costs), undiscounted (as booked)", "value": "Value today (contribution + equity at the end, in today's money, \u2212 equity at the start; the headline compares it)",
        "customer_equity_start": "Customer equity at the start",
        "customer_equity_end_present": "Customer equity at the end, in today's money",
        "customer_equity_change_present": "Change in customer equity, in today's money",
        "net_profit_present": "Contribution over the horizon, in today's money",
        "value_weak_trust_link": "Value today, the link of trust to money {pct}% weaker",
        "value_strong_trust_link": "Value today, the link of trust to money {pct}% stronger",
        "value_trust_fades": "Value today, the market's trust left to fade after the end (the brand stops)",
        "valuation_fades": "If the brand stopped at the end and its market's trust faded back to where each person started, at the model's rate of forgetting, {who} would be worth {item}. (Value today, the figure used everywhere else in this report, holds trust where it is at the end, as keeping the strategy up would{costs}.)",
        "valuation_costs": ", but does not take off what keeping it up costs a year: {costs} {span} of these runs{kept}", "span_last_year": "in the last year", "span_run": "averaged over the days",
        "span_its_last_year": "its last year", "span_its_run": "a year over the run",
        "unsettled": "Trust in the market was still moving at the end: over the last {days} days it moved by {moved}, on the 0-1 scale. Customer equity, and so each value here, counts trust as it stood at the end; over a longer horizon it would have moved further.",
        "moved_by": "{change} with {who} ({share} of its change over the whole horizon)",
        "moved_by_more": "{change} with {who}, more than over the whole horizon ({whole})",
        "moved_by_back": "{change} with {who}, back against its change over the whole horizon ({whole})",
        "valuation_kept": "; taking that off for good after the end, discounted as the equity is, {who} would be worth {item}",
        "valuation_kept_above": "; taking that off for good after the end gives the headline's second valuation",
        "kept_up": "With each strategy's cost of {span} kept up after the end, for good (discounted as the equity is), {who} would be worth {item}.",
        "fitted_source": "fitted to your export {export}: 95% interval {ends}", "fitted_source_outside": "fitted to your export {export}: the closest run's value, outside the 95% interval of the accepted fits, {ends}", "fitted_ends": "{lo} to {hi}",
        "fitted_edge": "the interval reaches the edge of the range searched: your page may want a value beyond it",
        "fitted_no_width": "the fit found no spread around it: read it as rough",
        "kept_up_opposite": "Which of the two is worth more depends on what comes after the end: ",
        "kept_up_less_clear": "How clear this difference is depends on what comes after the end: ",
        "kept_up_clearer": "Whether either is worth more depends on what comes after the end: ",
        "kept_up_turns": "{lead}that difference counts the trust each strategy leaves at the end as if it lasted, but not what keeping it costs; with each strategy's cost of {span} paid on for good (discounted as the equity is), {who} would instead be worth {item}.",
        "rank_all_below": "Every strategy's value is below zero here{none}: {why} (see {value_at}); compare the strategies with each other, not with zero.",
        "below_why": "a value is zero where the market buys at the end as it did at the start and the page costs nothing, and here {parts}",
        "below_fell": "the market's purchase rate fell under {who} ({span})", "below_rose": "under {who} it rose ({span}), but not by enough to pay for the page", "below_rose_alone": "the market's purchase rate rose under {who} ({span}), but not by enough to pay for the page",
        "below_flat": "under {who} it moved within chance ({span}), and what the page cost was not made up", "below_flat_alone": "the market's purchase rate moved within chance under {who} ({span}), and what the page cost was not made up",
        "below_span": "{lo} to {hi}", "below_sep": "; ", "below_why_unknown": "a value is zero where the market buys at the end as it did at the start and the page costs nothing", "rank_all_below_none": ", {who} included",
        "value_at_report": "\u201cMoney: contribution and customer equity\u201d below", "value_at_deck": "the slide “Money”", "continued": "continued",
        "staff_hours": "Desk staff-hours", "content_hours": "Staff-hours making posts",
        "full_time_staff": "Staff for the desk and the posts, full-time people (on average)",
        "cost_per_answer": "Desk cost per answered complaint",
        "day": "Day", "axis_years": "Years", "axis_months": "Months", "axis_days": "Days",
        "over_time": "Over time", "headline": "Headline figures", "table": "Comparison table", "table_cut": "Under each mean its 95% interval over the runs (Student's t), cut where a figure cannot go: below 0 for shares, trust, counts, rates, revenue, gross profit, costs and customer equity (not for contribution or value, which can be negative), below \u2212100% for changes in percent, above 1 (100%) for shares and trust.",
        "strategies": "What each strategy does", "assumptions": "Assumptions and their sources",
        "reproduce": "How to reproduce", "metric": "Metric", "strategy": "Strategy",
        "reps_note": "Mean over {reps} runs per strategy with 95% intervals. The intervals are the spread between runs of the model; the uncertainty of the assumed parameters is not in them (a robustness study, audsim robustness, varies them). Run r of every strategy uses the same seed (paired). p: paired t-test against {base_to}, for that comparison alone, as its interval (differences.csv also gives it Holm-adjusted over every strategy and measure).",
        "few_reps": "Warning: only {reps} runs per strategy; intervals are rough below 10.",
        "verdict_followers_lost": "Over {period}, {name} lost {pct} of its followers (95% interval {lo} to {hi}).",
        "verdict_followers_gained": "Over {period}, {name} grew its following by {pct} (95% interval {lo} to {hi}).",
        "verdict_followers_unclear": "Over {period}, the followers of {name} changed by {pct}, within chance (95% interval {lo} to {hi}).",
        "months": "{n} months", "days": "{n} days", "months_plain": "{n} months", "days_plain": "{n} days", "one_day": "{n} day", "one_day_plain": "{n} day",
        "verdict_trust": "Market trust ended at {value} for {name} (95% interval {lo}-{hi}).",
        "verdict_diff": "Against {base_to}, {name} ended with market trust {diff} {direction} on the 0-1 scale (95% interval {lo} to {hi}; p {p}) {followers}.",
        "verdict_diff_unclear": "Against {base_to}, {name} ended with a market trust that differs only within chance ({diff} on the 0-1 scale; 95% interval {lo} to {hi}; p {p}) {followers}.",
        "verdict_unfollows": "and {unf} of its followers unfollowed per 30 days (before new follows), against {unf_base} for {base}",
        "verdict_unfollows_base_only": "and, having no page, lost no followers ({base} lost {unf_base} of its followers per 30 days)",
        "verdict_unfollows_name_only": "and {unf} of its followers unfollowed per 30 days ({base} has no page)",
        "verdict_unfollows_none": "(neither has a page)",
        "higher": "higher", "lower": "lower",
        "best": "Best long-term trust: {name}{best_chance}. Worst: {worst}{worst_chance}.",
        "best_chance": " (by its mean; within chance of {other}: {diff}, 95% interval {lo} to {hi})",
        "param": "Parameter", "default": "Default", "unit": "Unit", "source": "Source", "used": "In this report",
        "every_parameter": "Every parameter: its default, its value in this report, unit and source",
        "differs": "differs by strategy (see \u201cWhat each strategy does\u201d)",
        "assumptions_note": "<p class='note'>In bold: a value this report ran with that differs from the model's default (set by a strategy or for the page). \u201cassumed\u201d: no published source.</p>",
        "command": "Command", "manifest": "Manifest (resolved scenarios, seeds, versions)",
        "lead": "After {period}, net advocates (the share of the market that trusts the brand minus the share that distrusts it, in points) and the change in the purchase rate since the start{start}: {items}.",
        "lead_start": " (when the market bought {index} times as much as a neutral one)",
        "lead_item": "{name} {points} (purchase rate {change})",
        "money": "Money: contribution and customer equity",
        "deck_staff": " (about {n} full-time people for the desk and the posts)", "deck_staff_posts": " (about {n} full-time people for the posts)",
        "deck_money_columns": {"gross_profit": "Gross profit", "cost": "Cost", "net_profit": "Contribution", "net_profit_present": "Contribution, present value",
                               "customer_equity_change_present": "Equity change, present value", "value": "Value today"},
        "money_value": "{name}: value {value} (95% interval {lo} to {hi}) = contribution over the horizon in today's money {profit} + customer equity at the end in today's money {end} \u2212 customer equity at the start {start}.",
        "money_why": " Customer equity follows trust: trust in the market was {start} at the start and {end} at the end{complaints}.",
        "money_complaints": "; of the {n} complaints customers raised{where_sep} {in_time} were answered in time, {late} late, {ignored} not at all (ignored, deleted or given up on before an answer) and {unheard} never reached the brand (raised where it does not listen); a desk's target counts the complaints raised within its hours, and most raised outside them are answered late",
        "money_unanswered": "; none of the {n} complaints customers raised{where} was answered",
        "money_where": ", on the page or elsewhere,",
        "money_pays": "Against {base_to}, {name} adds {diff} of value (95% interval {lo} to {hi}).",
        "money_does_not_pay": "Against {base_to}, {name} does not pay: its value is {diff} lower (95% interval {lo} to {hi}).",
        "money_unclear": "Against {base_to}, the value of {name} differs only within chance: {diff} (95% interval {lo} to {hi}).",
        "money_profit_vs_value": "Over the horizon {name} earns {profit_dir} contribution than {base} (by {profit} in today's money), but counted with the customers and the trust that remain, it is worth {value_dir} (by {value}).",
        "more": "more", "less": "less",
        "money_start": " At the start, the market's customer equity is {start}.",
        "money_rounding": " Sentences, tables and slides round every sum of money (amounts per sale or per answered complaint aside) to the nearest {unit}, so that a sum's parts add up to it within a unit or two and each amount reads the same everywhere; other figures in the tables keep at least three significant figures (each row with the same number of decimals).",
        "seven_day": "7-day mean",
        "deck_money_note": "Means over {reps} runs per strategy, each rounded to the nearest {unit}, so a row may differ from its sum by a unit; the report gives each with its 95% interval. Contribution = gross profit \u2212 cost, as booked over the horizon. Value today = contribution today + equity change today, where contribution today is each day's profit and equity change today the customer equity at the end (the modelled gross profit of the market's future purchases) less that at the start, each discounted to the start at the rate the equity itself is discounted with.",
        "money_note": "Customer equity: the gross profit of the future purchases of all {people} people in the market (customers and those who may become customers), from each person's trust-driven purchase rate and lapse hazard at that moment, discounted at {rate} a year over an unlimited horizon. Contribution: gross profit (sales times margin) less the costs of social media the model counts (desk, listening, making posts, prizes, paid reach, bought followers); the business's other costs are not in it, so it is not the business's net profit. Value = contribution over the horizon + customer equity at its end \u2212 customer equity at the start, as of the start: each day's profit and the equity at the end discounted at the same {rate} a year (customer equity is a present value, so what is earned and kept must be too; undiscounted, a market where nothing happens would seem to gain about a tenth of its equity a year). Discounting is daily and compounds to {rate} a year (an amount a year ahead is worth 1 / (1 + {rate}) of it today); a cost kept up for good after the end is paid every day, not once a year. In today's money the change in customer equity can be negative where customers and trust grew: the equity at the start includes the purchases over the period modelled ({period}), which the contribution counts instead, and the equity at the end lies {period} ahead. Intervals and p-values are those of each comparison alone, not adjusted for the number of comparisons.",
        "be_overtakes": "From a market of about {n} people, {b} is worth more than {a} (95% interval of that size: {lo} to {hi}).",
        "be_below": "below {n}", "be_beyond": "beyond {n}",
        "be_yours_beyond": "Your market (here {n} people) lies above that interval: at its size {b} is worth more.",
        "be_yours_below": "Your market (here {n} people) lies below that interval: at its size {a} is worth more.",
        "be_yours_within": "Your market (here {n} people) lies within that interval: at its size, which of the two is worth more is too close to call.",
        "be_yours_outside": "Your market (here {n} people) lies outside the sizes tested: these runs say nothing about its size.",
        "be_b_ahead_everywhere": "{B} is worth more than {a} at every market size tested ({smallest} to {largest} people).",
        "be_a_ahead_everywhere": "{B} is not worth more than {a} at any market size tested, up to {largest} people.",
        "be_sure_all": "beyond chance at each size", "be_sure_none": "by the mean only: within chance at every size",
        "be_sure_some": "{leader} ahead beyond chance at {sizes} people only, elsewhere by the mean",
        "be_b_falls_behind": "{B} is worth more than {a} in the smaller markets tested and less in the larger ones (see the table).",
        "be_mixed": "{B} is worth more than {a} at some market sizes and less at others (see the table): no single break-even.",
        "be_no_difference": "{B} and {a} are worth the same at every market size tested.",
        "be_links": "With the same runs' market revalued as if the link of trust to money were {pct}% weaker (their sales follow the assumed link), {b} is worth more than {a} {weak}; {pct}% stronger, {strong}.",
        "be_costs": "Counted with each strategy's cost of {span} kept up after the end (what holding the market's trust where it ends costs):",
        "be_both_below": "Both leave the brand worth less than at the start {sizes}: there, worth more means losing less.",
        "be_both_below_costs": "With those costs both leave the brand worth less than at the start {sizes}.",
        "be_every_size": "at every size tested", "be_at_sizes": "at {sizes} people",
        "be_from": "from about {n} people", "be_where_b_ahead_everywhere": "at every size tested ({smallest} to {largest} people)",
        "be_where_a_ahead_everywhere": "at no size up to {largest} people", "be_where_b_falls_behind": "only in the smaller markets",
        "be_where_mixed": "at some sizes tested and less at others (no single break-even)", "be_where_no_difference": "at no size (no difference)",
        "breakeven": "The break-even market",
        "breakeven_note": "Both strategies run at each market size over {period} ({reps} paired runs), scaled to the market, with the desk sized to its load.",
        "story_lead": "Over {period}, {first}; {second}.",
        "story_year": "one year", "story_years": "{n} years",
        "numbers": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"},
        "story_loses": "{who} loses {n}{of_yours} followers ({pct}%)", "story_of_your_loss": " of your {n}",
        "story_of_default_loss": " of the default page's {n}", "story_of_default_gain": " on top of the default page's {n}",
        "story_of_default_keep": " (the default page's {n})",
        "story_gains": "{who} gains {n} followers{of_yours} (+{pct}%)", "story_of_your_gain": " on top of your {n}",
        "story_keeps": "{who} keeps about as many followers as it had{of_yours}", "story_of_your_keep": " (your {n})",
        "story_unclear": "for {who}, the change in followers{of_yours}, {n} ({pct}), is within chance (95% interval {lo} to {hi})",
        "story_no_page": "{who} has no page, and so no followers to gain or lose",
        "story_value_clear": "Counting contribution and the change in customer equity, both discounted to today at {rate} a year, {who} is worth {diff} {direction} than {other} (95% interval {lo} to {hi}, from the runs' randomness alone).",
        "story_value_parts": ": {profit} in contribution over the period and {equity} in customer equity at the end.",
        "story_value_unclear": "Counting contribution and the change in customer equity, both discounted to today at {rate} a year, {who} and {other} are worth the same within chance ({diff} apart; 95% interval {lo} to {hi}).",
        "story_more": "more", "story_less": "less",
        "rank_best": "Of the {n} strategies compared, {who} has the highest value.",
        "rank_best_chance": "Of the {n} strategies compared, {who} has the highest mean value; its lead of {lead} over {second} is within chance (95% interval {lo} to {hi}).",
        "rank_other": "Highest value of the {count} strategies compared, by its mean: {best} ({value}); {who} comes {k} of {n}.",
        "rank_current": "{who}, the page's strategy now, comes {k} of {n}.", "rank_now": ", the page's strategy now",
        "rank_gap": "The gap between the two is beyond chance (95% interval {lo} to {hi}).",
        "rank_gap_chance": "The gap between the two is within chance (95% interval {lo} to {hi}).",
        "valuation": "How much this rests on the assumed link between trust and money: as assumed, {who} is worth {central}; with the market at the start and at the end valued as if trust moved purchases and lapses {pct}% less strongly, {weak}; {pct}% more strongly, {strong}. This revalues the same runs, whose sales follow the assumed link; the true range is wider, since with another link the sales during the period would differ too.",
        "valuation_item": "{diff} {direction} than {other} (95% interval {lo} to {hi})",
        "valuation_item_unclear": "the same as {other} within chance (difference to {other_to}: {diff}; 95% interval {lo} to {hi})",
        "profit_ahead": "Contribution alone, over {period}, in today's money: {who} {own}. Strategies with a higher contribution, beyond chance: {items}.",
        "profit_ahead_item": "{who} with {profit} ({diff} more; 95% interval {lo} to {hi})", "and": " and ",
        "cost_of": "{cost} for {who}",
        "margin_head": "How much this rests on the gross profit a sale brings ({per_sale} assumed{why}): ",
        "margin_why": "; the costs do not change with it, gross profit and customer equity do",
        "margin_at_least": "{who} is worth more than {other} as long as a sale brings at least {amount} of gross profit ({share} of the {per_sale} assumed; {interval}).",
        "margin_at_most": "{who} brings in less gross profit but costs less, and is worth more than {other} only while a sale brings at most {amount} of gross profit ({share} of the {per_sale} assumed; {interval}).",
        "margin_any": "{who} brings in more gross profit than {other} and costs no more, so it is worth more at any gross profit per sale.",
        "margin_none": "{who} brings in less gross profit than {other} and costs no less, so it is worth less at any gross profit per sale.",
        "margin_unclear": "{who} and {other} bring in gross profit and customer equity that cannot be told apart in these runs, so their costs decide.",
        "margin_interval": "95% interval {lo} to {hi}", "margin_up_to": "95% interval up to {hi}",
        "margin_unbounded": "the 95% interval is unbounded",
        "profit_none_ahead": "Contribution alone, over {period}, in today's money: {who} {own}; no strategy here has a higher contribution beyond chance.",
        "profit_level": " Not distinguishable from it (within chance): {items}.",
        "profit_level_item": "{who} with {profit} (difference {diff}; 95% interval {lo} to {hi})",
        "profit_earns": "earns {x}", "profit_loses": "loses {x}",
        "profit_around_zero": "neither earns nor loses beyond chance ({x} on average; 95% interval {lo} to {hi})",
        "facts": "posts a day: {posts}; {mix}; desk: {staff}, {hours} h a day, {days} days a week, answers {answers}, deletes {deletes}",
        "facts_listens": ", listens for {x} of the complaints raised elsewhere", "facts_no_page": "no page",
        "staff_auto": "sized each week to the load (part of a person's time when few complain)", "staff_n": "{n} staff", "staff_one": "{n} staff", "facts_no_desk": "posts a day: {posts}; {mix}; no desk, deletes {deletes}",
        "money_assumed": "Value: the contribution over the horizon (gross profit less the social-media costs the model counts) plus the change in customer equity (the gross profit of all future purchases in the market, by customers and by those who may become customers), both in today's money. The money figures rest on assumptions, not measurements: {items}. Every assumption and its source: see \u201cAssumptions and their sources\u201d below.",
        "money_assumed_deck": "Value: the contribution over the horizon (gross profit less the social-media costs the model counts) plus the change in customer equity (the gross profit of all future purchases in the market, by customers and by those who may become customers), both in today's money. The money figures rest on assumptions, not measurements: {items}. Every assumption and its source: in the report's \u201cAssumptions and their sources\u201d.",
        "assumed_economy.price": "a sale brings in {x} {currency} ({gross} {currency} gross profit)",
        "assumed_economy.base_purchase_rate": "customers buy about {per_year} times a year at neutral trust",
        "assumed_economy.prospect_purchase_rate": "others buy a first time about {per_year} times a year",
        "assumed_economy.trust_elasticity": "purchases rise with (trust / 0.5) to the power {x}",
        "assumed_production_hours": "making a post takes {x} staff-hours at {wage} {currency} an hour",
        "assumed_economy.lapse_trust_slope": "customers lapse twice as often at trust {doubling} as at 0.5",
        "legend_no_followers": "{label} (no followers)", "fig_followers": "Followers", "fig_advocates": "Net advocates (percentage points)", "fig_value": "Value against {current}", "fig_value_note": "difference in the same runs: contribution + change in customer equity, in today's money",
        "fig_advocates_note": "share of the market trusting above {high} minus share below {low}",
        "at_a_glance": "At a glance", "details": "The details",
        "your_page_trend": "Over your export's {days} days your page went from {start} to {end} followers; run as {current} over the same days, the fitted model goes to {model}, the opposite direction: the followers projected below rest on the model's assumptions about {current}, not on your page's trend.",
        "your_page_misfit": "The fit does not reproduce your export: run as {current}, the fitted model gives {figures}. Either your page is not run as {current} is, or the model lacks what drives your figures; the projection below rests more on the model's assumptions than on your page.",
        "misfit_figure": "{what} {model} (yours {yours})",
        "your_page_fit": " Run again, the fitted model gives {figures}.", "your_page_short": " {days} days are few: a fit to less than three months of your page reads its reach, engagement and unfollows roughly, and not its trend.",
        "misfit_organic_reach": "reach per post",
        "misfit_engagement_per_impression": "engagement per impression",
        "misfit_unfollow_rate_per_30d": "unfollows per 30 days",
        "your_page_fitted": " Fitted to your export {export} ({days} days, {start} followers at its start and {end} at its end): the market's reach, engagement per impression and unfollow rate (approximate Bayesian computation); the simulation starts where the export ends, from your page as it is today. The market's size, your customers, and how people react beyond these three figures are still the model's assumptions.",
        "your_page_assumed": " Only the page's size is yours: the market around it, your customers, how people react, and the page's strategy today, {current}, are the model's assumptions, not measured on your page (a fit to your page's analytics export can replace the main ones).",
        "default_page": "The default page (no page size was given): {followers} followers in a reachable market of {people} people (currently {posts} {post_word} a day); {reps} simulation runs of {period} per strategy, each run with the same market for every strategy.",
        "default_page_assumed": " Nothing of it is measured on your page: its size, the market around it, the customers, how people react, and the page's strategy today, {current}, are the model's defaults and assumptions (your page's own size, or a fit to its analytics export, can replace the main ones).",
        "tl_days": "days {a}\u2013{b}", "tl_from": "from day {a}", "tl_instead": "instead of",
        "tl_shared": "In the runs of every strategy alike",
        "title_default_page": "What the default page's strategy is worth: {current} against the alternatives",
        "title_default_page_one": "What the default page's strategy is worth: {current} against {proposed}",
        "title_page_one": "What your page's strategy is worth: {current} against {proposed}",
        "your_page": "Your page: {followers} followers in a reachable market of {people} people (currently {posts} {post_word} a day); {reps} simulation runs of {period} per strategy, each run with the same market for every strategy.",
        "with_breakeven": "With the break-even market",
        "title_page": "What your page's strategy is worth: {current} against the alternatives",
        "deck_assumptions": "Assumptions",
        "source_short": "source", "assumption": "an assumption", "seed": "trade article",
        "key_platform.reach_base": "A post reaches about {pct} of the followers of a page of {size} followers at average quality (a bigger page a smaller share, one posting more often less per post)",
        "key_reactions.annoyance_weight": "Promotion annoys: annoyance lowers what a post is worth to its viewer (weight {x})",
        "key_follows.promo_annoyance": "Each unit of annoyance from promotion raises the daily chance to unfollow by {x}",
        "key_economy.lapse_rate": "At neutral trust about {per_year} of customers stop buying within a year",
        "key_economy.discount_rate_per_year": "Future gross profit is discounted at {pct} a year",
        "key_service.wage_per_hour": "An hour of desk cover costs {x} {currency}",
        "key_service.answers_per_staff_hour": "One person answers {x} complaints an hour",
    },
    "de": {
        "title": "Wie das Publikum antwortet: Posting-Strategien im Vergleich",
        "verdict": "Ergebnis", "verdict_rests": "Worauf das Ergebnis beruht",
        "followers": "Follower", "trust_market": "Vertrauen im Markt (0\u20131)", "trust_followers": "Vertrauen der Follower (0\u20131)",
        "organic_reach": "Organische Reichweite pro Post (Anteil der Follower)", "interaction_rate": "Interaktionsrate (Interaktionen der Follower je Follower und Post)",
        "plot_organic_reach": "Organische Reichweite pro Post", "plot_interaction_rate": "Interaktionsrate", "open_complaints": "Offene Beschwerden",
        "long_term_trust": "Vertrauen im Markt am Ende (0 bis 1)", "unfollow_rate_per_30d": "Entfolgungen pro 30 Tage",
        "followers_change": "Veränderung der Follower", "followers_end": "Follower am Ende",
        "trust_followers_end": "Vertrauen der Follower am Ende", "engagement_per_impression": "Interaktionen pro Impression",
        "revenue": "Umsatz", "gross_profit": "Rohertrag", "cost": "Kosten",
        "cost_staff": "davon Service-Personal", "cost_listening": "davon Social Listening", "cost_content": "davon Erstellung der Posts", "cost_prizes": "davon Preise und Produktproben",
        "cost_paid": "davon bezahlte Reichweite", "cost_fans": "davon gekaufte Follower",
        "interval": "95\u2011%\u2011Intervall", "value_diff": "Wert: {b} minus {a}", "value_of": "Wert: {name}",
        "value_diff_costs": "dasselbe, mit den Kosten jeder Strategie nach dem Ende", "breakeven_at": "Break-even: {n} Personen", "your_market_at": "Ihr Markt: {n} Personen",
        "breakeven_costs_at": "mit den Kosten danach: {n} Personen",
        "market_people": "Personen im Markt", "market_people_over": "Personen im Markt (jeder Lauf über {period})", "value_diff_axis": "Differenz im Wert, in heutigem Geld",
        "net_advocates_end": "Netto-Fürsprecher (Prozentpunkte: Fürsprecher minus Kritiker)", "purchase_index_start": "Kaufrate am Anfang (1 = ein Markt, in dem jede Person Vertrauen 0,5 hat; das Vertrauen streut von Person zu Person, daher ist ein Markt mit mittlerem Vertrauen 0,5 nicht genau 1)",
        "purchase_index_end": "Kaufrate am Ende (1 = ein Markt, in dem jede Person Vertrauen 0,5 hat; aus dem Vertrauen jeder Person, daher nicht aus dem mittleren Vertrauen)",
        "purchase_index_change": "Veränderung der Kaufrate seit dem Anfang",
        "customers_start": "Kunden am Anfang", "customers_end": "Kunden am Ende", "net_profit": "Deckungsbeitrag im Zeitraum (Rohertrag \u2212 Social-Media-Kosten), unabgezinst (wie gebucht)", "value": "Wert heute (Deckungsbeitrag + Kundenwert am Ende, in heutigem Geld, \u2212 Kundenwert am Anfang; die Überschrift vergleicht ihn)",
        "customer_equity_start": "Kundenwert am Anfang",
        "customer_equity_end_present": "Kundenwert am Ende, in heutigem Geld",
        "customer_equity_change_present": "Veränderung des Kundenwerts, in heutigem Geld",
        "net_profit_present": "Deckungsbeitrag im Zeitraum, in heutigem Geld",
        "value_weak_trust_link": "Wert heute bei {pct}\u00a0% schwächerer Wirkung des Vertrauens auf Käufe und Abwanderung",
        "value_strong_trust_link": "Wert heute bei {pct}\u00a0% stärkerer Wirkung des Vertrauens auf Käufe und Abwanderung",
        "value_trust_fades": "Wert heute, wenn das Vertrauen im Markt nach dem Ende verblasst (die Marke hört auf)",
        "valuation_fades": "Hörte die Marke am Ende auf und kehrte das Vertrauen im Markt mit der Vergessensrate des Modells dorthin zurück, wo jede Person anfing, wäre {who} {item}. (Der Wert heute, die sonst überall in diesem Bericht genannte Zahl, hält das Vertrauen am Ende, wo es ist, wie es die fortgeführte Strategie täte{costs}.)",
        "valuation_costs": ", zieht aber nicht ab, was das Fortführen im Jahr kostet: {costs} {span} dieser Läufe{kept}", "span_last_year": "im letzten Jahr", "span_run": "gemittelt über die Tage",
        "span_its_last_year": "des letzten Jahres", "span_its_run": "eines Jahres (gemittelt über den Lauf)",
        "unsettled": "Das Vertrauen im Markt bewegte sich am Ende noch: In den letzten {days} Tagen änderte es sich {moved}, auf der Skala von 0 bis 1. Der Kundenwert, und damit jeder Wert hier, rechnet mit dem Vertrauen, wie es am Ende stand; über einen längeren Zeitraum hätte es sich weiterbewegt.",
        "moved_by": "{at} um {change} ({share} seiner Veränderung im ganzen Zeitraum)",
        "moved_by_more": "{at} um {change}, mehr als im ganzen Zeitraum ({whole})",
        "moved_by_back": "{at} um {change}, zurück gegen seine Veränderung im ganzen Zeitraum ({whole})",
        "valuation_kept": "; zieht man das nach dem Ende für immer ab, abgezinst wie der Kundenwert, wäre {who} {item}",
        "valuation_kept_above": "; zieht man das nach dem Ende für immer ab, ergibt sich die zweite Bewertung der Überschrift",
        "kept_up": "Zieht man die Kosten {span} jeder Strategie nach dem Ende für immer ab (abgezinst wie der Kundenwert), wäre {who} {item}.",
        "fitted_source": "angepasst an Ihren Export {export}: 95\u2011%\u2011Intervall {ends}", "fitted_source_outside": "angepasst an Ihren Export {export}: der Wert des nächstgelegenen Laufs, außerhalb des 95\u2011%\u2011Intervalls der angenommenen Anpassungen, {ends}", "fitted_ends": "{lo} bis {hi}",
        "fitted_edge": "das Intervall reicht an den Rand des durchsuchten Bereichs: Ihre Seite verlangt vielleicht einen Wert jenseits davon",
        "fitted_no_width": "die Anpassung fand keine Streuung um ihn: nur als grober Wert zu lesen",
        "kept_up_opposite": "Welche der beiden Strategien mehr wert ist, hängt davon ab, was nach dem Ende kommt: ",
        "kept_up_less_clear": "Wie deutlich dieser Unterschied ist, hängt davon ab, was nach dem Ende kommt: ",
        "kept_up_clearer": "Ob eine der beiden mehr wert ist, hängt davon ab, was nach dem Ende kommt: ",
        "kept_up_turns": "{lead}Dieser Unterschied zählt das Vertrauen, das jede Strategie am Ende hinterlässt, als bliebe es, aber nicht, was es kostet, es zu halten; zahlt man die Kosten {span} jeder Strategie nach dem Ende für immer weiter (abgezinst wie der Kundenwert), wäre {who} stattdessen {item}.",
        "rank_all_below": "Der Wert jeder Strategie liegt hier unter null{none}: {why} (siehe {value_at}); vergleichen Sie die Strategien also miteinander, nicht mit null.",
        "below_why": "Null wäre er, wenn der Markt am Ende so viel kaufte wie am Anfang und die Seite nichts kostete, und hier {parts}",
        "below_fell": "fiel die Kaufrate des Marktes {who} ({span})", "below_rose": "{who} stieg sie ({span}), aber nicht genug, um die Seite zu bezahlen", "below_rose_alone": "stieg die Kaufrate des Marktes {who} ({span}), aber nicht genug, um die Seite zu bezahlen",
        "below_flat": "{who} bewegte sie sich im Rahmen der Zufallsschwankung ({span}), und was die Seite kostete, kam nicht wieder herein", "below_flat_alone": "bewegte sich die Kaufrate des Marktes {who} im Rahmen der Zufallsschwankung ({span}), und was die Seite kostete, kam nicht wieder herein",
        "below_span": "{lo} bis {hi}", "below_sep": "; ", "below_why_unknown": "Null wäre er, wenn der Markt am Ende so viel kaufte wie am Anfang und die Seite nichts kostete", "rank_all_below_none": ", auch {who}",
        "value_at_report": "\u201eGeld: Deckungsbeitrag und Kundenwert\u201c unten", "value_at_deck": "die Folie „Geld“", "continued": "Fortsetzung",
        "staff_hours": "Personalstunden Service", "content_hours": "Personalstunden für die Posts",
        "full_time_staff": "Personal für Service und Posts in Vollzeitkräften (im Mittel)",
        "cost_per_answer": "Servicekosten pro beantwortete Beschwerde",
        "day": "Tag", "axis_years": "Jahre", "axis_months": "Monate", "axis_days": "Tage",
        "over_time": "Im Zeitverlauf", "headline": "Kennzahlen", "table": "Vergleichstabelle", "table_cut": "Unter jedem Mittelwert sein 95-%-Intervall über die Läufe (Student-t), abgeschnitten, wo eine Kennzahl keine Werte annehmen kann: unter 0 bei Anteilen, Vertrauen, Anzahlen, Raten, Umsatz, Rohertrag, Kosten und Kundenwert (nicht bei Deckungsbeitrag und Wert, die negativ sein können), unter \u2212100 % bei prozentualen Veränderungen, über 1 (100 %) bei Anteilen und Vertrauen.",
        "strategies": "Was jede Strategie tut", "assumptions": "Annahmen und ihre Quellen",
        "reproduce": "So lässt es sich nachrechnen", "metric": "Kennzahl", "strategy": "Strategie",
        "reps_note": "Mittelwert über {reps} Läufe je Strategie mit 95\u2011%\u2011Intervallen. Die Intervalle zeigen die Streuung zwischen den Läufen des Modells; die Unsicherheit der angenommenen Parameter steckt nicht darin (eine Robustheitsstudie, audsim robustness, variiert sie). Lauf r jeder Strategie nutzt denselben Zufallsstartwert (gepaarter Vergleich). p: gepaarter t-Test gegenüber {base_to}, für diesen einen Vergleich, wie sein Intervall (differences.csv nennt ihn auch Holm-korrigiert über alle Strategien und Kennzahlen).",
        "few_reps": "Warnung: nur {reps} Läufe je Strategie; unter 10 sind die Intervalle grob.",
        "verdict_followers_lost": "In {period} verlor {name} {pct} der Follower (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "verdict_followers_gained": "In {period} gewann {name} {pct} Follower hinzu (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "verdict_followers_unclear": "In {period} veränderte sich die Zahl der Follower bei {name_to} um {pct}, im Rahmen der Zufallsschwankung (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "months": "{n} Monaten", "days": "{n} Tagen", "months_plain": "{n} Monate", "days_plain": "{n} Tage", "one_day": "{n} Tag", "one_day_plain": "{n} Tag",
        "verdict_trust": "Das Vertrauen im Markt endete bei {value} für {name} (95\u2011%\u2011Intervall {lo}-{hi}).",
        "verdict_diff": "Gegenüber {base_to} endete {name} mit einem Vertrauen im Markt, das auf der Skala von 0 bis 1 um {diff} {direction} liegt (95\u2011%\u2011Intervall {lo} bis {hi}; p {p}), {followers}.",
        "verdict_diff_unclear": "Gegenüber {base_to} endete {name} mit einem Vertrauen im Markt, das sich nur im Rahmen der Zufallsschwankung unterscheidet ({diff} auf der Skala von 0 bis 1; 95\u2011%\u2011Intervall {lo} bis {hi}; p {p}), {followers}.",
        "verdict_unfollows": "und pro 30 Tage entfolgten {unf} der Follower (neue Follower nicht gegengerechnet), gegenüber {unf_base} bei {base_to}",
        "verdict_unfollows_base_only": "und hatte keine Seite, der man hätte entfolgen können (bei {base_to} entfolgten {unf_base} der Follower pro 30 Tage)",
        "verdict_unfollows_name_only": "und pro 30 Tage entfolgten {unf} der Follower ({base} hat keine Seite)",
        "verdict_unfollows_none": "(beide ohne Seite)",
        "higher": "höher", "lower": "niedriger",
        "best": "Höchstes langfristiges Vertrauen: {name}{best_chance}. Niedrigstes: {worst}{worst_chance}.",
        "best_chance": " (im Mittel; im Rahmen der Zufallsschwankung gleichauf mit {other_to}: {diff}, 95\u2011%\u2011Intervall {lo} bis {hi})",
        "every_parameter": "Alle Parameter: Standardwert, Wert in diesem Bericht, Einheit und Quelle",
        "param": "Parameter", "default": "Standard\u00adwert",  # a soft hyphen: the printed table's narrow column
        "unit": "Einheit", "source": "Quelle", "used": "In diesem Bericht",
        "differs": "je nach Strategie (siehe \u201eWas jede Strategie tut\u201c)",
        "assumptions_note": "<p class='note'>Parameternamen stehen hier wie im Modell und seiner Dokumentation (docs/ODD.md), auf Englisch; Titel von Studien in ihrer Sprache; „Annahme“: ohne veröffentlichte Quelle. Fett: ein Wert dieses Berichts, der vom Standardwert des Modells abweicht (von einer Strategie oder für die Seite gesetzt).</p>",
        "command": "Befehl", "manifest": "Manifest (aufgelöste Szenarien, Zufallsstartwerte, Versionen)",
        "lead": "Nach {period}: Netto-Fürsprecher (Anteil des Marktes, der der Marke vertraut, minus Anteil, der ihr misstraut, in Punkten) und die Veränderung der Kaufrate seit dem Anfang{start}: {items}.",
        "lead_start": " (als der Markt {index}\u2011mal so viel kaufte wie ein neutraler)",
        "lead_item": "{name} {points} (Kaufrate {change})",
        "money": "Geld: Deckungsbeitrag und Kundenwert",
        "deck_staff": " (etwa {n} Vollzeitkräfte für Service und Posts)", "deck_staff_posts": " (etwa {n} Vollzeitkräfte für die Posts)",
        "deck_money_columns": {"gross_profit": "Rohertrag", "cost": "Kosten", "net_profit": "Deckungs-\vbeitrag",  # \v: a line break
                               "net_profit_present": "Deckungs-\vbeitrag, Barwert", "customer_equity_change_present": "Kundenwert-\vänderung, Barwert",
                               "value": "Wert heute"},
        "money_value": "{name}: Wert {value} (95\u2011%\u2011Intervall {lo} bis {hi}) = Deckungsbeitrag im Zeitraum in heutigem Geld {profit} + Kundenwert am Ende in heutigem Geld {end} \u2212 Kundenwert am Anfang {start}.",
        "money_why": " Der Kundenwert folgt dem Vertrauen: Das Vertrauen im Markt lag am Anfang bei {start} und am Ende bei {end}{complaints}.",
        "money_complaints": "; von den {n} Beschwerden, die Kunden{where} äußerten, wurden {in_time} rechtzeitig beantwortet, {late} verspätet, {ignored} gar nicht (ignoriert, gelöscht oder vor einer Antwort aufgegeben) und {unheard} erreichten die Marke nie (geäußert, wo sie nicht mitliest); das Ziel eines Service-Teams gilt für die in seinen Stunden geäußerten Beschwerden, die übrigen werden meist verspätet beantwortet",
        "money_unanswered": "; keine der {n} Beschwerden, die Kunden{where} äußerten, wurde beantwortet",
        "money_where": " auf der Seite oder anderswo",
        "money_pays": "Gegenüber {base_to} bringt {name} {diff} mehr Wert (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "money_does_not_pay": "Gegenüber {base_to} lohnt sich {name} nicht: Der Wert ist um {diff} geringer (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "money_unclear": "Gegenüber {base_to} unterscheidet sich {name} im Wert nur im Rahmen der Zufallsschwankung: {diff} (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "money_profit_vs_value": "Im Zeitraum erwirtschaftet {name} {profit_dir} Deckungsbeitrag als {base} (um {profit} in heutigem Geld), ist aber mit den Kunden und dem Vertrauen, die bleiben, {value_dir} wert (um {value}).",
        "more": "mehr", "less": "weniger",
        "money_start": " Am Anfang beträgt der Kundenwert des Marktes {start}.",
        "money_rounding": " Sätze, Tabellen und Folien runden jeden Geldbetrag (außer Beträgen je Verkauf oder je beantworteter Beschwerde) auf {unit}, sodass die Teile einer Summe bis auf ein, zwei Einheiten aufgehen und jeder Betrag überall gleich lautet; andere Kennzahlen der Tabellen zeigen mindestens drei signifikante Stellen (jede Zeile mit gleich vielen Nachkommastellen).",
        "seven_day": "Mittel über 7 Tage",
        "deck_money_note": "Mittelwerte über {reps} Läufe je Strategie, jeder auf {unit} gerundet, sodass eine Zeile von ihrer Summe um eine Einheit abweichen kann; der Bericht nennt jeden mit seinem 95\u2011%\u2011Intervall. Deckungsbeitrag = Rohertrag \u2212 Kosten, wie im Zeitraum gebucht. Wert heute = Deckungsbeitrag heute + Kundenwertänderung heute; dabei ist der Deckungsbeitrag heute der Gewinn jedes Tages und die Kundenwertänderung heute der Kundenwert am Ende (der modellierte Rohertrag der künftigen Käufe im Markt) abzüglich des Kundenwerts am Anfang, jeweils auf den Start abgezinst, zum Zinssatz des Kundenwerts.",
        "money_note": "Kundenwert: der Rohertrag der künftigen Käufe aller {people} Personen im Markt (Kunden und solche, die es werden können), aus der vertrauensabhängigen Kaufrate und Abwanderungsrate jeder Person zu diesem Zeitpunkt, abgezinst mit {rate} pro Jahr über einen unbegrenzten Zeitraum. Deckungsbeitrag: Rohertrag (Verkäufe mal Marge) abzüglich der Social-Media-Kosten, die das Modell zählt (Service, Listening, Erstellung der Posts, Gewinnspielpreise und Produktproben, bezahlte Reichweite, gekaufte Follower); die übrigen Kosten des Unternehmens sind nicht enthalten (kein Nettogewinn des Unternehmens). Wert = Deckungsbeitrag im Zeitraum + Kundenwert am Ende \u2212 Kundenwert am Anfang, bezogen auf den Start: der Gewinn jedes Tages und der Kundenwert am Ende mit denselben {rate} pro Jahr abgezinst (der Kundenwert ist ein Barwert, also müssen auch der Gewinn und der verbleibende Kundenwert Barwerte sein; unabgezinst würde ein Markt, in dem nichts geschieht, scheinbar etwa ein Zehntel seines Kundenwerts im Jahr gewinnen). Abgezinst wird täglich, aufs Jahr gerechnet mit {rate} (ein Betrag ein Jahr später ist heute 1 / (1 + {rate}) davon wert); Kosten, die nach dem Ende für immer weiterlaufen, werden täglich gezahlt, nicht einmal im Jahr. In heutigem Geld kann die Veränderung des Kundenwerts auch dort negativ sein, wo Kunden und Vertrauen gewachsen sind: der Kundenwert am Anfang enthält die Käufe im modellierten Zeitraum ({period}), die der Deckungsbeitrag stattdessen zählt, und der Kundenwert am Ende liegt {period} in der Zukunft. Intervalle und p-Werte gelten jeweils für einen einzelnen Vergleich und sind nicht für die Zahl der Vergleiche korrigiert.",
        "be_overtakes": "Ab einem Markt von etwa {n} Personen ist {b} mehr wert als {a} (95\u2011%\u2011Intervall dieser Größe: {lo} bis {hi}).",
        "be_below": "unter {n}", "be_beyond": "über {n}",
        "be_yours_beyond": "Ihr Markt (hier {n} Personen) liegt oberhalb dieses Intervalls: Bei seiner Größe ist {b} mehr wert.",
        "be_yours_below": "Ihr Markt (hier {n} Personen) liegt unterhalb dieses Intervalls: Bei seiner Größe ist {a} mehr wert.",
        "be_yours_within": "Ihr Markt (hier {n} Personen) liegt in diesem Intervall: Welche der beiden bei seiner Größe mehr wert ist, lässt sich nicht sicher sagen.",
        "be_yours_outside": "Ihr Markt (hier {n} Personen) liegt außerhalb der getesteten Größen: Über seine Größe sagen diese Läufe nichts.",
        "be_b_ahead_everywhere": "{B} ist bei jeder getesteten Marktgröße mehr wert als {a} ({smallest} bis {largest} Personen).",
        "be_a_ahead_everywhere": "{B} ist bei keiner getesteten Marktgröße mehr wert als {a}, bis {largest} Personen.",
        "be_sure_all": "bei jeder Größe über die Zufallsschwankung hinaus",
        "be_sure_none": "nur im Mittel: bei jeder Größe im Rahmen der Zufallsschwankung",
        "be_sure_some": "{leader} über die Zufallsschwankung hinaus vorn nur bei {sizes} Personen, sonst im Mittel",
        "be_b_falls_behind": "{B} ist in den kleineren getesteten Märkten mehr wert als {a} und in den größeren weniger (siehe Tabelle).",
        "be_mixed": "{B} ist bei manchen Marktgrößen mehr, bei anderen weniger wert als {a} (siehe Tabelle): kein einzelner Break-even.",
        "be_no_difference": "{B} und {a} sind bei jeder getesteten Marktgröße gleich viel wert.",
        "be_links": "Bewertet man den Markt derselben Läufe so, als wäre die Verbindung von Vertrauen und Geld um {pct}\u00a0% schwächer (ihre Verkäufe folgen der angenommenen Verbindung), ist {b} {weak} mehr wert als {a}; um {pct}\u00a0% stärker, {strong}.",
        "be_costs": "Zieht man vom Wert jeder Strategie ab, was sie nach dem Ende weiter kostet (ihre Kosten {span}, um das Vertrauen im Markt auf dem Stand am Ende zu halten):",
        "be_both_below": "Beide hinterlassen die Marke {sizes} weniger wert als zu Beginn: Mehr wert heißt dort, weniger zu verlieren.",
        "be_both_below_costs": "Mit diesen Kosten hinterlassen beide die Marke {sizes} weniger wert als zu Beginn.",
        "be_every_size": "bei jeder getesteten Größe", "be_at_sizes": "bei {sizes} Personen",
        "be_from": "ab etwa {n} Personen", "be_where_b_ahead_everywhere": "bei jeder getesteten Größe ({smallest} bis {largest} Personen)",
        "be_where_a_ahead_everywhere": "bei keiner Größe bis {largest} Personen", "be_where_b_falls_behind": "nur in den kleineren Märkten",
        "be_where_mixed": "bei manchen getesteten Größen (bei anderen weniger; kein einzelner Break-even)", "be_where_no_difference": "bei keiner Größe (kein Unterschied)",
        "breakeven": "Der Break-even-Markt",
        "breakeven_note": "Beide Strategien laufen bei jeder Marktgröße über {period} ({reps} gepaarte Läufe), auf den Markt skaliert, mit einem nach Last bemessenen Service.",
        "story_lead": "Über {period} gerechnet: {first}; {second}.",
        "story_year": "ein Jahr", "story_years": "{n} Jahre",
        "numbers": {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht", 9: "neun", 10: "zehn"},
        "story_loses": "{who} verliert {n} Follower{of_yours} ({pct}\u00a0%)", "story_of_your_loss": " von Ihren {n}",
        "story_of_default_loss": " von den {n} der Standardseite", "story_of_default_gain": " zu den {n} der Standardseite",
        "story_of_default_keep": " (die {n} der Standardseite)",
        "story_gains": "{who} gewinnt {n} Follower{of_yours} hinzu (+{pct}\u00a0%)", "story_of_your_gain": " zu Ihren {n}",
        "story_keeps": "{who} hält die Zahl der Follower{of_yours} etwa", "story_of_your_keep": " (Ihre {n})",
        "story_unclear": "bei {who_to} liegt die Veränderung der Follower{of_yours}, {n} ({pct}), im Rahmen der Zufallsschwankung (95\u2011%\u2011Intervall {lo} bis {hi})",
        "story_no_page": "{who} hat keine Seite, also keine Follower zu gewinnen oder zu verlieren",
        "story_value_clear": "Rechnet man Deckungsbeitrag und Veränderung des Kundenwerts zusammen (beides auf heute abgezinst, {rate} im Jahr), ist {who} {diff} {direction} wert als {other} (95\u2011%\u2011Intervall {lo} bis {hi}, allein aus der Zufallsschwankung der Läufe).",
        "story_value_parts": ": {profit} beim Deckungsbeitrag im Zeitraum und {equity} beim Kundenwert am Ende.",
        "story_value_unclear": "Rechnet man Deckungsbeitrag und Veränderung des Kundenwerts zusammen (beides auf heute abgezinst, {rate} im Jahr), sind {who} und {other} im Rahmen der Zufallsschwankung gleich viel wert ({diff} Unterschied; 95\u2011%\u2011Intervall {lo} bis {hi}).",
        "story_more": "mehr", "story_less": "weniger",
        "rank_best": "Von den {n} verglichenen Strategien hat {who} den höchsten Wert.",
        "rank_best_chance": "Von den {n} verglichenen Strategien hat {who} im Mittel den höchsten Wert; der Vorsprung von {lead} vor {second} liegt innerhalb der Zufallsschwankung (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "rank_other": "Den höchsten Wert der {count} verglichenen Strategien hat im Mittel {best} ({value}); {who} liegt auf Platz {k} von {n}.",
        "rank_current": "{who}, die heutige Strategie der Seite, liegt auf Platz {k} von {n}.", "rank_now": ", die heutige Strategie der Seite",
        "rank_gap": "Der Abstand zwischen beiden geht über die Zufallsschwankung hinaus (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "rank_gap_chance": "Der Abstand zwischen beiden liegt innerhalb der Zufallsschwankung (95\u2011%\u2011Intervall {lo} bis {hi}).",
        "valuation": "Wie sehr das an der angenommenen Verbindung von Vertrauen und Geld hängt: Unter den getroffenen Annahmen ist {who} {central}; bewertet man den Markt zu Beginn und am Ende so, als wirkte Vertrauen um {pct}\u00a0% schwächer auf Käufe und Abwanderung, ist {who} {weak}; um {pct}\u00a0% stärker, {strong}. Das bewertet dieselben Läufe neu, deren Verkäufe der angenommenen Verbindung folgen; die wahre Spanne ist breiter, denn mit einer anderen Verbindung wären auch die Verkäufe im Zeitraum andere.",
        "valuation_item": "{diff} {direction} wert als {other} (95\u2011%\u2011Intervall {lo} bis {hi})",
        "valuation_item_unclear": "im Rahmen der Zufallsschwankung gleich viel wert wie {other} (Differenz zu {other_to}: {diff}; 95\u2011%\u2011Intervall {lo} bis {hi})",
        "profit_ahead": "Betrachtet man nur den Deckungsbeitrag über {period} (abgezinst): {who} {own}. Mehr Deckungsbeitrag, über die Zufallsschwankung hinaus: {items}.",
        "profit_ahead_item": "{who} mit {profit} ({diff} mehr; 95\u2011%\u2011Intervall {lo} bis {hi})", "and": " und ",
        "cost_of": "{cost} {at}",
        "margin_head": "Wie sehr das am Rohertrag je Verkauf hängt ({per_sale} angenommen{why}): ",
        "margin_why": "; die Kosten ändern sich damit nicht, Rohertrag und Kundenwert schon",
        "margin_at_least": "{who} ist mehr wert als {other}, solange ein Verkauf mindestens {amount} Rohertrag bringt ({share} der angenommenen {per_sale}; {interval}).",
        "margin_at_most": "{who} bringt weniger Rohertrag, kostet aber weniger und ist nur so lange mehr wert als {other}, wie ein Verkauf höchstens {amount} Rohertrag bringt ({share} der angenommenen {per_sale}; {interval}).",
        "margin_any": "{who} bringt mehr Rohertrag als {other} und kostet nicht mehr, ist also bei jedem Rohertrag je Verkauf mehr wert.",
        "margin_none": "{who} bringt weniger Rohertrag als {other} und kostet nicht weniger, ist also bei jedem Rohertrag je Verkauf weniger wert.",
        "margin_unclear": "{who} und {other} bringen in diesen Läufen nicht unterscheidbar viel Rohertrag und Kundenwert, also entscheiden ihre Kosten.",
        "margin_interval": "95\u2011%\u2011Intervall {lo} bis {hi}", "margin_up_to": "95\u2011%\u2011Intervall bis {hi}",
        "margin_unbounded": "das 95\u2011%\u2011Intervall ist unbeschränkt",
        "profit_none_ahead": "Betrachtet man nur den Deckungsbeitrag über {period} (abgezinst): {who} {own}; keine Strategie hier verdient über die Zufallsschwankung hinaus mehr.",
        "profit_level": " Im Rahmen der Zufallsschwankung nicht zu unterscheiden: {items}.",
        "profit_level_item": "{who} mit {profit} (Differenz {diff}; 95\u2011%\u2011Intervall {lo} bis {hi})",
        "profit_earns": "verdient {x}", "profit_loses": "verliert {x}",
        "profit_around_zero": "verdient und verliert nichts über die Zufallsschwankung hinaus (im Mittel {x}; 95\u2011%\u2011Intervall {lo} bis {hi})",
        "facts": "Posts pro Tag: {posts}; {mix}; Service: {staff}, {hours} Std. am Tag, {days} Tage die Woche, beantwortet {answers}, löscht {deletes}",
        "facts_listens": ", hört {x} der anderswo geäußerten Beschwerden mit", "facts_no_page": "keine Seite",
        "staff_auto": "jede Woche nach Last bemessen (bei wenigen Beschwerden ein Teil der Arbeitszeit einer Person)", "staff_n": "{n} Personen", "staff_one": "{n} Person", "facts_no_desk": "Posts pro Tag: {posts}; {mix}; kein Service, löscht {deletes}",
        "content": {"promo": "Werbung", "info": "Information", "service": "Service", "giveaway": "Gewinnspiel",
                    "entertainment": "Unterhaltung", "sample": "Produktprobe"},
        "money_assumed": "Wert: der Deckungsbeitrag im Zeitraum (Rohertrag abzüglich der Social-Media-Kosten, die das Modell zählt) plus die Veränderung des Kundenwerts (des Rohertrags aller künftigen Käufe im Markt, von Kunden und von denen, die es werden können), beides in heutigem Geld. Die Geldwerte beruhen auf Annahmen, nicht auf Messungen. {items}. Alle Annahmen mit ihren Quellen: siehe \u201eAnnahmen und ihre Quellen\u201c unten.",
        "money_assumed_deck": "Wert: der Deckungsbeitrag im Zeitraum (Rohertrag abzüglich der Social-Media-Kosten, die das Modell zählt) plus die Veränderung des Kundenwerts (des Rohertrags aller künftigen Käufe im Markt, von Kunden und von denen, die es werden können), beides in heutigem Geld. Die Geldwerte beruhen auf Annahmen, nicht auf Messungen. {items}. Alle Annahmen mit ihren Quellen: im Bericht unter \u201eAnnahmen und ihre Quellen\u201c.",
        "assumed_economy.price": "ein Verkauf bringt {x} {currency} Umsatz ({gross} {currency} Rohertrag)",
        "assumed_economy.base_purchase_rate": "Kunden kaufen bei neutralem Vertrauen etwa {per_year}\u2011mal im Jahr",
        "assumed_economy.prospect_purchase_rate": "andere kaufen etwa {per_year}\u2011mal im Jahr zum ersten Mal",
        "assumed_economy.trust_elasticity": "Käufe steigen mit (Vertrauen / 0,5) hoch {x}",
        "assumed_production_hours": "ein Post kostet {x} Arbeitsstunden zu {wage} {currency} die Stunde",
        "assumed_economy.lapse_trust_slope": "Kunden wandern bei Vertrauen {doubling} doppelt so oft ab wie bei 0,5",
        "legend_no_followers": "{label} (keine Follower)", "fig_followers": "Follower", "fig_advocates": "Netto-Fürsprecher (Prozentpunkte)", "fig_value": "Wert gegenüber {current}", "fig_value_note": "Differenz in denselben Läufen: Deckungsbeitrag + Änderung des Kundenwerts, heutiges Geld",
        "fig_advocates_note": "Anteil des Markts mit Vertrauen über {high} minus Anteil unter {low}",
        "at_a_glance": "Auf einen Blick", "details": "Die Einzelheiten",
        "your_page_trend": "In den {days} Tagen Ihres Exports ging Ihre Seite von {start} auf {end} Follower; so betrieben wie {current}, kommt das angepasste Modell in denselben Tagen auf {model}, in die entgegengesetzte Richtung: Die unten projizierten Follower beruhen auf den Annahmen des Modells über {current}, nicht auf dem Verlauf Ihrer Seite.",
        "your_page_misfit": "Die Anpassung trifft Ihren Export nicht: so betrieben wie {current}, ergibt das angepasste Modell {figures}. Entweder wird Ihre Seite nicht so betrieben wie {current}, oder dem Modell fehlt, was Ihre Kennzahlen bestimmt; die Prognose unten beruht mehr auf den Annahmen des Modells als auf Ihrer Seite.",
        "misfit_figure": "{what} {model} (Ihre: {yours})",
        "your_page_fit": " Erneut gerechnet, ergibt das angepasste Modell {figures}.", "your_page_short": " {days} Tage sind wenig: Eine Anpassung an weniger als drei Monate Ihrer Seite erfasst Reichweite, Interaktionen und Entfolgungen nur grob, ihren Verlauf nicht.",
        "misfit_organic_reach": "Reichweite je Post",
        "misfit_engagement_per_impression": "Interaktionen je Impression",
        "misfit_unfollow_rate_per_30d": "Entfolgungen je 30 Tage",
        "your_page_fitted": " An Ihren Export {export} angepasst ({days} Tage, {start} Follower zu Beginn und {end} am Ende): Reichweite, Interaktionen je Impression und Entfolgungsrate des Markts (approximative Bayes-Rechnung, ABC); die Simulation beginnt, wo der Export endet, mit Ihrer Seite, wie sie heute ist. Die Größe des Markts, Ihre Kunden und wie Menschen über diese drei Kennzahlen hinaus reagieren, bleiben Annahmen des Modells.",
        "your_page_assumed": " Nur die Größe der Seite stammt von Ihnen: der Markt um sie herum, Ihre Kunden, wie Menschen reagieren und die heutige Strategie der Seite, {current}, sind Annahmen des Modells, nicht an Ihrer Seite gemessen (eine Anpassung an den Analytics-Export Ihrer Seite kann die wichtigsten ersetzen).",
        "default_page": "Die Standardseite (keine Seitengröße angegeben): {followers} Follower in einem erreichbaren Markt von {people} Personen (derzeit {posts} {post_word} pro Tag); je Strategie {reps} Simulationsläufe über {period}, jeder Lauf mit demselben Markt für alle Strategien.",
        "default_page_assumed": " Nichts davon ist an Ihrer Seite gemessen: ihre Größe, der Markt um sie herum, die Kunden, wie Menschen reagieren, und die heutige Strategie der Seite, {current}, sind Vorgaben und Annahmen des Modells (die Größe Ihrer Seite oder eine Anpassung an ihren Analytics-Export kann die wichtigsten ersetzen).",
        "tl_days": "Tage {a}\u2013{b}", "tl_from": "ab Tag {a}", "tl_instead": "statt",
        "tl_shared": "In den Läufen aller Strategien gleichermaßen",
        "title_default_page": "Was die Strategie der Standardseite wert ist: {current} gegen die Alternativen",
        "title_default_page_one": "Was die Strategie der Standardseite wert ist: {current} gegen {proposed_acc}",
        "title_page_one": "Was die Strategie Ihrer Seite wert ist: {current} gegen {proposed_acc}",
        "your_page": "Ihre Seite: {followers} Follower in einem erreichbaren Markt von {people} Personen (derzeit {posts} {post_word} pro Tag); je Strategie {reps} Simulationsläufe über {period}, jeder Lauf mit demselben Markt für alle Strategien.",
        "with_breakeven": "Mit dem Break-even-Markt",
        "title_page": "Was die Strategie Ihrer Seite wert ist: {current} gegen die Alternativen",
        "deck_assumptions": "Annahmen",
        "source_short": "Quelle", "assumption": "Annahme", "seed": "Fachartikel",
        "key_platform.reach_base": "Ein Post erreicht bei durchschnittlicher Qualität etwa {pct} der Follower einer Seite mit {size} Followern (eine größere Seite einen kleineren Anteil, eine, die öfter postet, weniger je Post)",
        "key_reactions.annoyance_weight": "Werbung nervt: Ärger senkt, was ein Post seinen Betrachtern wert ist (Gewicht {x})",
        "key_follows.promo_annoyance": "Jede Einheit Ärger über Werbung erhöht die tägliche Wahrscheinlichkeit zu entfolgen um {x}",
        "key_economy.lapse_rate": "Bei neutralem Vertrauen hören etwa {per_year} der Kunden innerhalb eines Jahres auf zu kaufen",
        "key_economy.discount_rate_per_year": "Künftiger Rohertrag wird mit {pct} pro Jahr abgezinst",
        "key_service.wage_per_hour": "Eine Stunde Service-Besetzung kostet {x} {currency}",
        "key_service.answers_per_staff_hour": "Eine Person beantwortet {x} Beschwerden pro Stunde",
    },
}


# The German trade articles the model starts from (../shared/seeds, "seed NNN" in the parameters' sources), by their
# own titles, or their subject where the text has no title.
SEED_TITLES = {
    "000": "Wo Social Media versagt",
    "001": "Social Media ist keine Tupperparty",
    "002": "Social Müdia? Kunden interagieren bei Facebook immer seltener mit Marken",
    "003": "Social Media, brauche ich das?",
    "004": "Typische Fehler auf den Sozialen Medien",
}


UNITS_DE = {
    "1/customer/day": "1/Kunde/Tag", "1/day": "1/Tag", "1/day per annoyance": "1/Tag je Verärgerung",
    "1/day per grievance": "1/Tag je Kränkung", "1/day per irrelevance": "1/Tag je Irrelevanz", "1/day per trust": "1/Tag je Vertrauen",
    "1/person/day": "1/Person/Tag", "1/trust": "1/Vertrauen", "1/view": "1/Ansicht", "1/year": "1/Jahr", "affinity": "Affinität",
    "affinity/engagement": "Affinität/Interaktion", "annoyance/(post/day)": "Verärgerung/(Post/Tag)", "annoyance/view": "Verärgerung/Ansicht",
    "answers/staff-hour": "Antworten/Personalstunde", "comments/engagement": "Kommentare/Interaktion", "comments/visit": "Kommentare/Besuch",
    "correlation": "Korrelation", "currency/1000 impressions": "Währung/1.000 Impressionen", "currency/day": "Währung/Tag",
    "currency/day at full coverage": "Währung/Tag bei voller Abdeckung", "currency/follower": "Währung/Follower",
    "currency/post": "Währung/Post", "currency/sale": "Währung/Verkauf", "currency/staff-hour": "Währung/Personalstunde", "days": "Tage",
    "days/week": "Tage/Woche", "engagements/impression": "Interaktionen/Impression", "engagements/negative": "Interaktionen/negative Reaktion",
    "choice": "Auswahl", "exponent": "Exponent", "flag": "ja/nein", "followers": "Follower", "fraction": "Anteil", "fraction of followers/post": "Anteil der Follower/Post",
    "fraction of hazard": "Anteil des Risikos", "fraction of price": "Anteil des Preises", "fraction of quality_ref": "Anteil von quality_ref", "score": "Bewertung", "shape": "Form", "affinity (0-1)": "Affinität (0-1)", "fraction of ties": "Anteil der Kontakte",
    "fraction of trust_learning": "Anteil von trust_learning", "fraction/hop": "Anteil/Weitergabe", "fraction/view": "Anteil/Ansicht",
    "hour of day": "Uhrzeit (Stunde)", "hours": "Stunden", "hours/day": "Stunden/Tag", "impressions": "Impressionen",
    "impressions/non-follower/post": "Impressionen/Nicht-Follower/Post", "integer": "ganze Zahl", "logit": "Logit",
    "logit sd": "Logit-Standardabweichung", "logit/annoyance": "Logit/Verärgerung", "logit/value": "Logit/Wert",
    "multiple of reach_base": "Vielfaches von reach_base", "persons": "Personen", "posts": "Posts", "posts/day": "Posts/Tag",
    "probability": "Wahrscheinlichkeit", "probability/day": "Wahrscheinlichkeit/Tag", "sales/engagement": "Verkäufe/Interaktion",
    "staff-hours/post": "Personalstunden/Post", "staff-hours/year": "Personalstunden/Jahr", "ties/person": "Kontakte/Person",
    "trust": "Vertrauen", "trust (0-1)": "Vertrauen (0\u20131)", "trust/message": "Vertrauen/Nachricht", "trust/thread": "Vertrauen/Thread",
    "trust/view": "Vertrauen/Ansicht", "types/day": "Typen/Tag", "value": "Wert", "value/annoyance": "Wert/Verärgerung",
    "value/trust": "Wert/Vertrauen",
}


def unit(name: str, lang: str) -> str:
    """A parameter's unit in the report's language (the English one where no translation is known)."""
    return UNITS_DE.get(name, name) if lang == "de" else name


def plain_period(days: int, t: dict, plain: bool = True) -> str:
    """A horizon in months (36 months), or in days below two months (1 day); not ``plain``: as the object of a
    preposition (de: "über 36 Monaten")."""
    suffix = "_plain" if plain else ""
    if days >= 60:
        return t["months" + suffix].format(n=round(days / 30.44))
    return t[("one_day" if days == 1 else "days") + suffix].format(n=days)


def meaning(key: str, english: str, lang: str) -> str:
    """What parameter ``key`` means, in the report's language."""
    return MEANING_DE.get(key, english) if lang == "de" else english


def source(key: str, english: str, lang: str) -> str:
    """Parameter ``key``'s source note in the report's language (before ``cite`` names the articles)."""
    return SOURCE_DE.get(key, english) if lang == "de" else english


def cite(source: str, lang: str) -> str:
    """A parameter's source as a client reads it: "seed NNN" named as the article it is (trade article „Social
    Media ist keine Tupperparty“), without the value it had before (a trailing "; was 4, assumed": that history
    is the ODD's, and in a client's report it reads as numbers tuned until they fit)."""
    def article(match):
        number = match.group(1)
        title = SEED_TITLES.get(number)
        opening, closing = ("\u201e", "\u201c") if lang == "de" else ("\u201c", "\u201d")  # „…“ in German, “…” in English
        return f"{TEXT[lang]['seed']} {opening}{title}{closing}" if title else match.group(0)
    kept = re.sub(r";\s*(?:was|zuvor)\b[^;]*$", "", source)
    kept += ")" * (kept.count("(") - kept.count(")"))  # the history cut from inside brackets leaves them open
    cited = re.sub(r"\bseed (\d{3})", article, kept)
    return re.sub(r"^assumed(?=$|:)", TEXT[lang]["assumption"], cited) if lang != "en" else cited
