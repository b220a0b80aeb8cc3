"""The day's measures (MODEL.md §6): counted during the day, recorded at its end.

Mesa's DataCollector gets one model-level reporter per column that reads
today's value (``DailyRecord`` appends the day's numbers as they are: they
are numbers, so Mesa's deep copy of each value a day is not needed).
"""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd

from .follows import CAUSES
from .kernel_cache import kernel
from .sales import daily_rate

COUNTS = (
    "follows", "unfollows", "posts", "impressions", "organic_impressions", "recommended_impressions", "paid_impressions",
    "share_impressions",
    "engagements", "follower_engagements", "shares", "negative_feedback", "cascade_size_max",
    "complaints_raised", "complaints_answered_in_time", "complaints_answered_late", "complaints_ignored",
    "complaints_deleted", "complaints_unheard", "thread_sightings", "onlookers", "wom_positive", "wom_negative",
    "sales", "lapses", "revenue", "gross_profit", "cost", "cost_staff", "cost_listening", "cost_content", "cost_prizes", "cost_paid", "cost_fans",
    "staff_hours", "content_hours",
) + tuple(f"unfollows_{c}" for c in CAUSES)

STATE = (
    "followers", "trust_followers", "trust_market", "advocates", "detractors", "hunters", "open_complaints",
    "quality_score", "reach_fraction", "organic_reach", "interaction_rate", "engagement_per_impression",
    "fans_engaged_week", "customers", "customer_equity", "purchase_index", "cost_per_answer",
)

COLUMNS = ("day",) + STATE + COUNTS
WHOLE = ("day", "followers", "hunters", "open_complaints", "customers") + tuple(
    c for c in COUNTS if not c.startswith(("revenue", "gross_profit", "cost")) and not c.endswith("_hours"))  # whole numbers


class Measures:
    """Today's counters and the state read off at the end of the day."""

    def __init__(self):
        self.today: dict[str, float] = {}
        self.start_day(0)

    def start_day(self, day: int) -> None:
        self.today = dict.fromkeys(COUNTS, 0.0)
        self.today["day"] = day
        self.today["customer_equity"] = self.today["purchase_index"] = np.nan

    def add(self, **counts: float) -> None:
        for k, v in counts.items():
            self.today[k] += v

    def close_day(self, people, followers: np.ndarray, desk, platform, wom) -> None:
        """Read the state and derived rates off the people, the desk and the platform (advocates and detractors by
        the word-of-mouth thresholds ``wom``)."""
        t = self.today
        n_followers = followers.size
        followers_seen = n_followers + t["unfollows"] - t["follows"]  # audience the day's posts went to
        per_post = max(followers_seen, 1) * max(t["posts"], 1)
        total, advocates, detractors = _trust_census(people.trust, np.float32(wom.advocate_trust), np.float32(wom.detractor_trust))
        followers_trust, hunters = _followers_census(followers, people.trust, people.hunter)
        t.update(
            followers=n_followers,
            trust_followers=followers_trust / n_followers if n_followers else np.nan,
            trust_market=total / people.n,
            advocates=advocates / people.n,
            detractors=detractors / people.n,
            hunters=hunters,
            open_complaints=desk.pending.size,
            quality_score=platform.quality if platform else np.nan,
            reach_fraction=platform.reach if platform else np.nan,
            organic_reach=t["organic_impressions"] / per_post if t["posts"] else np.nan,
            interaction_rate=t["follower_engagements"] / per_post if t["posts"] else np.nan,
            engagement_per_impression=t["engagements"] / t["impressions"] if t["impressions"] else np.nan,
            fans_engaged_week=self._fans_engaged_week(people, followers, t["day"]),
            customers=np.count_nonzero(people.customer),
        )

    @staticmethod
    def _fans_engaged_week(people, followers: np.ndarray, day: int) -> float:
        """On the last day of each week: the share of fans who engaged with a post during that week (V1's measure)."""
        if day % 7 != 6 or followers.size == 0:
            return np.nan
        return np.count_nonzero(people.last_engaged[followers] > day - 7) / followers.size


