"""The client demo: a named set of scenarios compared, and the HTML report written."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from .. import outputs, runner
from ..report import deck, html
from ..report.pdf import print_pdf
from ..report.story import Story
from ..scenario import Market, Scenario, ScenarioError, _field_bounds, read_toml
from . import breakeven as _breakeven
from .compare import Comparison, compare, replication_seeds
from .stats import mean_interval

PACKAGE_SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def scenarios_dir() -> Path:
    """./scenarios if the working folder has one, else the one shipped beside the package."""
    here = Path("scenarios")
    return here if (here / "sets").is_dir() else PACKAGE_SCENARIOS


def load_set(name: str = "demo") -> tuple[dict, str, int]:
    """A comparison set (scenarios/sets/NAME.toml): the resolved scenarios, the baseline, the replications."""
    path = scenarios_dir() / "sets" / f"{name}.toml"
    spec = read_toml(path, "comparison set")
    names = spec.get("scenarios", [])
    return {n: runner.resolve(path.parent.parent / f"{n}.toml") for n in names}, spec.get("baseline", names[0]), spec.get("reps", 20)


def load_story(name: str = "demo") -> Story:
    """The set's ``[story]``: which strategies the headline compares, their names in each language, the currency."""
    spec = read_toml(scenarios_dir() / "sets" / f"{name}.toml", "comparison set").get("story", {})
    return Story(current=spec.get("current"), proposed=spec.get("proposed"), labels=spec.get("labels", {}),
                 currency=spec.get("currency", ""), descriptions=spec.get("descriptions", {}))


def tool_defaults() -> dict:
    """The presets the dashboard and calibration start from (scenarios/sets/defaults.toml)."""
    return read_toml(scenarios_dir() / "sets" / "defaults.toml", "defaults")


def for_the_page(shipped: dict[str, Scenario], current: str, followers: int | None = None, market: int | None = None,
                 posts_per_day: float | None = None, days: int | None = None, source: str = "command line") -> dict[str, Scenario]:
    """The shipped strategies for the client's own page.

    ``market``: the reachable market; every extensive setting (desk, budgets) is scaled with it
    (:meth:`Scenario.scaled`). Without it, a given page size keeps the shipped ratio of market to followers.
    ``followers``: the page's followers at the start, for every strategy that has a page.
    ``posts_per_day``: the posting rate of the ``current`` strategy (the page as the client runs it now)."""
    ref = shipped[current] if current in shipped else next(iter(shipped.values()))
    share = ref.market.initial_follower_share
    if followers is not None and market is None:
        if share <= 0:
            raise ScenarioError(f"--followers = {followers}: the shipped {ref.name} has no page to size; give --market too")
        market = int(round(followers / share))
        low, high, *_ = _field_bounds(Market.model_fields["people"])
        if not low <= market <= high:  # named here: Scenario.scaled named a factor nobody typed
            who = f"--followers = {followers}" if source == runner.COMMAND_LINE else f"{source}: a page of {followers:,} followers"
            raise ScenarioError(f"{who}: at the shipped {share:.0%} of the market following, a market of {market:,} people; "
                                f"expected {low:,} to {high:,}: give --market")
    if followers is not None and followers > (market or ref.market.people):
        raise ScenarioError(f"--followers = {followers}: more than the market's {market or ref.market.people} people; "
                            "expected at most --market")
    out = {}
    for name, sc in shipped.items():
        if market is not None:
            sc = sc.scaled(market / sc.market.people).with_overrides(source=source, **{"market.people": market})
        if followers is not None and sc.market.initial_follower_share > 0:
            sc = sc.with_overrides(source=source, **{"market.initial_follower_share": followers / sc.market.people})
        if name == current and posts_per_day is not None:
            sc = sc.with_overrides(source=source, **{"strategy.posts_per_day": posts_per_day})
        out[name] = sc.with_overrides(source=source, **{"simulation.days": days})
    return out


