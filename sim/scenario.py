"""Scenario files: the TOML schema, its defaults, loading and validation.

A scenario is data. Every parameter of the model lives here once, with its
default, bounds, unit and source; `docs/ODD.md` lists the same table. A file
may name a base file with ``extends = "base.toml"`` and override any key.
Errors are raised as :class:`ScenarioError` with one line that names the file,
the key, the value and what is allowed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import re
import stat
import tomllib
import warnings
from collections.abc import Mapping
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import tomli_w
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

ASSUMED = "assumed"
SEED_MAX = 2**63 - 1  # a seed numpy's SeedSequence takes, as every command and file accepts it


class ScenarioError(ValueError):
    """A scenario that cannot run; the message is one line meant for a user."""


def P(default, lo=None, hi=None, *, unit: str, source: str = ASSUMED, doc: str, extensive: bool = False):
    """A parameter: default, closed bounds, unit, source and meaning.

    ``extensive`` marks settings that grow with the market (people, desk staff,
    money spent a day): ``Scenario.scaled`` multiplies them with the market.
    """
    extra = {"unit": unit, "source": source} | ({"extensive": True} if extensive else {})
    return Field(default, ge=lo, le=hi, description=doc, json_schema_extra=extra)


def _a_number(value: Any) -> Any:
    """TOML's true/false and quoted text are not numbers (pydantic alone would take true as 1 and "0.5" as 0.5)."""
    if isinstance(value, (bool, str)):
        raise ValueError("a number, not true/false or text")
    return value


def _a_flag(value: Any) -> Any:
    """A switch is TOML's true or false (pydantic alone would take "yes", "off", 1 and 0)."""
    if not isinstance(value, bool):
        raise ValueError("true or false")
    return value


Number = Annotated[float, BeforeValidator(_a_number)]
Whole = Annotated[int, BeforeValidator(_a_number)]
Flag = Annotated[bool, BeforeValidator(_a_flag)]
NUMBER_ERRORS = ("value_error", "float_parsing", "int_parsing", "float_type", "int_type", "int_from_float")


NAME_ALLOWED = "a name of letters, digits, '.', '_' and '-' starting with a letter or digit (no '/', no '..')"
_NAME = re.compile(r"[^\W_][\w.-]*")  # \w: letters (Umlauts too), digits and '_'


def _a_name(value: str) -> str:
    """A scenario's or sweep's name becomes a folder under results/: it must not be a path."""
    if not _NAME.fullmatch(value) or ".." in value:
        raise _FieldError(("name",), value, NAME_ALLOWED)
    return value


Name = Annotated[str, AfterValidator(_a_name)]


def name_from_file(path: Path) -> str:
    """The default name of a file's scenario or sweep: its stem, with anything a name may not hold made '-'."""
    name = re.sub(r"-*\.\.+-*|[^\w.-]+", "-", path.stem).strip("-._")
    return name or "scenario"


STAFF_ALLOWED = 'a number of persons in [0, 10000], or "auto" (sized each week to the expected load)'


def _a_staff(value):
    """A desk's staff: a number of persons, or "auto" for a desk sized to its load."""
    if value == "auto":
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 10_000:
        raise _FieldError(("service", "staff"), value, STAFF_ALLOWED)
    return float(value)


Staff = Annotated[float | str, BeforeValidator(_a_staff)]

SHARE_ALLOWED = 'a fraction in [0, 1], or "steady" (each person as likely a customer as the purchase and lapse rates keep them)'


def _a_customer_share(value):
    """The customers on day 0: a share of the market, or "steady" for the share the sales chain keeps."""
    if value == "steady":
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 1:
        raise _FieldError(("market", "customer_share"), value, SHARE_ALLOWED)
    return float(value)


CustomerShare = Annotated[float | str, BeforeValidator(_a_customer_share)]


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# The market the defaults of extensive settings (prizes, listening) are a brand's for: the shipped mid-size brand
# (scenarios/base/mid-size-brand.toml). A scenario that does not give one gets it scaled to its own market.
BRAND_PEOPLE = 250_000


def _given_people(market: Any) -> int | float:
    """The market size a scenario gives (the default if none, or none that validation would accept)."""
    people = market.get("people") if isinstance(market, dict) else getattr(market, "people", None)
    low, high, *_ = _field_bounds(Market.model_fields["people"])
    ok = isinstance(people, (int, float)) and not isinstance(people, bool) and float(people).is_integer() and low <= people <= high
    return int(people) if ok else Market.model_fields["people"].default


def _extensive(field) -> bool:
    return bool((field.json_schema_extra or {}).get("extensive"))


def _sized_defaults(given: Any, model: type, factor: float) -> Any:
    """A table (a dict or a table) with the extensive settings it does not give set to their default times
    ``factor``; anything else as given."""
    if given is not None and not isinstance(given, (dict, Table)):
        return given  # not a table: validation says so
    have = given.model_fields_set if isinstance(given, Table) else set(given or {})
    missing = _scaled_table({k: f.default for k, f in model.model_fields.items() if _extensive(f) and k not in have and f.default},
                            model.model_fields, factor)
    if not missing:
        return given if given is not None else {}
    return given.model_copy(update=missing) if isinstance(given, Table) else {**(given or {}), **missing}


class Market(Table):
    """The brand's reachable market: followers and non-followers."""

    people: Whole = P(20_000, 10, 50_000_000, unit="persons", doc="people in the reachable market", extensive=True)
    initial_follower_share: Number = P(0.2, 0, 1, unit="fraction", doc="share of the market following the page on day 0")
    customer_share: CustomerShare = Field(
        "steady", description='share of the market who are customers on day 0; "steady": each person with chance a/(a+h) at their '
        'own trust (first-purchase rate a, lapse hazard h: the share the sales chain keeps, so a market where nothing happens '
        'neither gains nor loses customers)',
        json_schema_extra={"unit": "fraction", "allowed": '[0, 1] or "steady"',
                           "source": "assumed: steady state of the economy's purchase and lapse rates (0.27 at neutral trust with the defaults; "
                                     "was 0.3, from which every market lost a tenth of its customers, and of its equity, in the first years)"})
    contest_share: Number = P(0.23, 0, 1, unit="fraction",
                             source="Snipp 2016: 23% of visitors to brand social media sites came to enter contests (16% three years "
                                    "earlier); about 55 million Americans, a fifth of adults, enter sweepstakes in a year",
                             doc="share of people who enter prize draws at all (follow + share to enter), drawn with weights by interest in the draw types; the others see a draw as any post")
    trust_mean: Number = P(0.5, 0, 1, unit="trust (0-1)", doc="mean initial trust; 0.5 is neutral")
    trust_sd: Number = P(0.1, 0, 0.5, unit="trust (0-1)", doc="spread of initial trust")
    activity_mean: Number = P(0.5, 0.01, 0.99, unit="probability/day", doc="mean chance of being online on a day")
    activity_shape: Number = P(2.0, 0.05, 100, unit="shape", source="assumed: most people are online some days, few daily",
                               doc="first shape a of the Beta(a, b) activity is drawn from, b set by activity_mean; lower spreads it "
                                   "(more people rarely online, a few daily), higher gathers everyone near the mean")
    interest_correlation: Number = P(0.3, 0, 0.95, unit="correlation", doc="how much a person's interests in different types move together")
    tolerance_mean: Number = P(3.0, 0, 50, unit="posts/day", doc="mean posting rate of a page (its posts a day over the last post_split_days) a follower accepts before more annoy")
    tolerance_shape: Number = P(4.0, 0.05, 100, unit="shape", source="assumed: tolerances vary, few near zero",
                                doc="shape k of the Gamma distribution tolerance is drawn from (mean tolerance_mean); lower spreads it")
    initial_follower_affinity: Number = P(0.2, 0, 1, unit="affinity (0-1)",
                                          source="assumed: day-0 followers have interacted with the page before; later followers start from what they did",
                                          doc="affinity of the followers on day 0 (the feed ranks followers on activity x (affinity_floor + affinity))")
    mean_degree: Number = P(12.0, 0, 500, unit="ties/person", doc="mean number of social ties")
    degree_tail: Number = P(2.5, 2.05, 6, unit="exponent", source="heavy-tailed social networks (Barabasi & Albert 1999)", doc="Pareto exponent of the degree distribution; lower means a few people reach many")
    max_ties: Number = P(500.0, 1, 100_000, unit="ties/person",
                         source="assumed; Goncalves, Perra & Vespignani 2011 find Twitter users keep up conversation with 100-200 others at most",
                         doc="most ties a person is expected to have (also at most sqrt(people x mean_degree), so small markets can be built); fixed, so the market's biggest hubs, and with them its per-capita results, do not grow with its size")