@kernel
def _trust_census(trust, advocate, detractor):
    """Sum of trust (in float64) and the numbers of advocates and detractors, in one pass.

    Sixteen running sums and counts in a fixed order: the compiler can use
    vector instructions without reordering the additions, so the figure is
    the same on every machine.
    """
    n = trust.size
    whole = n - n % 16
    sums = np.zeros(16)
    above = np.zeros(16, np.int64)
    below = np.zeros(16, np.int64)
    for i in range(0, whole, 16):
        for k in range(16):
            x = trust[i + k]
            sums[k] += np.float64(x)
            above[k] += 1 if x > advocate else 0
            below[k] += 1 if x < detractor else 0
    total, up, down = sums.sum(), above.sum(), below.sum()
    for i in range(whole, n):
        x = trust[i]
        total += x
        up += x > advocate
        down += x < detractor
    return total, up, down


@kernel
def _followers_census(followers, trust, hunter):
    """Followers' summed trust and the number of prize hunters (hunters follow)."""
    total, hunters = 0.0, 0
    for j in followers:
        total += trust[j]
    for j in followers:
        hunters += hunter[j]
    return total, hunters


COST_PARTS = ("cost_staff", "cost_listening", "cost_content", "cost_prizes", "cost_paid", "cost_fans")  # what "cost" adds up

HEADLINE = ("long_term_trust", "unfollow_rate_per_30d", "followers_change", "net_advocates_end", "purchase_index_end", "purchase_index_change",
            "net_profit", "customer_equity_change", "value", "value_undiscounted")  # summary names, none a daily column


TRUST, CURRENCY, PER_POST = "trust (0-1)", "currency", "engagements per follower per post"
SUMMARY_UNITS = {  # each headline figure's unit, as compare.csv, differences.csv and a sweep's analysis give it
    "days": "days", "long_term_trust": TRUST, "trust_market_start": TRUST, "trust_followers_end": TRUST,
    "unfollow_rate_per_30d": "share of followers per 30 days", "followers_start": "followers", "followers_end": "followers",
    "followers_change": "share of the followers at the start", "follows_total": "follows", "unfollows_total": "unfollows",
    "interaction_rate": PER_POST, "interaction_rate_first_30d": PER_POST, "interaction_rate_last_30d": PER_POST,
    "organic_reach": "share of followers per post", "engagement_per_impression": "engagements per impression",
    "advocates_end": "share of the market", "detractors_end": "share of the market", "net_advocates_end": "percentage points",
    "purchase_index_start": "purchase rate (neutral market = 1)", "purchase_index_end": "purchase rate (neutral market = 1)",
    "purchase_index_change": "share of the start",
    **dict.fromkeys(("complaints_raised", "complaints_answered_in_time", "complaints_answered_late", "complaints_ignored",
                     "complaints_deleted", "complaints_unheard"), "complaints"),
    "staff_hours": "staff-hours", "content_hours": "staff-hours", "full_time_staff": "full-time persons",
    "cost_per_answer": "currency per answer", "sales": "sales", "customers_start": "customers", "customers_end": "customers",
    "lapses": "customers lapsed", "cost_per_year_end": "currency per year",
    **dict.fromkeys(("revenue", "gross_profit", "cost", *COST_PARTS, "net_profit", "customer_equity_start", "customer_equity_end",
                     "customer_equity_change", "net_profit_present", "gross_profit_present", "cost_present",
                     "customer_equity_end_present", "customer_equity_change_present", "value", "value_undiscounted",
                     "value_costs_continue"), CURRENCY),
}


def unit(figure: str) -> str:
    """A headline figure's unit (a valuation ``value_<name>`` is money); "" for a name that is none."""
    return SUMMARY_UNITS.get(figure) or (CURRENCY if figure.startswith("value_") else "")


def reporters() -> dict:
    """DataCollector reporters, one per daily column, and the run's headline figures (NaN until the last day),
    so that Mesa's batch_run, which reads the last collected row, reports them."""
    daily = {name: (lambda m, name=name: m.measures.today[name]) for name in COLUMNS}
    return daily | {name: (lambda m, name=name: _headline(m, name)) for name in HEADLINE}


