"""Measure what the README's "What the defaults give (measured)" quotes, and print its tables as Markdown.

    python bench/defaults.py money       # the seven shipped strategies at their own market, 10 replications (~5 min)
    python bench/defaults.py breakeven   # stammtisch against tupperparty at 1,000-1,000,000 people and against
                                         # absent at 10,000-1,000,000, 10 replications a size (~7 min)
    python bench/defaults.py sizes       # tupperparty and stammtisch at 20,000, 200,000 and 1,000,000 people (~4 min)
    python bench/defaults.py nothing     # a brand without a page at 50,000 people, with and without problems (~1 min)
    python bench/defaults.py all

Times on 2 cores. Each run's files go to results/defaults/<what>/ (the same files ``audsim compare`` and ``audsim
breakeven`` write), so a number in the README can be traced to its runs; a change to the model means running this
again and updating the README's prose from what it prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import sim
from sim import runner
from sim.experiments.breakeven import COSTS_CONTINUE, breakeven, difference_by_size
from sim.experiments.compare import compare
from sim.model.sales import FADING_VALUE

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
OUT = ROOT / "results" / "defaults"
SHIPPED = ("tupperparty", "broadcaster", "giveaway-blitz", "stammtisch", "service-first", "outsourced-service", "absent")
WHOLE = lambda x: f"{x:,.0f}"  # noqa: E731


def money(reps: int = 10) -> None:
    """The money table: every shipped strategy at its own market over three years, paired, against stammtisch."""
    scenarios = {name: runner.resolve(SCENARIOS / f"{name}.toml") for name in SHIPPED}
    c = compare(scenarios, reps=reps, baseline="stammtisch")
    c.write(OUT / "money", overwrite=True)
    t = c.table

    def cell(name, metric, fmt):
        r = t[(t.scenario == name) & (t.metric == metric)].iloc[0]
        return f"{fmt(r['mean'])} [{fmt(r.ci_low)}, {fmt(r.ci_high)}]"

    columns = [("net_profit", WHOLE), ("customer_equity_change", WHOLE), ("value", WHOLE), ("value_costs_continue", WHOLE),
               ("value_trust_fades", WHOLE), ("value_undiscounted", WHOLE),
               ("followers_end", WHOLE), ("long_term_trust", lambda x: f"{x:.3f}"), ("net_advocates_end", lambda x: f"{x:+.1f}"),
               ("purchase_index_end", lambda x: f"{x:.2f}"), ("staff_hours", WHOLE)]
    print("| strategy | net profit | customer equity change | value (as of day 0) | value, the strategy's cost kept up after the end "
          "| value, trust left to fade after the end | value undiscounted | followers at the end | market trust | net advocates (points) "
          "| purchase index | desk staff-hours |")
    print("| --- " * 12 + "|")
    for name in scenarios:
        print(f"| {name} | " + " | ".join(cell(name, m, f) for m, f in columns) + " |")
    d = c.differences
    print("\nstammtisch minus each (paired, 95% interval):")
    for metric in ("value", "value_undiscounted", "net_profit", "net_profit_present", "customer_equity_change",
                   "customer_equity_change_present", "value_weak_trust_link", "value_strong_trust_link", "value_trust_fades",
                   "value_costs_continue"):
        for _, r in d[d.metric == metric].iterrows():
            print(f"  {metric}: stammtisch - {r.scenario} = {-r['diff']:,.0f} [{-r.ci_high:,.0f}, {-r.ci_low:,.0f}]")


def _breakeven_table(a: str, b: str, people, reps: int) -> None:
    result = breakeven(runner.resolve(SCENARIOS / f"{a}.toml"), runner.resolve(SCENARIOS / f"{b}.toml"), people, reps=reps)
    result.write(OUT / f"breakeven-{a}-{b}", overwrite=True)
    mean = result.runs.groupby(["people", "strategy"])[["long_term_trust", "followers_end", "staff_hours", "net_profit"]].mean()
    days = result.manifest["days"]
    print(f"| people | value {a} | value {b} | {b} - {a} [95% CI] | market trust (a / b) | followers at the end (a / b) "
          f"| {b}'s desk (seats of {days} days x 14 h) | net profit (a / b) |")
    print("| --- " * 8 + "|")
    for _, x in result.table.iterrows():
        n = int(x.people)
        ma, mb = mean.loc[(n, "a")], mean.loc[(n, "b")]
        print(f"| {n:,} | {x.value_a:,.0f} | {x.value_b:,.0f} | {x['diff']:,.0f} [{x.ci_low:,.0f}, {x.ci_high:,.0f}] "
              f"| {ma.long_term_trust:.3f} / {mb.long_term_trust:.3f} | {ma.followers_end:,.0f} / {mb.followers_end:,.0f} "
              f"| {mb.staff_hours / (days * 14):.2f} | {ma.net_profit:,.0f} / {mb.net_profit:,.0f} |")
    print(result.sentence())
    for name, what in ((FADING_VALUE, "trust left to fade after the end"), (COSTS_CONTINUE, "each strategy's cost kept up after the end")):
        other = difference_by_size(result.runs, name)
        print(f"With {what} ({name}), {b} - {a}: " + "; ".join(
            f"{int(x.people):,}: {x['diff']:,.0f} [{x.ci_low:,.0f}, {x.ci_high:,.0f}]" for _, x in other.iterrows())
            + f"; crossing {result.point['other_valuations'][name]}")


def breakevens(reps: int = 10) -> None:
    """Where stammtisch overtakes the sales party, and where it overtakes having no page."""
    _breakeven_table("tupperparty", "stammtisch", (1_000, 2_000, 4_000, 7_000, 10_000, 30_000, 100_000, 300_000, 1_000_000), reps)
    print()
    _breakeven_table("absent", "stammtisch", (10_000, 30_000, 100_000, 300_000, 1_000_000), reps)


def sizes() -> None:
    """The headline per person at three market sizes over three years (the extensive settings scaled with it)."""
    print("| people | market trust (t / s) | unfollows / 30 days (t / s) | followers (t / s) | net advocates (t / s) "
          "| value per person (t / s) |")
    print("| --- " * 6 + "|")
    for n, seeds in ((20_000, (1, 2, 3)), (200_000, (1,)), (1_000_000, (1,))):
        out = {}
        for name in ("tupperparty", "stammtisch"):
            runs = [sim.run(SCENARIOS / f"{name}.toml", people=n, days=1095, seed=s).summary for s in seeds]
            m = lambda k: float(np.mean([r[k] for r in runs]))  # noqa: E731
            out[name] = (m("long_term_trust"), m("unfollow_rate_per_30d"), m("followers_change"), m("net_advocates_end"),
                         m("value") / n)
        t, s = out["tupperparty"], out["stammtisch"]
        print(f"| {n:,} | {t[0]:.3f} / {s[0]:.3f} | {t[1]:.2%} / {s[1]:.2%} | {t[2]:+.0%} / {s[2]:+.0%} | {t[3]:+.1f} / {s[3]:+.1f} "
              f"| {t[4]:+.2f} / {s[4]:+.2f} |", flush=True)


def nothing() -> None:
    """A brand without a page: what its market does with and without product problems (seed 1, 50,000 people)."""
    for label, overrides in (("with problems", {}), ("no problems", {"service.problem_rate": 0.0})):
        r = sim.run(SCENARIOS / "absent.toml", people=50_000, days=1095, seed=1, overrides=overrides)
        s, d = r.summary, r.daily
        print(f"absent, {label}: market trust {d.trust_market.iloc[0]:.3f} -> {s['long_term_trust']:.3f}, customers "
              f"{s['customers_start']:,} -> {s['customers_end']:,}, equity change {s['customer_equity_change']:,.0f}, "
              f"value as of day 0 {s['value']:,.0f} (undiscounted {s['value_undiscounted']:,.0f}) of "
              f"{s['customer_equity_start']:,.0f} at the start")


WHAT = {"money": money, "breakeven": breakevens, "sizes": sizes, "nothing": nothing}

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=[*WHAT, "all"])
    args = parser.parse_args()
    for name in (WHAT if args.what == "all" else [args.what]):
        print(f"\n## {name}\n", flush=True)
        WHAT[name]()