class ContentType(Table):
    """One kind of post. New types are added in a scenario file, not in code."""

    valued_by: Number = P(0.5, 0.001, 0.999, unit="fraction", doc="share of people whose interest in this type is above 0.5")
    interest_spread: Number = P(1.0, 0.05, 5, unit="logit sd", doc="spread of interest across people on the logit scale")
    appeal: Number = P(0.0, -10, 10, unit="logit", doc="extra engagement log-odds of the type beyond its value (a prize draw is easy to enter)")
    annoyance: Number = P(0.0, 0, 5, unit="annoyance/view", doc="annoyance a view adds")
    promo_weight: Number = P(0.0, 0, 1, unit="fraction", doc="how strongly annoyance lowers the value of this type")
    trust_learning: Number = P(0.02, 0, 1, unit="fraction/view", doc="how far trust moves toward the post's value on a view")
    share_propensity: Number = P(0.05, 0, 1, unit="probability", doc="chance that an engagement is a share")
    cascade_decay: Number = P(0.0, 0, 1, unit="fraction/hop", source="share-to-enter draws spread beyond the sharers' friends (seed 001); assumed",
                             doc="above 0, a share spreads on: its viewers share at the full share propensity, the next hop's at this fraction of it, the next at its square (0: one hop only)")
    conversion: Number = P(0.005, 0, 1, unit="sales/engagement", doc="chance an engagement leads to a sale, at trust 0.5")
    discount: Number = P(0.0, 0, 1, unit="fraction of price", doc="price given away on sales this type triggers: revenue price x (1 - discount), gross profit that less the cost price x (1 - margin), so a discount of margin sells at cost")
    requires_follow: Flag = Field(False, description="taking part needs follow + share (a prize draw)", json_schema_extra={"unit": "flag", "source": "seed 001"})
    prize: Number = P(0.0, 0, 1e9, unit="currency/post", extensive=True,
                      source="assumed: a brand's prizes and samples grow with its market, as its budgets do (a 2,000-follower page does not give away what a 50,000-follower page does)",
                      doc="cost of prizes or samples per post, for the market as written (scaled with it)")
    production_hours: Number = P(0.75, 0, 1000, unit="staff-hours/post",
                                 source="assumed: about 5 hours a week making and approving content (MarketingProfs, as cited in Wild Creative's 'Social Media Under the Microscope'), spread over about a post a day; planning and analytics not charged",
                                 doc="staff time to make and approve a post of this type, paid at service.wage_per_hour (cost_content)")


DEFAULT_CONTENT: dict[str, dict[str, Any]] = {
    # valued_by: the panel in seed 002 (information 84%, giveaways 65%, samples 47%,
    # entertainment 42%, service about one in three); promotion: "customers want no
    # advertising" (seed 002), a share that values it is assumed.
    "promo": dict(valued_by=0.15, annoyance=0.08, promo_weight=1.0, trust_learning=0.03, share_propensity=0.02, conversion=0.04, discount=0.2),
    "info": dict(valued_by=0.84, annoyance=0.0, promo_weight=0.2, trust_learning=0.03, share_propensity=0.08, conversion=0.005),
    "service": dict(valued_by=0.33, annoyance=0.0, promo_weight=0.0, trust_learning=0.06, share_propensity=0.04, conversion=0.005),
    "giveaway": dict(valued_by=0.65, appeal=2.5, annoyance=0.03, promo_weight=0.5, trust_learning=0.003, share_propensity=1.0, cascade_decay=0.5,
                     conversion=0.002, requires_follow=True, prize=300.0),
    "entertainment": dict(valued_by=0.42, annoyance=0.0, promo_weight=0.3, trust_learning=0.01, share_propensity=0.12, conversion=0.003),
    "sample": dict(valued_by=0.47, appeal=1.0, annoyance=0.02, promo_weight=0.5, trust_learning=0.02, share_propensity=0.15, conversion=0.03, prize=100.0),
}


class Event(Table):
    """A one-off post on a given day, on top of the regular plan."""

    day: Whole = P(0, 0, 100_000, unit="day", doc="day of the post (0 is the first day)")
    type: str = Field(..., description="content type of the post")


class Strategy(Table):
    """What the brand posts."""

    has_page: Flag = Field(True, description="the brand runs a page at all", json_schema_extra={"unit": "flag", "source": "seed 000"})
    posts_per_day: Number = P(1.0, 0, 50, unit="posts/day", doc="mean posts a day; the fraction is a daily chance of one more")
    mix: dict[str, float] = Field(default_factory=lambda: {"info": 1.0}, description="share of posts of each content type; sums to 1", json_schema_extra={"unit": "fraction", "source": ASSUMED})
    calendar: list[list[str]] | None = Field(None, description="optional fixed week: 7 lists of content types, Monday first; replaces posts_per_day and mix", json_schema_extra={"unit": "types/day", "source": ASSUMED})
    events: list[Event] = Field(default_factory=list, description="one-off posts, e.g. a single prize draw: [[strategy.events]] day = 30, type = \"giveaway\"", json_schema_extra={"unit": "posts", "source": ASSUMED})
    paid_boost_per_day: Number = P(0.0, 0, 1e9, unit="currency/day", doc="money spent on paid impressions each day", extensive=True)
    posts_growth: Number = P(0.0, -0.1, 0.1, unit="1/day", source="admin posts per month 6.5 -> 36.2, 2011-2012 (pilot / Zucker.Kommunikation, Trendreport 2012; validation V1)", doc="relative daily growth of posts per day")
    posts_per_day_max: Number = P(50.0, 0, 50, unit="posts/day", doc="ceiling of posts per day as it grows")
    fan_acquisition: Number = P(0.0, 0, 0.1, unit="1/day", source="fan bases 7x in 2011, 5x in 2012 (pilot / Zucker.Kommunikation, Trendreport 2012; validation V1)", doc="followers bought each day by campaigns, as a share of the current followers")
    cost_per_fan: Number = P(0.5, 0, 1e6, unit="currency/follower", doc="price of a follower bought by a campaign")


class Platform(Table):
    """The feed: quality score, organic reach, competition."""

    reach_base: Number = P(0.12, 0.001, 1, unit="fraction of followers/post", source="organic reach of brand pages 6-16% (trade reports 2012-2014); assumed mid-range", doc="organic reach of a single daily post at the reference quality (at least reach_min)")
    quality_ref: Number = P(0.03, 1e-4, 1, unit="engagements/impression", doc="engagement per impression the platform treats as average")
    start_quality: Literal["audience", "reference"] = Field(
        "audience", description='the quality score Q on day 0: "audience", what the page\'s own posts would score with its '
        'followers on day 0 (their expected engagements minus weighted negative feedback per impression, by the mix); '
        '"reference", quality_ref (an average page, whatever it posts)',
        json_schema_extra={"unit": "choice", "allowed": '"audience" or "reference"',
                           "source": "assumed: a page has been run as it is before day 0, so the platform already scores what it posts "
                                     "(with the reference, a promotion-heavy page's reach fell sevenfold in its first month, a start-up artefact)"})
    reach_elasticity: Number = P(1.5, 0, 5, unit="exponent", source="seed 000 (low interaction -> shown to fewer fans)", doc="how strongly reach follows the quality score near the reference (reach = base*h*x^e/(h-1+x^e), x = Q/quality_ref)")
    quality_memory: Number = P(14.0, 1, 365, unit="days", doc="time constant of the quality score's moving average")
    quality_prior: Number = P(200.0, 0, 1e9, unit="impressions", doc="pseudo-impressions at the current score added to each day's count: a day with few impressions moves Q little")
    negative_weight: Number = P(5.0, 0, 100, unit="engagements/negative", doc="how many engagements one hide or report cancels in the quality score")
    reach_min: Number = P(0.01, 0, 1, unit="fraction", source="Social@Ogilvy 2014 (Facebook Zero): about 2% organic reach for pages over 500,000 likes; 1% taken as the floor for the pages the platform judges worst; was 0.002, assumed", doc="floor of organic reach per post at one post a day, after the page-size factor (a page that posts more often splits it among its posts)")
    reach_max: Number = P(0.6, 0, 1, unit="fraction", doc="ceiling of organic reach")
    post_split: Number = P(0.7, 0, 1, unit="exponent", doc="over-posting: at a posting rate of r posts a day, each post gets reach/r^post_split")
    post_split_days: Whole = P(7, 1, 365, unit="days", source="a post stays in followers' feeds for days; posting up 5x did not raise interaction (Trendreport 2012, in seed 002; validation V1)", doc="window over which the posting rate that splits reach is counted (1: the day's posts only)")
    affinity_floor: Number = P(0.1, 1e-6, 10, unit="affinity", doc="eps in the viewer weight activity*(eps+affinity)")
    competition_growth: Number = P(0.0, -0.1, 0.1, unit="1/day", source="pages liked per user 4.5 -> 36.7, 2009-2012 (Socialbakers, in the Trendreport 2012; validation V1)", doc="daily relative growth of competition in users' feeds")
    share_visibility: Number = P(0.3, 0, 1, unit="probability", doc="chance a tie sees a share in their feed")
    engagement_visibility: Number = P(0.05, 0, 1, unit="probability", source="assumed: 'a friend liked this' stories, well below a share's visibility",
                                     doc="chance a tie sees a post because someone they know engaged with it (likes, comments)")
    recommend_rate: Number = P(0.15, 0, 1, unit="impressions/non-follower/post",
                              source="assumed; fitted so that pages people value grow 5-40% a year without campaigns (validation V6); was 0.1 before customers lapsed and non-customers bought less often than customers",
                              doc="chance a non-follower who is online (activity: the chance they are) is shown a post as a recommendation, "
                                  "at the reference reach; scales with reach R (so with Q and competition) and is split like followers' "
                                  "reach by the posting rate (r^post_split)")
    size_ref: Number = P(10_000, 1, 1e9, unit="followers", source="Locowise 2015 (500 pages): 11% reach below 10,000 likes",
                        doc="page size at which organic reach per post is reach_base")
    size_elasticity: Number = P(0.2, 0, 2, unit="exponent", source="Locowise 2015: reach 11% (<10k likes), 6% (10k-100k), 5% (>100k): about followers^-0.2",
                               doc="organic reach per post falls as (followers/size_ref)^-size_elasticity: more feeds, same attention")
    reach_headroom: Number = P(2.0, 1.01, 100, unit="multiple of reach_base", source="assumed: the best pages reach about twice the average share (Locowise 2015 by post type: 18% vs 7%)",
                              doc="ceiling of reach at the best quality; reach saturates toward it as Q rises")
    ad_trust_learning: Number = P(0.5, 0, 1, unit="fraction of trust_learning",
                                 source="assumed after Nielsen Global Trust in Advertising 2015 (ads on social networks trusted by 46%, recommendations from people one knows by 83%: about half)",
                                 doc="a paid impression teaches this share of the content type's trust learning: people discount what they recognise as an ad")
    cpm: Number = P(8.0, 0, 1e6, unit="currency/1000 impressions", doc="price of paid impressions at the reference quality")
    cpm_quality_floor: Number = P(0.05, 0.001, 1, unit="fraction of quality_ref",
                                  source="assumed: ad auctions charge poorly rated ads more, within limits (at most 20x the reference price here)",
                                  doc="the quality score, relative to quality_ref, below which paid impressions get no dearer: the price is cpm x quality_ref / max(Q, floor x quality_ref)")