def fit_to_insights(shipped: dict[str, Scenario], current: str, export: Path, workers: int | None = None, progress=None,
                    samples: int = 40, rounds: int = 2, market: int | None = None) -> tuple[dict[str, Scenario], dict]:
    """The strategies on the client's page as its export shows it: the market's reach, engagement and unfollow
    parameters fitted (ABC) to the current strategy's figures over the export's days (from its first day's
    followers, at its posting rate, in ``market`` people or the shipped ratio of market to followers), then given
    to every strategy, each starting from the page as it is on the export's last day. Returns the scenarios and the
    fit's estimates."""
    from ..calibration import abc, insights

    daily = insights.read_insights(export)
    figures = insights.targets_from_insights(daily)
    followers = int(round(figures["followers_start"]))
    if market is not None and max(followers, figures["followers_end"]) > market:
        raise ScenarioError(f"--market = {market}: fewer people than the {max(followers, figures['followers_end']):,.0f} "
                            f"followers of {export}; expected a market at least as large as the page")
    page = for_the_page(shipped, current, followers=followers, market=market, posts_per_day=figures["posts_per_day"],
                        source=str(export))
    spec = abc.CalibrationSpec(base="-", samples=samples, reps=1, rounds=rounds, ranges=insights.DEFAULT_RANGES,
                               fixed={"simulation.days": figures["days"]},
                               targets={k: abc.Target(value=figures[k], scale=max(abs(figures[k]) * 0.1, 1e-4))
                                        for k in ("organic_reach", "engagement_per_impression", "unfollow_rate_per_30d")})
    base = page[current].with_overrides(source=str(export), **spec.fixed)
    with tempfile.TemporaryDirectory(prefix="audsim-fit-") as folder:
        fit = abc.fit(spec, base, list(spec.ranges), Path(folder) / "runs", workers=workers, progress=progress)
    fitted = {r["parameter"]: float(r["fitted"]) for _, r in fit.estimates.iterrows()}
    trend = _trend(fit.scenario, figures, spec.seed)  # the fit matches rates, not the page's growth: compared here
    # fitted over the export's days from its first day's followers; the comparison starts today, from its last
    # day's, in the same market
    today = for_the_page(shipped, current, followers=int(round(figures["followers_end"])), market=page[current].market.people,
                         posts_per_day=figures["posts_per_day"], source=str(export))
    return {n: sc.with_overrides(source=f"{export}: fitted", **fitted) for n, sc in today.items()}, {
        "export": str(export), "columns": daily.attrs["columns"], "figures": figures,
        "estimates": fit.estimates.to_dict(orient="records"), "closest": fit.closest, "trend": trend,
        "warnings": daily.attrs["notes"] + fit.warnings + ([
            f"run as {current} over the export's {figures['days']} days, the fitted model takes the page from "
            f"{figures['followers_start']:,.0f} to {trend['model_end']:,.0f} followers where the export went to "
            f"{figures['followers_end']:,.0f}: the opposite direction"] if trend["opposite"] else [])}


TREND_RUNS = 8  # the fitted scenario run again over the export's days, to compare its followers with the export's
TREND_SHARE = 0.01  # a change in followers below this share of the start is no direction


def _trend(fitted: Scenario, figures: dict, seed: int) -> dict:
    """The fitted scenario's followers at the end of the export's days (mean and sd over TREND_RUNS runs) against the
    export's, and whether the two went in opposite directions, the export's by at least TREND_SHARE of its start and
    the runs' beyond their mean's 95% interval: a two-week export passed as a match while the runs reversed the
    page's own growth."""
    ends = [runner.run(fitted, seed=s).summary["followers_end"] for s in replication_seeds(seed + 2000, TREND_RUNS)]
    start, end = figures["followers_start"], figures["followers_end"]
    mean, low, high, _ = mean_interval(ends)
    theirs = end - start
    opposite = abs(theirs) >= TREND_SHARE * start and (high < start if theirs > 0 else low > start)
    return {"model_end": float(mean), "model_low": float(low), "model_high": float(high), "opposite": bool(opposite)}