class DailyRecord(mesa.DataCollector):
    """Mesa's DataCollector with ``reporters()``, collecting a day's row without a deep copy of each number."""

    def __init__(self):
        super().__init__(model_reporters=reporters())

    def collect(self, model) -> None:
        if hasattr(self, "_collection_steps"):
            self._collection_steps.append(model.time)
        today, columns = model.measures.today, self.model_vars
        for name in COLUMNS:
            columns[name].append(today[name])
        for name in HEADLINE:
            columns[name].append(_headline(model, name))


def _headline(model, name: str) -> float:
    summary = model.summary
    value = summary.get(name) if summary else None
    return float("nan") if value is None else float(value)


def summarize(daily: pd.DataFrame, equity_at_start: float | None = None, valuations: dict | None = None,
              hours_per_full_time: float | None = None, trust_at_start: float | None = None,
              discount_rate_per_year: float | None = None, customers_at_start: int | None = None,
              purchase_index_at_start: float | None = None) -> dict:
    """The headline figures of a run from its daily table (and customer equity on day 0, before anything happened).

    value = net profit over the horizon + customer equity at its end - customer equity at the start, all as of day 0:
    each day's net profit and the equity at the end discounted at ``discount_rate_per_year``, the rate customer
    equity itself is discounted with: ``net_profit_present`` + ``customer_equity_end_present`` - the equity at the start. Customer equity
    is a present value, so the profit and the equity left at the end must be too: undiscounted
    (``value_undiscounted``), a market where nothing happens gains about a third of its equity in three years.
    ``valuations``: other valuations of the market, name -> (equity at the start, at the end), each giving
    ``value_<name>`` (the same net profit). ``hours_per_full_time``: a full-time person's staff-hours a year, to
    count the desk and the making of posts in full-time people. ``trust_at_start``: the market's mean trust before
    day 0 (the same for every strategy on the same seed); else the first day's; ``customers_at_start`` likewise.
    ``purchase_index_at_start``: the purchase index on day 0, beside the last day's and the change (the default market
    starts above a neutral one, about 1.12, so an index of 1.08 at the end is a loss)."""
    days = len(daily)
    followers = daily["followers"]
    start = followers.iloc[0] - daily["follows"].iloc[0] + daily["unfollows"].iloc[0]
    mean_followers = followers.mean()
    month = min(30, days)
    answered = daily["complaints_answered_in_time"].sum() + daily["complaints_answered_late"].sum()
    net_profit = float(daily["gross_profit"].sum() - daily["cost"].sum())
    equity_end = _num(daily["customer_equity"].iloc[-1])
    equity_change = equity_end - equity_at_start if equity_at_start is not None and equity_end is not None else None
    at = _discount(days, discount_rate_per_year)  # day 0's worth of a unit at the end of each day
    net_present = float((daily["gross_profit"] - daily["cost"]).to_numpy(dtype=float) @ at) if at is not None else None

    def present(start, end):  # value as of day 0 with the market valued ``start`` before and ``end`` at the horizon
        return None if at is None or start is None or end is None else net_present + at[-1] * end - start

    end_present = None if equity_end is None or at is None else at[-1] * equity_end
    # keeping trust where it is at the end, as the customer equity does, means keeping the strategy up: its cost a
    # day in the last year, for good after the end, discounted as the equity is (a unit each day: 1 / (e^delta - 1))
    per_day_end = float(daily["cost"].iloc[-365:].mean())
    after = None if at is None else at[-1] * per_day_end / np.expm1(daily_rate(discount_rate_per_year))
    value = present(equity_at_start, equity_end)
    index_end, index_start = _num(daily["purchase_index"].iloc[-1]), purchase_index_at_start

    return {
        "days": days,
        "long_term_trust": float(daily["trust_market"].iloc[-1]),
        "trust_market_start": float(trust_at_start if trust_at_start is not None else daily["trust_market"].iloc[0]),
        "trust_followers_end": _num(daily["trust_followers"].iloc[-1]),
        "unfollow_rate_per_30d": float(daily["unfollows"].sum() / mean_followers / days * 30) if mean_followers > 0 else None,
        "followers_start": int(start),
        "followers_end": int(followers.iloc[-1]),
        "followers_change": float(followers.iloc[-1] / start - 1) if start > 0 else None,
        "follows_total": int(daily["follows"].sum()),
        "unfollows_total": int(daily["unfollows"].sum()),
        "interaction_rate": _num(daily["interaction_rate"].mean()),
        "interaction_rate_first_30d": _num(daily["interaction_rate"].iloc[:month].mean()),
        "interaction_rate_last_30d": _num(daily["interaction_rate"].iloc[-month:].mean()),
        "organic_reach": _num(daily["organic_reach"].mean()),
        "engagement_per_impression": _num(daily["engagements"].sum() / daily["impressions"].sum()) if daily["impressions"].sum() else None,
        "advocates_end": float(daily["advocates"].iloc[-1]),
        "detractors_end": float(daily["detractors"].iloc[-1]),
        "net_advocates_end": float(100 * (daily["advocates"].iloc[-1] - daily["detractors"].iloc[-1])),
        "purchase_index_start": index_start,
        "purchase_index_end": index_end,
        "purchase_index_change": index_end / index_start - 1 if index_end is not None and index_start else None,
        "complaints_raised": int(daily["complaints_raised"].sum()),
        "complaints_answered_in_time": int(daily["complaints_answered_in_time"].sum()),
        "complaints_answered_late": int(daily["complaints_answered_late"].sum()),
        "complaints_ignored": int(daily["complaints_ignored"].sum()),
        "complaints_deleted": int(daily["complaints_deleted"].sum()),
        "complaints_unheard": int(daily["complaints_unheard"].sum()),
        "staff_hours": float(daily["staff_hours"].sum()),
        "content_hours": float(daily["content_hours"].sum()),
        "full_time_staff": (float((daily["staff_hours"].sum() + daily["content_hours"].sum()) / days * 365.25 / hours_per_full_time)
                            if hours_per_full_time else None),
        "cost_per_answer": _num(daily["cost_staff"].sum() / answered) if answered else None,
        "sales": int(daily["sales"].sum()),
        "customers_start": int(customers_at_start if customers_at_start is not None else daily["customers"].iloc[0]),
        "customers_end": int(daily["customers"].iloc[-1]),
        "lapses": int(daily["lapses"].sum()),
        "revenue": float(daily["revenue"].sum()),
        "gross_profit": float(daily["gross_profit"].sum()),
        "cost": float(daily["cost"].sum()),
        **{part: float(daily[part].sum()) for part in COST_PARTS},
        "net_profit": net_profit,
        "customer_equity_start": equity_at_start,
        "customer_equity_end": equity_end,
        "customer_equity_change": equity_change,
        "net_profit_present": net_present,
        # its parts, for what a different gross profit per sale would give (costs do not change with it)
        "gross_profit_present": float(daily["gross_profit"].to_numpy(dtype=float) @ at) if at is not None else None,
        "cost_present": float(daily["cost"].to_numpy(dtype=float) @ at) if at is not None else None,
        "customer_equity_end_present": end_present,
        "customer_equity_change_present": None if end_present is None or equity_at_start is None else end_present - equity_at_start,
        "value": value,
        "value_undiscounted": net_profit + equity_change if equity_change is not None else None,
        **{f"value_{name}": present(start, end) for name, (start, end) in (valuations or {}).items()},
        "cost_per_year_end": per_day_end * 365.0,
        "value_costs_continue": None if after is None or value is None else value - after,
    }


def _discount(days: int, rate: float | None) -> np.ndarray | None:
    """What a unit at the end of each of ``days`` days is worth on day 0, discounted as customer equity is."""
    if rate is None or days == 0:
        return None
    return np.exp(-daily_rate(rate) * np.arange(1, days + 1))


def _num(x) -> float | None:
    return None if pd.isna(x) else float(x)