class Reactions(Table):
    """How a viewer answers a post."""

    engage_intercept: Number = P(-6.0, -20, 20, unit="logit", doc="engagement log-odds at perceived value 0")
    engage_slope: Number = P(3.5, 0, 50, unit="logit/value", doc="engagement log-odds per unit of perceived value")
    value_noise: Number = P(0.15, 0, 5, unit="value", doc="sd of the momentary noise in perceived value")
    trust_weight: Number = P(0.5, 0, 5, unit="value/trust", doc="b_trust: value added per unit of trust above neutral")
    annoyance_weight: Number = P(0.6, 0, 5, unit="value/annoyance", doc="b_annoy: value lost per unit of annoyance, times promo_weight")
    negative_intercept: Number = P(-5.5, -20, 20, unit="logit", doc="negative-feedback log-odds at annoyance 0 and value 0")
    negative_annoyance: Number = P(1.5, 0, 50, unit="logit/annoyance", doc="negative-feedback log-odds per unit of annoyance")
    negative_value: Number = P(3.0, 0, 50, unit="logit/value", doc="negative-feedback log-odds lost per unit of value")
    trust_forgetting: Number = P(0.001, 0, 1, unit="1/day",
                                 source="assumed: a half-life of about two years (advertising goodwill decays within months, Clarke 1976; trust in a brand lasts longer)",
                                 doc="share of the distance to a person's own prior trust that trust returns each day: what is not renewed is forgotten, so trust settles")
    annoyance_decay: Number = P(0.04, 0, 1, unit="1/day", doc="share of annoyance that fades each day")
    overposting_dose: Number = P(0.08, 0, 5, unit="annoyance/(post/day)", doc="annoyance a follower who sees the page today gains per post a day the page posts beyond their tolerance")
    irrelevance_decay: Number = P(0.04, 0, 1, unit="1/day", source="assumed equal to annoyance_decay", doc="share of irrelevance that fades each day")
    affinity_gain: Number = P(0.3, 0, 1, unit="affinity/engagement", doc="affinity gained by engaging")
    affinity_decay: Number = P(0.03, 0, 1, unit="1/day", doc="share of affinity that fades each day")
    irrelevance_memory: Number = P(0.1, 0, 1, unit="1/view", doc="weight of a view in the running average of how irrelevant the page is")
    follow_on_engage: Number = P(0.15, 0, 1, unit="probability", doc="chance a non-follower who engages with a post (shared, recommended, paid) follows")


class Follows(Table):
    """Unfollow hazard and its causes."""

    base_hazard: Number = P(0.0003, 0, 1, unit="1/day", doc="unfollows for no reason the model knows")
    promo_annoyance: Number = P(0.004, 0, 1, unit="1/day per annoyance", source="seed 001 (product-only feeds make people turn away)", doc="hazard per unit of annoyance from promotion")
    overposting_annoyance: Number = P(0.004, 0, 1, unit="1/day per annoyance", doc="hazard per unit of annoyance from over-posting")
    irrelevance: Number = P(0.012, 0, 1, unit="1/day per irrelevance", source="fitted to Sprout Social 2016: irrelevant content named by 41% of unfollowers (validation V4)", doc="hazard per unit of irrelevance (how far below 0.5 the posts seen were worth)")
    distrust: Number = P(0.015, 0, 1, unit="1/day per trust", source="fitted to Sprout Social 2016: promotion and irrelevance the two causes unfollowers name most (validation V4); was 0.02, assumed", doc="hazard per unit of trust below distrust_threshold")
    distrust_threshold: Number = P(0.4, 0, 1, unit="trust", doc="trust below which distrust drives unfollows")
    service_grievance: Number = P(0.02, 0, 1, unit="1/day per grievance", source="Sprout Social Index 2017 (35% of ignored complainers boycott)", doc="hazard per unit of grievance from an ignored or deleted complaint")
    hunter_hazard: Number = P(0.03, 0, 1, unit="1/day", source="seed 001 (nobody remembers the brand after the giveaway)", doc="hazard of a prize hunter long after the last giveaway")
    hunter_patience: Number = P(10.0, 0.1, 365, unit="days", doc="time constant of a prize hunter's waiting for the next giveaway")
    cause_share: Number = P(0.2, 0, 1, unit="fraction of hazard", doc="a cause is recorded for an unfollow when it makes up at least this share of the hazard")
    follow_on_purchase: Number = P(0.1, 0, 1, unit="probability", source="assumed: a share of new customers look the brand up",
                                  doc="chance a person who buys for the first time follows the page")