def write_report(comparison: Comparison, out: str | Path, lang: str = "en", overwrite: bool = False, breakeven=None,
                 story: Story | None = None, pdf: bool = False, pptx: bool = False, files: dict[str, str] | None = None) -> Path:
    """The comparison's files plus report.html (and report.pdf, report.pptx, the break-even market's files if
    asked, and further ``files``, name to text), in one atomic write: a failed print leaves nothing half-written."""
    words = (story or Story()).resolved(comparison)  # the plots beside the report speak its language too

    def fill(tmp: Path):
        for name, text in (files or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        comparison.write_into(tmp, lang=lang, story=words)
        if breakeven is not None:
            breakeven.write_into(tmp, lang, breakeven.labels(words, lang), words.currency)
        page = tmp / "report.html"
        page.write_text(html.render(comparison, lang, breakeven, story), encoding="utf-8")
        if pdf:
            print_pdf(page, tmp / "report.pdf")
        if pptx:
            deck.write(comparison, tmp / "report.pptx", lang, breakeven, story)

    return outputs.write_folder(out, fill, overwrite)


def demo(out: str | Path = "results/demo", lang: str = "en", reps: int | None = None, days: int | None = None,
         people: int | None = None, seed: int = 7, workers: int | None = None, progress=None, overwrite: bool = False,
         breakeven_people=None, followers: int | None = None, posts_per_day: float | None = None,
         insights_export: str | Path | None = None, pdf: bool = False, pptx: bool = False, current: str | None = None,
         proposed: str | None = None) -> Comparison:
    """Compare the demo set on the client's page and write the report (and its PDF and deck) into ``out``.

    ``people`` is the reachable market, ``followers`` the page's size (see :func:`for_the_page`); an
    ``insights_export`` sets both and fits the market to the page's own figures (:func:`fit_to_insights`).
    ``current``: the set's strategy the page is run like now (default: the set's story's); the others are compared
    with it, the export is fitted as it, and the posting rate is its. ``proposed``: the alternative the headline is
    about (default: the set's story's; where that is the current one, the first other of the set).
    With ``breakeven_people`` (market sizes), the report also shows where the set's ``breakeven`` pair
    (B against A) breaks even, over the same horizon."""
    shipped, baseline, default_reps = load_set("demo")
    story, baseline = run_now(shipped, load_story("demo"), baseline, current, proposed)
    current = story.current
    with outputs.claim(out, overwrite):  # refused at once, before the runs, if ``out`` may not be written
        fitted = None
        if insights_export is not None:
            scenarios, fitted = fit_to_insights(shipped, current, Path(insights_export), workers=workers, progress=progress,
                                                market=people)
            scenarios = {n: sc.with_overrides(**{"simulation.days": days}) for n, sc in scenarios.items()}
        else:
            scenarios = for_the_page(shipped, current, followers, people, posts_per_day, days)
        comparison = compare(scenarios, reps=reps or default_reps, baseline=baseline, seed=seed, workers=workers, progress=progress)
        if fitted is not None:
            comparison.manifest["fitted_to_insights"] = fitted
        comparison.manifest["default_page"] = followers is None and fitted is None  # the report does not call it the client's
        found = None
        if breakeven_people:
            a, b = breakeven_pair()
            # from the strategies as set for the page: each is scaled from its own market (its costs with it) to each size
            found = _breakeven.breakeven(scenarios[a], scenarios[b], breakeven_people, reps=reps or default_reps, seed=seed,
                                         workers=workers, progress=progress, days=next(iter(scenarios.values())).simulation.days)
        write_report(comparison, out, lang, overwrite, found, story, pdf, pptx)
    return comparison


def run_now(shipped: dict[str, Scenario], story: Story, baseline: str, current: str | None = None,
            proposed: str | None = None) -> tuple[Story, str]:
    """The set's story and baseline with the page's ``current`` strategy (a strategy of the set with a page: the
    baseline too) and the ``proposed`` alternative (another of the set), where given; ScenarioError if one is not."""
    if current is not None:
        pages = [n for n, sc in shipped.items() if sc.strategy.has_page]
        if current not in pages:
            raise ScenarioError(f"--current = {current!r}: not a strategy of the demo set with a page; expected one of {', '.join(pages)}")
        story, baseline = replace(story, current=current), current
    story = replace(story, current=story.current or baseline)
    if proposed is not None:
        others = [n for n in shipped if n != story.current]
        if proposed not in others:
            raise ScenarioError(f"--proposed = {proposed!r}: not a strategy of the demo set other than the current "
                                f"{story.current}; expected one of {', '.join(others)}")
        story = replace(story, proposed=proposed)
    return story, baseline


def breakeven_pair() -> tuple[str, str]:
    """The demo set's (A, B) for the break-even market: scenarios/sets/demo.toml's ``breakeven``."""
    spec = read_toml(scenarios_dir() / "sets" / "demo.toml", "comparison set")
    a, b = spec["breakeven"]
    return a, b