class Service(Table):
    """Customer problems and the service desk."""

    problem_rate: Number = P(0.001, 0, 1, unit="1/customer/day",
                             source="assumed, on the high side: 0.001 a day is 31% of a brand's customers a year, where the National "
                                    "Customer Rage Survey (CCMC and Arizona State University 2023) finds 74% of US households with a "
                                    "problem with any product or service in 12 months and 13-14% with the most troublesome categories "
                                    "(computers and internet, cars); sweep it for a brand's own complaint volume",
                             doc="chance a customer runs into a problem on a day (product quality)")
    problem_trust_hit: Number = P(0.03, 0, 1, unit="trust", doc="trust lost by having a problem at all")
    staff: Staff = Field(
        0.0, description='people on the desk during covered hours; "auto": sized each week to the expected load (its own queue rehearsed, from an Erlang C first guess; target_in_time)',
        json_schema_extra={"unit": "persons", "source": "seed 002 (dialog needs at least one, better two people)", "extensive": True,
                           "scaled_floor": (1.0, "min_staff"), "allowed": '[0, 10000] or "auto"'})
    min_staff: Number = P(0.0, 0, 10_000, unit="persons",
                          doc="the fewest people a desk with anyone on it has: set when a fixed desk is scaled to a smaller market "
                              "(part of a person is one slower agent: 1 person scaled to 0.08 would take 12.5 covered hours an "
                              "answer), so that scaling it back up gives the desk as written")
    target_in_time: Number = P(0.8, 0, 0.999, unit="fraction", source="the contact-centre convention of 80% answered within the target time (Erlang C staffing)",
                              doc='with staff = "auto": share of the complaints raised in the desk\'s hours to answer (wait plus answer) within the complainer\'s patience; sets the staff')
    staff_step: Number = P(0.05, 0.01, 1, unit="persons",
                          source="assumed: at a small load one person answers between other work, planned in twentieths of the desk's hours (3 minutes an hour); 1 = whole people only, as contact-centre staffing assumes",
                          doc='with staff = "auto": the desk is sized in steps of this share of a person (a fraction of a person is one slower agent)')
    start_hour: Whole = P(9, 0, 24, unit="hour of day", doc="when the desk's daily window opens (a whole hour)")
    hours_per_day: Whole = P(8, 0, 24, unit="hours/day", doc="length of the desk's daily window (whole hours)")
    days_per_week: Whole = P(5, 0, 7, unit="days/week", doc="days covered, Monday first")
    answers_per_staff_hour: Number = P(12.0, 0, 1000, unit="answers/staff-hour", source="LiveAgent social-support benchmark: average handling time of a social-media query about 5 minutes (12 an hour); was 4, assumed",
                                      doc="desk throughput per person")
    quality: Number = P(0.8, 0, 1, unit="fraction", doc="how well an answer solves the problem")
    answer_share: Number = P(1.0, 0, 1, unit="fraction", doc="share of complaints the brand chooses to answer")
    delete_share: Number = P(0.0, 0, 1, unit="fraction", doc="share of complaints the brand deletes; the rest of the unanswered are ignored")
    monitors_elsewhere: Number = P(0.0, 0, 1, unit="fraction", source="seed 004 (not monitoring forums)", doc="share of problems raised off the page that the brand's listening finds (the desk treats them like the page's); the rest go unheard")
    listening_cost_per_day: Number = P(40.0, 0, 1e6, unit="currency/day at full coverage",
                                      source="assumed from social-listening list prices (about 800-3,000 a month for a mid-size brand); scales with monitors_elsewhere",
                                      doc="cost of social listening, times monitors_elsewhere", extensive=True)
    wage_per_hour: Number = P(30.0, 0, 1e6, unit="currency/staff-hour",
                             source="Gehalt.de 2019: median social-media manager 36,100 EUR a year; x1.21 employer's contributions / 1,600 paid hours = 27, rounded up for evening and weekend cover; was 35, assumed",
                             doc="cost of an hour of staff time: desk cover (per person) and making posts")
    hours_per_full_time: Number = P(1600.0, 1, 8784, unit="staff-hours/year",
                                   source="the hours of cover a year wage_per_hour assumes of one full-time person (40 h a week less leave, holidays and sick days)",
                                   doc="staff-hours of one full-time person a year: the desk's staff-hours as full-time staff")
    patience_hours: Number = P(1.84, 0.01, 1000, unit="hours", source="Edison Research 2012: 42% expect a reply within 60 minutes", doc="mean (exponential) time a complainer will wait before a reply counts as late")
    give_up_days: Number = P(3.0, 0.1, 365, unit="days", doc="an unanswered complaint counts as ignored after this")
    recovery_gain: Number = P(0.3, 0, 1, unit="trust", source="seed 003 (an answered complaint turns an angry customer into a multiplier); capped by de Matos et al. 2007",
                             doc="what an immediate answer of quality 1 would give back, before the cap: an answer restores "
                                 "min(problem_trust_hit, recovery_gain * quality * exp(-delay / reply_decay_hours)), so this sets how long "
                                 "an answer still undoes the whole problem (about 1.3 hours at quality 0.85), not the size of a gain (V5)")
    reply_decay_hours: Number = P(0.6, 0.01, 1000, unit="hours", source="Twitter/Applied Marketing Science 2016 ($20 for <6 min vs $2.33 for >1 h)", doc="time constant of how a reply's worth fades with its delay")
    poor_answer_penalty: Number = P(0.1, 0, 1, unit="trust", source="seed 004 (mediocre outsourced service)", doc="trust lost by an answer of quality 0")
    ignore_penalty: Number = P(0.11, 0, 1, unit="trust", source="fitted to Sprout Social Index 2017: 35% of ignored complainers boycott (validation V3); was 0.15, assumed", doc="trust lost when a complaint is ignored")
    unheard_penalty: Number = P(0.02, 0, 1, unit="trust", source="assumed: below ignore_penalty (nobody at the brand saw it, so no snub; the problem stays unsolved)",
                               doc="trust lost when a problem raised where the brand does not listen goes unanswered")
    repost_deleted: Number = P(0.5, 0, 1, unit="probability",
                               source="assumed: a deleted complaint comes back louder (the Streisand effect); seed 002 describes brands that would rather criticism did not appear at all",
                               doc="chance that a complainer whose complaint was deleted posts it again on the page the next day; "
                                   "the repost is handled like any complaint, and its onlookers judge the deletion it reports")
    delete_penalty: Number = P(0.18, 0, 1, unit="trust", source="assumed: the ratio to ignore_penalty kept from the first, assumed values (0.25 / 0.15)", doc="trust lost when a complaint is deleted")
    onlooker_effect: Number = P(0.01, 0, 1, unit="trust/thread", source="seed 000 (how problems are handled is public)",
                               doc="trust change of a follower who saw a complaint thread on the page, per unit of its outcome score (onlooker_score_*)")
    onlooker_score_problem: Number = P(-1.0, -10, 10, unit="score",
                                       source="de Matos, Henrique & Rossi 2007 (no recovery paradox for repurchase intent: V5), "
                                              "for onlookers as for the complainer: a timely answer at best undoes the problem seen",
                                       doc="what onlookers make of seeing that a customer had a problem, whatever its answer (the problem "
                                           "is evidence about the product, the outcome about the service): added to the outcome's score")
    onlooker_score_in_time: Number = P(1.0, -10, 10, unit="score", source="assumed: the unit of the onlookers' scores",
                                       doc="what onlookers make of a thread answered within the complainer's patience")
    onlooker_score_late: Number = P(0.5, -10, 10, unit="score", source="assumed: half the worth of a timely answer",
                                    doc="what onlookers make of a thread answered late")
    onlooker_score_ignored: Number = P(-1.0, -10, 10, unit="score", source="assumed: as bad as a timely answer is good",
                                       doc="what onlookers make of a thread left unanswered")
    onlooker_score_deleted: Number = P(-1.5, -10, 10, unit="score", source="assumed: worse than ignoring (the complaint was made to vanish, not just left)",
                                       doc="what onlookers make of a deleted thread, or of a repost reporting a deletion")
    promo_over_complaints: Number = P(0.01, 0, 1, unit="trust/view", source="seed 004 (automated product posts while a customer needs help)",
                                     doc="extra trust lost by a view while a complaint thread the viewer saw stays open, times the post type's promo_weight (a promotion 1, information 0.2)")
    comments_read: Number = P(1.0, 0, 1000, unit="comments/visit", source="assumed: the feed shows a post with about one comment under it (the most relevant)",
                             doc="comments a follower who sees the page's posts reads; complaint threads are among them in proportion to their share of the discussion")
    comment_share: Number = P(0.1, 0, 1, unit="comments/engagement", source="assumed: comments are about a tenth of interactions on brand posts (trade studies, reactions dominate)",
                             doc="ordinary comments per engagement: with open complaint threads, they make up the page's discussion")
    discussion_days: Number = P(7.0, 1, 365, unit="days", source="assumed: a page's recent comments stay in view for about a week",
                               doc="the page's discussion (threads plus comments a day) is averaged over about this many days")


class WordOfMouth(Table):
    """Talk about the brand over the social graph."""

    tell_positive: Number = P(0.45, 0, 1, unit="probability", source="Sprout Social Index 2017 (45% post something positive)", doc="chance a well-answered complainer tells their ties")
    tell_negative: Number = P(0.31, 0, 1, unit="probability", source="Sprout Social Index 2017 (31% tell their network)", doc="chance an ignored complainer tells their ties")
    tell_unheard: Number = P(0.15, 0, 1, unit="probability", source="assumed: half of tell_negative (the customer complained elsewhere already)",
                            doc="chance a customer whose problem went unheard tells their ties")
    tell_deleted: Number = P(0.6, 0, 1, unit="probability", doc="chance a complainer whose complaint was deleted tells their ties")
    chatter_rate: Number = P(0.002, 0, 1, unit="1/day", source="seed 000 (people talk about a brand whether or not it is present)", doc="chance an advocate or detractor customer talks about the brand on a day")
    reach_positive: Number = P(0.3, 0, 1, unit="fraction of ties", doc="share of ties a positive message reaches")
    reach_negative: Number = P(0.6, 0, 1, unit="fraction of ties", source="negative word of mouth travels farther (seed 004)", doc="share of ties a negative message reaches")
    trust_effect: Number = P(0.02, 0, 1, unit="trust/message", doc="trust change per message heard")
    follow_on_positive: Number = P(0.02, 0, 1, unit="probability", doc="chance a non-follower who hears praise follows the page")
    advocate_trust: Number = P(0.7, 0, 1, unit="trust (0-1)",
                               source="MODEL.md §6; assumed, like the top of a net promoter score's scale",
                               doc="trust above which a customer praises the brand unprompted (chatter_rate), and a person counts as an advocate (net advocates)")
    detractor_trust: Number = P(0.3, 0, 1, unit="trust (0-1)",
                                source="MODEL.md §6; assumed, like the bottom of a net promoter score's scale",
                                doc="trust below which a customer warns of the brand unprompted, and a person counts as a detractor "
                                    "(net advocates; validation V3's boycott)")


class Economy(Table):
    """Sales, revenue and costs."""

    price: Number = P(40.0, 0, 1e9, unit="currency/sale", doc="price of a sale")
    margin: Number = P(0.4, 0, 1, unit="fraction", source="seed 000 (permanent discounts cut profit)", doc="margin on a sale before discounts")
    base_purchase_rate: Number = P(0.001, 0, 1, unit="1/customer/day", doc="a customer's daily chance of buying again at trust 0.5 (loyalty)")
    prospect_purchase_rate: Number = P(0.0003, 0, 1, unit="1/person/day",
                                      source="assumed: with lapse_rate, a neutral market's steady customer share a/(a+h) is 0.27 (market.customer_share)",
                                      doc="a non-customer's daily chance of buying for the first time at trust 0.5")
    trust_elasticity: Number = P(2.0, 0, 10, unit="exponent", doc="purchase rates grow as (trust/0.5)^elasticity")
    lapse_rate: Number = P(0.0008, 0, 1, unit="1/customer/day",
                          source="Gupta, Lehmann & Stuart 2004 (Valuing customers): annual retention 70-95% in the firms valued; 0.0008/day = 25% lapse a year at neutral trust",
                          doc="a customer's daily chance of lapsing (no longer buying again) at trust 0.5")
    lapse_trust_slope: Number = P(4.0, 0, 50, unit="1/trust",
                                 source="assumed: lapse doubles from trust 0.5 to 0.33 and halves at 0.67",
                                 doc="lapse hazard = lapse_rate * exp(slope * (0.5 - trust)): it rises as trust falls")
    discount_rate_per_year: Number = P(0.12, 0.001, 1, unit="1/year", source="Gupta, Lehmann & Stuart 2004 (12% a year in their customer valuations)",
                                      doc="discount rate of future gross profit in customer equity")
    valuation_range: Number = P(0.5, 0, 0.95, unit="fraction",
                               source="the report's range around two assumptions (trust_elasticity, lapse_trust_slope): half as strong to half again as strong",
                               doc="customer equity is also valued with both links of trust to money (trust_elasticity, lapse_trust_slope) "
                                   "scaled by 1 - x and 1 + x: how much a run's value rests on them")


class Simulation(Table):
    days: Whole = P(365, 1, 100_000, unit="days", doc="horizon")
    seed: Whole = P(7, 0, SEED_MAX, unit="integer", doc="seed of the run's random streams")


FIXED_DURING_RUN = ("name", "description", "simulation", "market", "timeline")  # what a timeline may not change
DRAWN_AT_START = ("valued_by", "interest_spread")  # content settings read only when the market is drawn


class Change(BaseModel):
    """A timeline entry: scenario settings that hold from day ``from`` to day ``to`` (exclusive), or from ``at`` on."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True, serialize_by_alias=True, allow_inf_nan=False)

    start: int | None = Field(None, alias="from", ge=0, le=100_000, description="first day the settings hold")
    to: int | None = Field(None, ge=1, le=100_000, description="day the settings end (exclusive); none: to the end")
    at: int | None = Field(None, ge=0, le=100_000, description="first day the settings hold, to the end (a switch)")
    label: str | None = Field(None, max_length=80, description="what the entry is, in a report's words (e.g. \"product crisis\"); "
                              "reports name its days by it")

    @model_validator(mode="before")
    @classmethod
    def _nest_dotted_keys(cls, data):
        """``"service.problem_rate" = 0.01`` (a quoted key) means the same as the dotted key unquoted."""
        if not isinstance(data, dict):
            return data
        out: dict = {}
        for key, value in data.items():
            *parents, leaf = str(key).split(".")
            node = out
            for part in parents:
                node = node.setdefault(part, {})
                if not isinstance(node, dict):
                    break
            else:
                if isinstance(node.get(leaf), dict) and isinstance(value, dict):
                    node[leaf] = _deep_merge(node[leaf], value)
                else:
                    node[leaf] = value
        return out

    @property
    def first(self) -> int:
        return self.start if self.start is not None else self.at

    def holds_on(self, day: int) -> bool:
        return self.first <= day and (self.to is None or day < self.to)

    @property
    def settings(self) -> dict:
        return dict(self.model_extra or {})


class Scenario(Table):
    """A whole scenario; every table has defaults."""

    name: Name = Field("scenario", max_length=200, description="label used in outputs and as the folder under results/")
    description: str = Field("", max_length=5000, description="what the strategy does, in words")
    simulation: Simulation = Simulation()
    market: Market = Market()
    content: dict[str, ContentType] = Field(default_factory=lambda: {k: ContentType(**v) for k, v in DEFAULT_CONTENT.items()})
    strategy: Strategy = Strategy()
    platform: Platform = Platform()
    reactions: Reactions = Reactions()
    follows: Follows = Follows()
    service: Service = Service()
    word_of_mouth: WordOfMouth = WordOfMouth()
    economy: Economy = Economy()
    timeline: list[Change] = Field(default_factory=list, max_length=1000,
                                   description="settings that change for a window of days: [[timeline]] from = 180, to = 210, service.problem_rate = 0.01")

    @model_validator(mode="before")
    @classmethod
    def _extensive_defaults_sized(cls, data: Any) -> Any:
        """The extensive settings a scenario does not give are the mid-size brand's (``BRAND_PEOPLE``), scaled to its
        market: a 20,000-person scenario written from scratch pays a 20,000-person brand's prizes and listening, not a
        250,000-person brand's (per-capita money does not depend on whether a setting was written down)."""
        if not isinstance(data, dict):
            return data
        factor = _given_people(data.get("market")) / BRAND_PEOPLE
        if factor == 1:
            return data
        out = dict(data)
        for table, field in cls.model_fields.items():
            model = field.annotation
            if table != "market" and isinstance(model, type) and issubclass(model, Table):
                out[table] = _sized_defaults(out.get(table), model, factor)
        if out.get("content") is None:  # the default types (content given is as given: its types' own defaults)
            out["content"] = {name: _scaled_table(kind, ContentType.model_fields, factor) for name, kind in DEFAULT_CONTENT.items()}
        return out

    @model_validator(mode="after")
    def _mix_names_known_types(self):
        s = self.strategy
        named = [(("strategy", "mix"), k) for k in s.mix]  # a share's name is the value in question, not its place
        named += [(("strategy", "calendar", i), t) for i, day in enumerate(s.calendar or []) for t in day]
        named += [(("strategy", "events", i, "type"), e.type) for i, e in enumerate(s.events)]
        for loc, key in named:
            if key not in self.content:
                close = difflib.get_close_matches(key, list(self.content), 1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise _FieldError(loc, key, f"a content type defined under [content]: {', '.join(sorted(self.content))}{hint}")
        return self

    @model_validator(mode="after")
    def _new_types_say_who_values_them(self):
        """A type the defaults do not have must say who values it: [content.promt] with only a dose of annoyance is
        more likely a misspelt promo than a new kind of post (and a new type adds a column of interests to the market)."""
        for name, kind in self.content.items():
            if name not in DEFAULT_CONTENT and "valued_by" not in kind.model_fields_set:
                near = difflib.get_close_matches(name, list(DEFAULT_CONTENT), n=1)
                hint = f" (or did you mean {near[0]}?)" if near else ""
                raise _FieldError(("content", name), "a new content type without valued_by",
                                  f"valued_by set for a new type (the share of people who value it), or one of the defaults: "
                                  f"{', '.join(DEFAULT_CONTENT)}{hint}")
        return self

    @model_validator(mode="after")
    def _mix_sums_to_one(self):
        total = sum(self.strategy.mix.values())
        negative = [k for k, v in self.strategy.mix.items() if v < 0]
        if negative:
            raise _FieldError(("strategy", "mix"), self.strategy.mix, f"non-negative shares that sum to 1 ({', '.join(negative)} below 0)")
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise _FieldError(("strategy", "mix"), self.strategy.mix, f"non-negative shares that sum to 1 (these sum to {total:g})")
        return self

    @model_validator(mode="after")
    def _calendar_has_seven_days(self):
        cal = self.strategy.calendar
        if cal is not None and len(cal) != 7:
            raise _FieldError(("strategy", "calendar"), f"{len(cal)} days", "7 lists of content types, Monday first")
        return self

    @model_validator(mode="after")
    def _reply_policy_fits(self):
        s = self.service
        if s.answer_share + s.delete_share > 1 + 1e-9:
            raise _FieldError(("service", "delete_share"), s.delete_share, f"at most 1 - answer_share = {1 - s.answer_share:g}")
        return self

    @model_validator(mode="after")
    def _reach_bounds_ordered(self):
        if self.platform.reach_min > self.platform.reach_max:
            raise _FieldError(("platform", "reach_min"), self.platform.reach_min, f"at most reach_max = {self.platform.reach_max:g}")
        if self.platform.reach_base < self.platform.reach_min:  # recommendations scale with reach relative to reach_base
            raise _FieldError(("platform", "reach_base"), self.platform.reach_base, f"at least reach_min = {self.platform.reach_min:g}")
        return self

    @model_validator(mode="after")
    def _trust_thresholds_ordered(self):
        w = self.word_of_mouth
        if w.detractor_trust >= w.advocate_trust:  # else one person counts as both, and talks both ways
            raise _FieldError(("word_of_mouth", "detractor_trust"), w.detractor_trust,
                              f"below advocate_trust = {w.advocate_trust:g}")
        return self

    @model_validator(mode="after")
    def _timeline_valid(self):
        base = self.model_dump(mode="json", exclude={"timeline"})
        for i, change in enumerate(self.timeline):
            where = ("timeline", i)
            if (change.start is None) == (change.at is None):
                raise _FieldError(where, "both 'from' and 'at'" if change.at is not None else "no day",
                                  "either 'from' (with an optional 'to') or 'at', a day number")
            if change.at is not None and change.to is not None:
                raise _FieldError(where + ("to",), change.to, "no 'to' with 'at' ('at' holds to the end; use 'from' and 'to' for a window)")
            if change.to is not None and change.to <= change.first:
                raise _FieldError(where + ("to",), change.to, f"a day after 'from' = {change.first}")
            settings = change.settings
            if not settings:
                raise _FieldError(where, "no settings", "at least one scenario key to change, e.g. service.problem_rate = 0.01")
            for key in settings:
                if key in FIXED_DURING_RUN or key not in base:
                    allowed = ", ".join(k for k in base if k not in FIXED_DURING_RUN)
                    raise _FieldError(where + (key,), settings[key], f"a table a run can change: {allowed}")
            content = settings.get("content", {})
            if not isinstance(content, dict):
                raise _FieldError(where + ("content",), content, "a table of content types, e.g. content.promo.annoyance = 0.1")
            for t, fields in content.items():
                if t not in base["content"]:
                    raise _FieldError(where + ("content", t), "a new content type", f"one of {', '.join(base['content'])} (types are fixed for a run)")
                for f in DRAWN_AT_START:
                    if isinstance(fields, dict) and f in fields:
                        raise _FieldError(where + ("content", t, f), fields[f], "a setting a run can change (people's interests are drawn once, at the start)")
            try:
                _during(base, settings)
            except ValidationError as e:
                err = e.errors(include_url=False)[0]
                key, allowed = _describe(Scenario, err)
                value = err["ctx"]["error"].value if isinstance(err.get("ctx", {}).get("error"), _FieldError) else err.get("input")
                allowed = allowed.removeprefix("expected ").replace("unknown key; allowed here:", "a known key:")
                if key.startswith("strategy.mix") and "sum to" in allowed:  # an override's one share rescales the rest; here not
                    allowed += ("; a timeline entry's mix replaces the whole mix, as a scenario file's does: give every "
                                "type's share, e.g. strategy.mix = {promo = 0.9, info = 0.1}")
                raise _FieldError(where + tuple(key.split(".")), value, allowed) from None
        return self

    def during(self, day: int) -> Scenario:
        """The scenario as it holds on ``day``: the timeline's entries that hold then, applied in file order."""
        active = [c for c in self.timeline if c.holds_on(day)]
        if not active:
            return self
        data = self.model_dump(mode="json", exclude={"timeline"})
        for change in active:
            data = _deep_merge(data, change.settings)
        return Scenario.model_validate(data)

    def value(self, key: str):
        """The value at a dotted key, e.g. ``value("service.staff")``; None where there is none."""
        node = self.model_dump(mode="json")
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        return node

    def hash(self) -> str:
        """SHA-256 of the resolved scenario, for manifests."""
        return digest(self.model_dump(mode="json"))

    def to_toml(self) -> str:
        """The resolved scenario as a scenario file that reads back to the same scenario (the same hash)."""
        def kept(node):  # TOML has no null: an unset optional setting is left out, as in a file that does not set it
            if isinstance(node, dict):
                return {k: kept(v) for k, v in node.items() if v is not None}
            return [kept(v) for v in node] if isinstance(node, list) else node

        return tomli_w.dumps(kept(self.model_dump(mode="json")))

    def scaled(self, factor: float) -> Scenario:
        """The same brand in a market ``factor`` times as large: every extensive setting scaled with it."""
        return validate(_scaled_settings(self.model_dump(mode="json"), factor), source=f"scaled x{factor:g}")

    def with_overrides(self, overrides: Mapping[str, Any] | None = None, /, source: str = "override", **dotted: Any) -> Scenario:
        """A copy with dotted keys replaced, validated again: ``sc.with_overrides({"market.people": 5000})`` or
        ``sc.with_overrides(**{"market.people": 5000})`` (keywords win over the mapping).

        Setting one share of the content mix (``strategy.mix.promo``) rescales
        the other shares so that the mix still sums to 1.
        """
        if overrides is not None and not isinstance(overrides, Mapping):
            raise TypeError(f"with_overrides: expected a mapping of dotted keys to values, not {type(overrides).__name__}")
        data = self.model_dump(mode="json")
        given = {**(overrides or {}), **{k: v for k, v in dotted.items() if v is not None}}
        for key, value in given.items():
            if value is None:
                continue
            node = data
            *parents, leaf = key.split(".")
            for depth, part in enumerate(parents):
                if not isinstance(node, dict) or part not in node:
                    raise ScenarioError(f"{source}: {key}: no such key in the scenario{_keys_here(node, parents[:depth])}")
                node = node[part]
            if parents == ["strategy", "mix"]:
                node = _rescaled_mix(node, leaf, value)
                data["strategy"]["mix"] = node
                continue
            if not isinstance(node, dict) or (leaf not in node and parents[:1] != ["content"]):
                raise ScenarioError(f"{source}: {key}: no such key in the scenario{_keys_here(node, parents)}")
            node[leaf] = value
            kept_in = _floor_kept_in(parents, leaf)
            if kept_in and ".".join([*parents, kept_in]) not in given:
                node[kept_in] = 0.0  # a setting given as it is: no floor is left from scaling it (a swept desk of 0.25)
        return validate(data, source=source)


def _keys_here(node, parents: list[str]) -> str:
    """'; allowed in [table]: ...' for an override's key that is not there (a misspelt swept key named no others)."""
    if not isinstance(node, dict) or not node:
        return ""
    where = f"in [{'.'.join(parents)}]" if parents else "at the top"
    return f"; allowed {where}: {', '.join(sorted(map(str, node)))}"


def _floor_kept_in(parents: list[str], leaf: str) -> str | None:
    """The setting that keeps the scaling floor of the top-level setting ``parents.leaf`` (``service.min_staff`` for
    ``service.staff``), or None."""
    table = Scenario.model_fields.get(parents[0]) if len(parents) == 1 else None
    field = getattr(getattr(table, "annotation", None), "model_fields", {}).get(leaf)
    return ((getattr(field, "json_schema_extra", None) or {}).get("scaled_floor") or (None, None))[1]


def _rescaled_mix(mix: dict, key: str, share: float) -> dict:
    """The mix with ``key`` set to ``share`` and the other shares scaled to fill the rest."""
    others = {k: v for k, v in mix.items() if k != key}
    rest = sum(others.values())
    if not isinstance(share, (int, float)) or not 0 <= share <= 1:
        return {**mix, key: share}  # let validation name the bad value
    if rest == 0:
        scaled = {k: (1 - share) / len(others) for k in others} if others else {}
    else:
        scaled = {k: v * (1 - share) / rest for k, v in others.items()}
    return {**scaled, key: float(share)} if share > 0 else scaled


class _FieldError(ValueError):
    """Raised inside cross-field validators so the message keeps its key and value (a ``Lack``: what is not there)."""

    def __init__(self, loc: tuple, value: Any, allowed: str):
        self.loc, self.value, self.allowed = loc, value, allowed
        shown_as = f": {value};" if isinstance(value, Lack) else f" = {value!r}:"
        super().__init__(f"{'.'.join(map(str, loc))}{shown_as} expected {allowed}")


class Lack(str):
    """What a table lacks, said in words where an error would show a value ("neither levels nor range")."""


WHOLE_VALUES = {"mix"}  # dict-valued settings that an override replaces rather than merges into


def _deep_merge(base: dict, over: dict) -> dict:
    """Tables merge key by key; any other value (and a content mix) is replaced whole."""
    out = dict(base)
    for k, v in over.items():
        merge = isinstance(v, dict) and isinstance(out.get(k), dict) and k not in WHOLE_VALUES
        out[k] = _deep_merge(out[k], v) if merge else v
    return out


MAX_REPS = 10_000  # replications of a comparison, a break-even or a sweep's point: their seeds are drawn before any run
MAX_FILE_BYTES = 10_000_000  # a scenario, sweep or calibration file is a few kB; anything this big is a mistake
MAX_DEPTH = 12  # tables nested deeper than any audsim file needs (scenario.content.TYPE.key is 3)
MAX_EXTENDS = 32  # files in one extends chain
SHOWN = 80  # characters of a value echoed in an error


def shown(value) -> str:
    """A value for an error message as TOML writes it (true, not True), cut to a readable length."""
    text = ("true" if value else "false") if isinstance(value, bool) else repr(value)
    return text if len(text) <= SHOWN else f"{text[:SHOWN - 20]}... ({len(text):,} characters)"


def _depth(node, level: int = 0) -> int:
    if isinstance(node, dict):
        return max([_depth(v, level + 1) for v in node.values()], default=level + 1)
    if isinstance(node, list):
        return max([_depth(v, level + 1) for v in node], default=level + 1)
    return level


def _text(path: Path, expected: str) -> str:
    """A small regular file's UTF-8 text; any failure as one line naming the file and what was ``expected``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ScenarioError(f"{path}: file not found; expected a readable {expected}") from None
    except OSError as e:
        raise ScenarioError(f"{path}: cannot read file ({e.__class__.__name__}); expected a readable UTF-8 {expected}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
        raise ScenarioError(f"{path}: {kind}; expected a readable {expected}")
    if info.st_size > MAX_FILE_BYTES:
        raise ScenarioError(f"{path}: {info.st_size:,} bytes; expected a {expected} of at most {MAX_FILE_BYTES:,} bytes")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ScenarioError(f"{path}: cannot read file ({e.__class__.__name__}); expected a readable UTF-8 {expected}") from None


def read_toml(path: Path, what: str = "scenario") -> dict:
    """A TOML file as a dict; any failure as one line naming the file (scenario, sweep, calibration, target files).

    Only a regular file is read (a FIFO or a device would block or never end), of at most MAX_FILE_BYTES, with
    tables nested at most MAX_DEPTH deep."""
    path = Path(path)
    try:
        data = tomllib.loads(_text(path, f"{what} TOML file"))
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: malformed TOML: {str(e)[:200]}") from None
    except RecursionError:
        raise ScenarioError(f"{path}: nested too deeply to read; expected tables nested at most {MAX_DEPTH} deep") from None
    if _depth(data) > MAX_DEPTH:
        raise ScenarioError(f"{path}: tables nested {_depth(data)} deep; expected at most {MAX_DEPTH}")
    return data


def _chain(files: list[Path]) -> str:
    """'a.toml -> b.toml -> ' for an error's prefix; a long chain shows its ends."""
    if not files:
        return ""
    names = [str(f) for f in files]
    if len(names) > 4:
        names = [names[0], names[1], f"... ({len(files) - 3} more)", names[-1]]
    return " -> ".join(names) + " -> "


def _read_toml(path: Path, chain: tuple[Path, ...] = ()) -> dict:
    """Read a scenario file and the files it extends, base first (a loop, not recursion: chains can be long).

    An error in a file further down the chain names the chain from the file the user gave, each further file as its
    ``extends`` names it: ``a.toml -> base/b.toml: ...``."""
    layers, seen, files, label = [], set(chain), [], str(path)
    while True:
        if path.resolve() in seen:
            raise ScenarioError(f"{_chain(files)}{label}: extends = {path.name!r}: a file may not extend itself (cycle)")
        if len(layers) >= MAX_EXTENDS:
            raise ScenarioError(f"{_chain(files)}{label}: an extends chain of more than {MAX_EXTENDS} files; expected at most {MAX_EXTENDS}")
        try:
            raw = read_toml(path)
        except ScenarioError as e:
            raise ScenarioError(f"{_chain(files)}{e}") from None
        seen.add(path.resolve())
        base = raw.pop("extends", None)
        layers.append(raw)
        if base is None:
            break
        if not isinstance(base, str) or not base:
            raise ScenarioError(f"{_chain(files)}{label}: extends = {shown(base)}: expected a path to another scenario file")
        parent_path = path.parent / base
        if not parent_path.exists():
            raise ScenarioError(f"{_chain(files)}{label}: extends = {shown(base)}: {parent_path} is not a readable file; "
                                "expected a path relative to this file")
        files.append(label)
        path, label = parent_path, base
    merged = layers.pop()
    while layers:
        merged = over_base(merged, layers.pop())
    return merged


def over_base(base: dict, layer: dict) -> dict:
    """``layer`` (a file or a dict that extends ``base``) over its base. A layer that sets another market size than
    its base's is the same brand in that market, as ``--people`` makes it: the extensive settings the base writes
    (for its own market) are scaled to the layer's, except those the layer writes itself."""
    own, theirs = _given_people(layer.get("market")), _given_people(base.get("market"))
    if isinstance(layer.get("market"), dict) and "people" in layer["market"] and own != theirs:
        base = _scaled_settings(base, own / theirs)
    return _deep_merge(base, layer)


def _field_at(root, loc: tuple):
    """The pydantic field and the type found by walking ``loc`` from ``root`` (None where it leads nowhere)."""
    model, field = root, None
    for part in loc:
        while get_origin(model) in (Union, UnionType, list):
            model = next(a for a in get_args(model) if a is not type(None))
        if get_origin(model) is dict:
            model, field = get_args(model)[1], None
            continue
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None) or {}
        field = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if field is None:
            return None, None
        model = field.annotation
    return field, model


def _allowed_keys(root, loc: tuple) -> list[str]:
    """The valid keys at a location, for 'unknown key' messages."""
    _, model = _field_at(root, loc[:-1])
    while get_origin(model) in (Union, UnionType, list, dict):
        model = [a for a in get_args(model) if a is not type(None)][-1]
    return sorted(getattr(model, "model_fields", {}))


def _bounds(root, loc: tuple):
    field, _ = _field_at(root, loc)
    return None if field is None else _field_bounds(field)


def _field_bounds(field) -> tuple | None:
    """A field's bounds as (low, high, low open, high open), or None if it has none."""
    lo = hi = None
    lo_open = hi_open = False
    for m in field.metadata:
        if getattr(m, "ge", None) is not None or getattr(m, "gt", None) is not None:
            lo_open = getattr(m, "ge", None) is None
            lo = m.gt if lo_open else m.ge
        if getattr(m, "le", None) is not None or getattr(m, "lt", None) is not None:
            hi_open = getattr(m, "le", None) is None
            hi = m.lt if hi_open else m.le
    return (lo, hi, lo_open, hi_open) if lo is not None or hi is not None else None


def _describe(root, err: dict) -> tuple[str, str]:
    loc = tuple(err["loc"])
    key = ".".join(map(str, loc))
    ctx = err.get("ctx", {})
    kind = err["type"]
    if kind == "extra_forbidden":
        return key, "unknown key; allowed here: " + ", ".join(_allowed_keys(root, loc))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        lo_hi = _bounds(root, loc)
        return key, f"expected {_range(_what_number(root, loc), lo_hi)}" if lo_hi else err["msg"]
    if kind == "value_error" and isinstance(ctx.get("error"), _FieldError):
        fe = ctx["error"]  # a field's check names its own place; a table's check names it within the table
        where = loc if loc[len(loc) - len(fe.loc):] == tuple(fe.loc) else loc + tuple(fe.loc)
        return ".".join(map(str, where)), f"expected {fe.allowed}"
    if kind in ("too_short", "too_long"):
        n = ctx.get("min_length" if kind == "too_short" else "max_length", 1)
        return key, f"expected {'at least' if kind == 'too_short' else 'at most'} {n} {'entry' if n == 1 else 'entries'}"
    if kind in NUMBER_ERRORS and (lo_hi := _bounds(root, loc)):
        return key, f"expected {_range(_what_number(root, loc), lo_hi)}"
    if kind in ("model_type", "dict_type"):  # a table expected, e.g. strategy = 5 or strategy.mix = 1
        return key, "expected a table ([" + key + "] or " + key + " = {...})"
    return key, "expected " + err["msg"].lower().removeprefix("input should be ").removeprefix("value error, ")


def _what_number(root, loc: tuple) -> str:
    """'a whole number' for a whole field (Whole, Whole | None), else 'a number'."""
    annotation = _field_at(root, loc)[0].annotation
    kinds = {get_args(a)[0] if get_origin(a) is Annotated else a for a in get_args(annotation) or (annotation,)}
    return "a whole number" if int in kinds and float not in kinds else "a number"


def _range(what: str, bounds: tuple) -> str:
    """'a number in [0, 1]', 'a number in (0, 1]', 'a number of at least 0', 'a number above 0'."""
    lo, hi, lo_open, hi_open = bounds
    if lo is None:
        return f"{what} {'below' if hi_open else 'of at most'} {hi}"
    if hi is None:
        return f"{what} {'above' if lo_open else 'of at least'} {lo}"
    return f"{what} in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"


def one_line(e: ValidationError, source: str, root) -> ScenarioError:
    """A pydantic error as one line: file, key, value, what is allowed."""
    err = e.errors(include_url=False)[0]
    key, allowed = _describe(root, err)
    if err["type"] == "missing":  # a required key left out: there is no value to show
        field = _field_at(root, tuple(err["loc"]))[0]
        what = f"; expected {field.description}" if field is not None and field.description else ""
        error = ScenarioError(f"{source}: {key}: missing{what}")
        error.key = key
        return error
    value = err.get("input")
    if err["type"] == "value_error" and isinstance(err.get("ctx", {}).get("error"), _FieldError):
        value = err["ctx"]["error"].value
        if isinstance(value, Lack):
            error = ScenarioError(f"{source}: {key}: {value}; {allowed}")
            error.key = key
            return error
    if isinstance(value, dict) and err["type"] != "value_error":
        value = "{...}"
    if isinstance(value, list) and len(repr(value)) > 200:
        error = ScenarioError(f"{source}: {key} = [{len(value)} entries]: {allowed}")
    else:
        error = ScenarioError(f"{source}: {key} = {shown(value)}: {allowed}")
    error.key = key
    return error


def validate(data: dict, source: str = "<scenario>") -> Scenario:
    """Validate a raw dict (defaults merged in) into a frozen Scenario."""
    defaults = Scenario(market={"people": _given_people(data.get("market"))}).model_dump(mode="json")  # extensive ones sized to it
    content = data.get("content")
    merged = _deep_merge(defaults, {k: v for k, v in data.items() if k != "content"})
    if isinstance(content, dict):
        merged["content"] = _deep_merge(defaults["content"], content)
    elif content is not None:
        merged["content"] = content
    try:
        return Scenario.model_validate(merged)
    except ValidationError as e:
        raise one_line(e, source, Scenario) from None


def _scaled_settings(data: dict, factor: float) -> dict:
    """Scenario settings (a whole scenario, its timeline's entries with it, or one entry) with their extensive ones
    scaled."""
    out = dict(data)
    if isinstance(data.get("timeline"), list):
        out["timeline"] = [_scaled_settings(change, factor) if isinstance(change, dict) else change for change in data["timeline"]]
    for table, values in data.items():
        annotation = getattr(Scenario.model_fields.get(table), "annotation", None)
        if not isinstance(values, dict):
            continue
        if fields := getattr(annotation, "model_fields", None):
            out[table] = _scaled_table(values, fields, factor)
        elif get_origin(annotation) is dict and (fields := getattr(get_args(annotation)[1], "model_fields", None)):
            out[table] = {k: _scaled_table(v, fields, factor) if isinstance(v, dict) else v for k, v in values.items()}  # content types
    return out


def _scaled_table(values: dict, fields: dict, factor: float) -> dict:
    """A table's extensive settings scaled; a setting with a ``scaled_floor`` (floor, the setting that keeps it) scaled
    down below its floor keeps the floor beside it (not above the value itself), so that the value itself stays
    linear in the market and scaling back restores it (a fixed desk keeps at least one person in a smaller market:
    ``service.min_staff``; ``service.staff = "auto"`` sizes a desk to its load at any size)."""
    extra = {k: getattr(f, "json_schema_extra", None) or {} for k, f in fields.items()}
    out = dict(values)
    for k, v in values.items():
        if not extra.get(k, {}).get("extensive") or not isinstance(v, (int, float)) or isinstance(v, bool):
            continue  # "auto" (a desk sized to its load scales by itself), or no number: validation names it
        whole = get_args(fields[k].annotation)[:1] == (int,)  # a count (people): rounded; anything else scales as a
        out[k] = round(v * factor) if whole else float(v) * factor  # number, given as 2 or 2.0 (a timeline's staff = 2)
        floor, kept_in = extra[k].get("scaled_floor", (None, None))
        if floor is not None and 0 < out[k] < min(v, floor):
            out[kept_in] = max(values.get(kept_in, 0.0), min(v, floor))
    return out


def _during(base: dict, settings: dict) -> Scenario:
    return Scenario.model_validate(_deep_merge(base, settings))


def plain(default) -> str:
    """A default as text: one per content type as "promo 0.15, info 0.84, ..."."""
    return ", ".join(f"{t} {v}" for t, v in default.items()) if isinstance(default, dict) else str(default)


def parameters() -> list[dict]:
    """Every scalar parameter: dotted key, default, bounds, unit, source, meaning (for docs and ``audsim params``)."""
    rows = []
    defaults, brand = Scenario(), Scenario(market={"people": BRAND_PEOPLE})

    def sized(f, read) -> tuple:  # a default sized to the market is shown as the brand's, and said to be
        if f is Market.model_fields["people"] or read(brand) == read(defaults):
            return read(defaults), f.description or ""
        return read(brand), (f"{f.description or ''} (default: a {BRAND_PEOPLE:,}-person brand's; a scenario that does "
                             f"not set it gets it scaled to its market.people)")

    for table, field in Scenario.model_fields.items():
        model = field.annotation
        if not isinstance(model, type) or not issubclass(model, Table):
            continue
        for name, f in model.model_fields.items():
            extra = f.json_schema_extra or {}
            default, meaning = sized(f, lambda sc: getattr(getattr(sc, table), name))
            rows.append({"key": f"{table}.{name}", "default": default,
                         "range": extra.get("allowed", _table_range(f)), "unit": extra.get("unit", ""),
                         "source": extra.get("source", ""), "meaning": meaning})
    for name, f in ContentType.model_fields.items():
        extra = f.json_schema_extra or {}
        values, meaning = sized(f, lambda sc: {t: getattr(c, name) for t, c in sc.content.items()})  # one per content type
        rows.append({"key": f"content.TYPE.{name}", "default": values, "range": _table_range(f), "unit": extra.get("unit", ""),
                     "source": extra.get("source", "") if name != "valued_by" else "seed 002 panel (promo: assumed)",
                     "meaning": meaning})
    return rows


def _table_range(f) -> str:
    """A field's bounds as the parameter table shows them ("[0, 1]"), or "" if it has none (every parameter's are
    closed)."""
    bounds = _field_bounds(f)
    return "" if bounds is None else f"[{bounds[0]}, {bounds[1]}]"


def _swept_here(row: str, key: str, values: str) -> str:
    """The sweep values of ``key`` if they belong to the table row ``row`` (a content type's or a mix share's with its name)."""
    if key == row:
        return values
    parts = key.split(".")
    if row.startswith("content.TYPE.") and len(parts) == 3 and parts[0] == "content" and parts[2] == row.rsplit(".", 1)[1]:
        return f"{parts[1]}: {values}"
    if row == "strategy.mix" and key.startswith("strategy.mix."):
        return f"{parts[-1]}: {values}"
    return ""


def parameters_markdown(swept: dict[str, str] | None = None) -> str:
    """The parameter table as Markdown, as it stands in docs/ODD.md.

    ``swept`` maps a dotted key to the levels or range the shipped sensitivity
    studies use for it (``sim.sweep.spec.swept_ranges``).
    """
    swept = swept or {}
    lines = ["| key | default | allowed | unit | source | meaning | swept in scenarios/sweeps |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in parameters():
        key = r["key"]
        studied = "; ".join(_swept_here(key, k, v) for k, v in swept.items() if _swept_here(key, k, v))
        lines.append(f"| `{key}` | {plain(r['default'])} | {r['range']} | {r['unit']} | {r['source']} | {r['meaning']} | {studied} |")
    return "\n".join(lines) + "\n"


def load(path: str | Path, horizon: bool = True) -> Scenario:
    """Load and validate a scenario file (following ``extends``), or the scenario a run's manifest.json records
    (resolved, its seed included: the run again, number for number). ``horizon``: refuse a file that plans beyond
    its own horizon (not when a horizon of its own is given with it, ``--days``; a manifest records what ran, and
    runs again, warned as it was)."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _from_manifest(path)
    raw = _read_toml(path)
    raw.setdefault("name", name_from_file(path))
    try:
        return within_horizon(validate(raw, source=str(path)), str(path), horizon)
    except ScenarioError as e:
        where = _setting_file(path, getattr(e, "key", ""))
        if where and where != str(path) and str(e).startswith(f"{path}: "):
            raise ScenarioError(f"{where}{str(e)[len(str(path)):]}") from None
        raise


def _from_manifest(path: Path) -> Scenario:
    expected = "scenario file (.toml) or the manifest.json of audsim run"
    try:
        manifest = json.loads(_text(path, expected))
    except ValueError:
        raise ScenarioError(f"{path}: not valid JSON; expected a {expected}") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("scenario"), dict):
        several = isinstance(manifest, dict) and isinstance(manifest.get("scenarios"), dict)
        whose = " (a sweep's record names several)" if several and "sweep" in manifest else " (a comparison's names several)" if several else ""
        raise ScenarioError(f"{path}: no 'scenario' in it{whose}; expected a {expected}")
    sc = validate(manifest["scenario"], source=str(path))  # what ran; a horizon it cut is warned again
    seed = manifest.get("seed")
    if seed is not None and seed != sc.simulation.seed:
        raise ScenarioError(f"{path}: seed = {seed!r} but scenario.simulation.seed = {sc.simulation.seed}: the run uses "
                            "the scenario's; expected them equal (to run it with another seed, leave the manifest as it "
                            "was and give --seed)")
    if manifest.get("scenario_hash") not in (None, digest(manifest["scenario"])):  # as written: settings added since are no edit
        warnings.warn(EditedManifest(f"{path}: the scenario was edited since it ran (its hash is no longer "
                                     f"{str(manifest['scenario_hash'])[:12]}): running it as it now reads"), stacklevel=2)
    if changed := _model_changed(manifest, sc):
        warnings.warn(EditedManifest(f"{path}: since it ran, {changed}: the same settings and seed may give other numbers"),
                      stacklevel=2)
    return sc


def _model_changed(manifest: dict, sc: Scenario) -> str:
    """What of the model differs from the one that wrote ``manifest``: its code (sim/model), settings it did not
    have (they take today's defaults); empty if nothing does."""
    from .runner import model_code

    said = []
    recorded = (manifest.get("versions") or {}).get("audsim_model_source")
    if recorded not in (None, model_code()):
        said.append(f"the model's code changed (audsim_model_source {recorded}, now {model_code()})")
    added = sorted({k for k, _ in leaves(sc.model_dump(mode="json"))} - {k for k, _ in leaves(manifest["scenario"])})
    if added:
        shown = ", ".join(added[:3]) + (f" and {len(added) - 3} more" if len(added) > 3 else "")
        said.append(f"settings added since take their defaults ({shown})")
    return "; ".join(said)


def leaves(data: dict, prefix: str = "", whole: tuple[str, ...] = ()):
    """(dotted key, value) of each value of nested settings, tables opened except those named in ``whole``
    (a content mix, read as one value)."""
    for key, value in data.items():
        if isinstance(value, dict) and key not in whole:
            yield from leaves(value, f"{prefix}{key}.", whole)
        else:
            yield f"{prefix}{key}", value


def digest(data: dict) -> str:
    """SHA-256 of a scenario's settings as JSON (a scenario's hash; a manifest's, as written)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


class EditedManifest(UserWarning):
    """A run's manifest whose scenario no longer hashes to the hash recorded with it."""


class SizeAlone(UserWarning):
    """A market size set alone (a swept ``market.people``) that leaves the scenario's market-sized spending as written."""


def _setting_file(path: Path, key: str) -> str | None:
    """The extends chain from ``path`` to the first file that sets ``key`` (dotted), named as errors name chains
    ('a.toml -> base.toml'), so a bad value is looked for where it is written; None if no file sets it."""
    files, label = [], str(path)
    for _ in range(MAX_EXTENDS):
        try:
            raw = read_toml(path)
        except ScenarioError:
            return None
        if _sets(raw, key):
            return _chain(files) + label
        base = raw.get("extends")
        if not isinstance(base, str) or not base:
            return None
        files.append(label)
        path, label = path.parent / base, base
    return None


def from_dict(data: Mapping[str, Any], folder: str | Path = ".", source: str = "<dict>", horizon: bool = True) -> Scenario:
    """A scenario from a dict, which may ``extends`` a file (relative to ``folder``, the working folder by default);
    ``horizon`` as :func:`load`'s."""
    data = dict(data)
    base = data.pop("extends", None)
    if base is None:
        return within_horizon(validate(data, source=source), source, horizon)
    if not isinstance(base, (str, Path)) or not str(base):
        raise ScenarioError(f"{source}: extends = {base!r}: expected a path to a scenario file")
    path = Path(folder) / base
    if not path.is_file():
        raise ScenarioError(f"{source}: extends = {str(base)!r}: {path} is not a readable file; expected a scenario file")
    merged = over_base(_read_toml(path), data)
    merged.setdefault("name", name_from_file(path))
    try:
        return within_horizon(validate(merged, source=source), source, horizon)
    except ScenarioError as e:  # a bad value the dict does not set is named where it is written: the file it extends
        key = getattr(e, "key", "")
        if key and not _sets(data, key) and (where := _setting_file(path, key)) and str(e).startswith(f"{source}: "):
            raise ScenarioError(f"{source} -> {where}{str(e)[len(source):]}") from None
        raise


def _sets(data: Mapping, key: str) -> bool:
    """Whether ``data`` (nested tables) sets the dotted ``key``."""
    node = data
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False
        node = node[part]
    return True


def beyond_horizon(sc: Scenario) -> list[tuple[str, int]]:
    """The timeline entries and one-off posts that start on or after the horizon (key, day): they never happen."""
    days = sc.simulation.days
    out = [(f"timeline.{i}.{'from' if c.start is not None else 'at'}", c.first) for i, c in enumerate(sc.timeline) if c.first >= days]
    return out + [(f"strategy.events.{i}.day", e.day) for i, e in enumerate(sc.strategy.events) if e.day >= days]


def within_horizon(sc: Scenario, source: str, check: bool = True) -> Scenario:
    """A scenario as written must not plan what its own horizon never reaches (a crisis on day 400 of 365 would
    silently not happen); ``--days`` shorter than the file's is allowed, with a warning (``runner.resolve``); not
    ``check``ed where ``--days`` gives the horizon."""
    late = beyond_horizon(sc) if check else []
    if late:
        key, day = late[0]
        raise ScenarioError(f"{source}: {key} = {day}: expected a day before the horizon, simulation.days = {sc.simulation.days} "
                            "(day 0 is the first)")
    return sc
