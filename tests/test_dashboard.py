"""The dashboard: the strategy pair, Solara rendering without a browser (issue #6, first layer)."""

import html

import ipyvuetify as v
import ipywidgets as widgets
import numpy as np
import pytest
import solara
from mesa.visualization.utils import force_update

from sim.dashboard import app
from sim.dashboard.pair import StrategyPair, live, preset_knobs, presets
from sim.model import AudienceModel
from sim.model.measures import summarize
from sim.model.service import fixed_staff
from sim.report.numbers import count, decimal, fixed


def small(**kw):
    return StrategyPair(people="1500", **kw)


def test_the_pair_steps_both_strategies_with_one_seed():
    pair = small(left_knobs={"promo_share": 0.8, "posts_per_day": 3.0})
    for _ in range(5):
        pair.step()
    assert pair.left.day == pair.right.day == 5
    assert len(pair.series("left", "followers")) == 5
    assert pair.left.config.simulation.seed == pair.right.config.simulation.seed
    assert pair.left.config.strategy.mix["promo"] == 0.8 and pair.left.config.strategy.posts_per_day == 3.0
    assert pair.right.config.strategy.posts_per_day == 1.0  # the knobs reach strategy A only


def test_a_step_of_a_week_or_a_month_is_that_many_days_and_stops_at_the_horizon():
    pair, daily = small(), small()
    pair.advance(7)
    for _ in range(7):
        daily.step()
    assert pair.left.day == pair.right.day == 7
    assert pair.series("left", "followers") == daily.series("left", "followers")  # the same days, fewer redraws
    pair.advance(100_000)
    assert pair.left.day == pair.horizon and not pair.running
    months = small()
    for _ in range(12):  # a month a step: twelve make a year, not 360 days
        months.advance(months.days_in_step(30))
    assert months.left.day == 365 and months.days_in_step(7) == 7


@pytest.mark.parametrize("name", presets())
def test_each_side_starts_from_its_own_presets_values(name):
    """No strategy's values in code: a side's knobs are what its preset sets (in the live market)."""
    sc = live(name, 1500)
    knobs = preset_knobs(name, 1500)
    assert knobs["promo_share"] == sc.strategy.mix.get("promo", 0.0) and knobs["posts_per_day"] == sc.strategy.posts_per_day
    assert knobs["answer_share"] == sc.service.answer_share and knobs["delete_share"] == sc.service.delete_share
    desk = sc.service.staff if sc.service.staff == "auto" else fixed_staff(sc.service.staff, sc.service.min_staff)
    assert knobs["staff"] == desk  # the desk as it works: a fixed desk scaled to 1,500 people keeps its one person
    as_a = StrategyPair(left=name, right="absent", left_knobs=knobs, people="1500")
    assert as_a.left.config.model_dump(exclude={"name"}) == as_a.left_scenario.model_dump(exclude={"name"})
    assert as_a.left_scenario.strategy == sc.strategy
    chosen = as_a.left_scenario.service
    assert chosen.model_dump(exclude={"staff"}) == sc.service.model_dump(exclude={"staff"})
    assert (chosen.staff if chosen.staff == "auto" else fixed_staff(chosen.staff, chosen.min_staff)) == desk


def test_a_market_size_is_read_with_a_thousands_separator():
    """The German page writes 1.095 for 1,095 and refused "20.000" as people; one separator, in groups of three, is
    read, the page's language's or a space, and anything else is still refused (a German reader's "20,000" is twenty,
    and was read as twenty thousand)."""
    from sim.dashboard.pair import _whole

    for lang, grouped, other in (("en", "20,000", "20.000"), ("de", "20.000", "20,000")):
        for text in ("20000", grouped, "20 000", "20_000"):
            errors = []
            assert _whole(text, "people", 100, 200_000, errors, lang, "-") == 20_000 and not errors, (lang, text)
        for text in (other, "20.00", "2,0000", "20.000,5", "1,500.000", "lots"):
            errors = []
            assert _whole(text, "people", 100, 2_000_000, errors, lang, "-") is None and errors, (lang, text)


def test_a_session_starts_its_own_pair_and_an_export_names_each_side():
    """A pair made once at import was every visitor's starting pair: a second browser found the first one's run
    half-played. Each session makes its own at first use, at day 0. An export names the sides apart where both run
    the same preset, and says where a side's settings differ from its preset's."""
    app.pair.set(None)
    try:
        first = app.session_pair()
        assert first.left.day == 0 and app.session_pair() is first
        app.choose("right", app.preset["left"].value)  # the same preset on both sides
        labels = app.export_story(app.pair.value).labels[app.LANG]
        left, right = (labels[m.config.name] for m in (app.pair.value.left, app.pair.value.right))
        assert left != right and left.endswith("(A)") and right.endswith("(B)"), labels
        app.turn("right", "posts_per_day", 7.0)
        story = app.export_story(app.pair.value)
        right = story.labels[app.LANG][app.pair.value.right.config.name]
        assert right.endswith("(B, adjusted)"), right
        assert app.pair.value.labels["right"].endswith("(adjusted)") and not app.pair.value.labels["left"].endswith("(adjusted)")
        said = story.descriptions[app.LANG][app.pair.value.right.config.name]  # the preset's words, and what was changed
        assert said.endswith(f"{app.WORDS['set_here']}: {app.WORDS['posts_per_day']} 7 a day ({app.WORDS['preset']}: "
                             f"{app.KNOBS['posts_per_day'].shown(preset_knobs(app.preset['right'].value)['posts_per_day'])}).")
    finally:
        app.choose("right", app.DEFAULTS["right"])


def test_choosing_a_preset_for_a_sets_its_knobs(monkeypatch):
    app.choose("left", "stammtisch")
    try:
        assert app.knobs["left"].value == preset_knobs("stammtisch", app.pair.value.left.config.market.people)
        assert app.pair.value.left.config.strategy.posts_per_day == live("stammtisch").strategy.posts_per_day
        app.turn("left", "posts_per_day", 2.5)
        assert app.pair.value.left.config.strategy.posts_per_day == 2.5 and app.pair.value.left.day == 0
    finally:
        app.choose("left", app.DEFAULTS["left"])


def test_bad_values_become_messages_not_crashes():
    pair = StrategyPair(people="lots", seed="-3", left="nope", left_knobs={"hours_per_day": 30.0})
    text = " | ".join(pair.errors)
    assert "People in the market: \u201clots\u201d is not a whole number from 100 to 200,000; 20,000 is used" in text
    assert "Random seed: \u201c-3\u201d" in text and "Preset: \u201cnope\u201d" in text
    assert "service.hours_per_day" in text
    pair.step()  # still a working model, on the presets' values
    assert pair.left.day == 1 and pair.left.config.market.people == 20_000


def test_a_bad_market_size_or_seed_keeps_the_ones_before():
    """A typo in the market size fell back to the default 20,000, not to the 1,500 the client had set a moment before."""
    first = StrategyPair(people="1500", seed="11")
    before = (first.left.config.market.people, first.left.config.simulation.seed)
    again = StrategyPair(people="1,5OO", seed="eleven", before=before)
    assert (again.left.config.market.people, again.left.config.simulation.seed) == (1500, 11)
    assert (again.right.config.market.people, again.right.config.simulation.seed) == (1500, 11)
    text = " | ".join(again.errors)
    assert "“1,5OO” is not a whole number from 100 to 200,000; 1,500 is used" in text, text
    assert "“eleven” is not a whole number from 0 to 2,147,483,647; 11 is used" in text, text
    app.pair.set(first)  # the page passes the pair it replaces
    try:
        app.people.set("1,5OO")
        app.restart()
        assert app.pair.value.left.config.market.people == 1500
    finally:
        app.people.set(app.count(app.LIVE_PEOPLE, app.LANG))
        app.pair.set(None)


def test_summary_and_charts_render_and_follow_the_steps():
    pair = small()
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    assert rc.find(v.CardTitle, children=["So far"]).widget
    assert rc.find(children=[f"A: The sales party: {app.T['day']} 0 of {count(pair.horizon)}"]).widget
    for _ in range(3):
        pair.step()
    force_update()
    rc.find(children=[f"A: The sales party: {app.T['day']} 3 of {count(pair.horizon)}"]).assert_single()
    card = pair.headline("left")
    shown = decimal(card["net_advocates_end"], "+.1f")  # the report's format: a true minus, no sign on a zero
    rc.find(class_="advocates-left", children=[f"{app.WORDS['advocates']}: {shown} {app.WORDS['points_short']}"]).assert_single()
    assert rc.find(v.Btn, children=[app.WORDS["export"]]).widget
    chart_box, chart_rc = solara.render(app.chart("followers")(pair), handle_error=False)
    before = bytes(chart_rc.find(widgets.Image).widget.value)
    assert before.startswith(b"\x89PNG")
    for _ in range(10):
        pair.step()
    force_update()
    assert bytes(chart_rc.find(widgets.Image).widget.value) != before  # the chart redraws with the new days


def test_the_card_is_summarize_of_the_days_so_far_with_equity_as_it_stands_today():
    """The run measures customer equity every four weeks; the card values the market as it stands today, so its
    value does not jump by a month's change on the measuring day."""
    from sim.model import sales

    pair = small()
    for _ in range(30):
        pair.step()
    daily = pair.left.datacollector.get_model_vars_dataframe().reset_index(drop=True)
    card, whole = pair.headline("left"), summarize(daily, pair.left.equity_at_start[0])
    assert card["net_profit"] == whole["net_profit"] and card["net_advocates_end"] == whole["net_advocates_end"]
    today = sales.equity(pair.left.people, pair.left.config.economy)[0]
    assert today != daily["customer_equity"].dropna().iloc[-1]  # day 27's measure is not today's
    assert card["value_undiscounted"] == pytest.approx(whole["net_profit"] + today - pair.left.equity_at_start[0])
    assert card["value"] < card["value_undiscounted"]  # discounted to the start (the run's rate): the card shows it
    values = []
    for _ in range(6):  # across day 55, a measuring day: the value moves by a day's change, not a month's
        pair.step()
        values.append(pair.headline("left")["value_undiscounted"])
    steps = np.abs(np.diff(values))
    assert steps.max() < 5 * np.median(steps) + 1e-9, steps


def test_axes_hold_still_and_a_timeline_event_is_marked():
    pair = small()
    timeline = [{"from": 3, "to": 8, "service": {"problem_rate": 0.01}}]
    pair.left = AudienceModel(pair.left.config.with_overrides(timeline=timeline, name="A-crisis"))
    limits = []
    for day in range(12):
        pair.step()
        fig = app.figure(pair, "open_complaints")
        ax = fig.axes[0]
        assert ax.get_xlim() == (0, pair.horizon) and ax.get_ylim()[0] == 0
        limits.append(ax.get_ylim()[1])
        marked = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
        assert bool(marked) == (day >= 3), day  # the event's line appears once its day has passed
    assert limits == sorted(limits)  # the upper limit never falls back
    assert app.figure(pair, "trust_market").axes[0].get_ylim() == (0, 1)


def test_error_messages_render_visibly():
    pair = StrategyPair(people="abc")
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    alerts = rc.find(v.Alert).widgets
    assert alerts and any("\u201cabc\u201d" in str(a.children) for a in alerts)


def test_the_whole_page_renders():
    box, rc = solara.render(app.Page(), handle_error=False)
    assert rc.find(v.CardTitle, children=["So far"]).widget


def test_export_writes_the_report_of_the_current_pair(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AUDSIM_CHROMIUM", raising=False)
    monkeypatch.setattr(app.shutil, "which", lambda name: None)  # no browser: the HTML report only
    pair = StrategyPair(people="600", left_knobs={"posts_per_day": 2.0})  # A adjusted: its file says what was changed
    pair.left.plan = pair.left.plan.with_overrides(**{"simulation.days": 20})
    pair.right.plan = pair.right.plan.with_overrides(**{"simulation.days": 20})
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    rc.find(v.Btn, children=[app.WORDS["export"]]).widget.click()
    deadline = time.time() + 120
    reports = []
    while time.time() < deadline and not reports:
        time.sleep(0.2)
        reports = [r for r in (tmp_path / "results" / "dashboard").glob("*/report.html")
                   if not r.parent.name.startswith(".")]  # not the folder still being written (moved into place whole)
    assert reports, "no report written"
    page = reports[0].read_text()
    assert "A-tupperparty" in page and "B-stammtisch" in page
    # the dashboard sets a market, not the client's page: "Your page ... Only the page's size is yours" was untrue
    assert "The example page (no page size was given)" in page and "Your page" not in page
    # the whole path: the server's folder is not the client's to guess
    rc.find(v.Alert, children=[f"{app.WORDS['exported']} {reports[0].resolve()}"]).wait_for(timeout=10)
    # the report's command runs the two strategies as set again, from the files beside it, to the same numbers
    import json
    import shlex

    from click.testing import CliRunner

    from sim.cli import main

    command = json.loads((reports[0].parent / "manifest.json").read_text())["command"]
    assert html.escape(command) in page and command.startswith("audsim compare ")
    result = CliRunner().invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0, result.output
    again = shlex.split(command)[shlex.split(command).index("--out") + 1]
    assert (tmp_path / again / "compare.csv").read_text() == (reports[0].parent / "compare.csv").read_text()
    import tomllib

    written = {f.stem: tomllib.loads(f.read_text())["description"] for f in reports[0].parent.glob("*.toml")}
    assert written["A-tupperparty"].endswith(f"{app.WORDS['set_here']}: {app.WORDS['posts_per_day']} 2 a day ({app.WORDS['preset']}: 3).")
    assert app.WORDS["set_here"] not in written["B-stammtisch"]


def test_a_product_crisis_happens_to_both_sides_and_raises_their_complaints():
    """The sidebar's crisis is one more [[timeline]] entry on both sides (the market's customers have it, whatever
    the brand does): the same pair without it differs by that alone, so complaints raised in the window rise on
    both sides, and none before it."""
    from sim.dashboard.pair import crisis_settings

    settings, day = crisis_settings(), 10
    calm, crisis = small(), small(crisis=day)
    assert calm.crisis is None and crisis.crisis == day and not crisis.errors
    for side in ("left", "right"):
        (entry,) = crisis.model(side).plan.timeline
        assert (entry.first, entry.to, entry.label) == (day, day + settings["days"], "product crisis")  # a report names it
        base = calm.model(side).plan.service.problem_rate
        assert crisis.model(side).plan.during(day).service.problem_rate == pytest.approx(base * settings["problems_times"])
    calm.advance(day + 20)
    crisis.advance(day + 20)
    for side in ("left", "right"):
        before = [calm.series(side, "complaints_raised")[:day], crisis.series(side, "complaints_raised")[:day]]
        assert before[0] == before[1]  # the same days until the crisis starts
        assert sum(crisis.series(side, "complaints_raised")[day:]) > 3 * sum(calm.series(side, "complaints_raised")[day:]), side
    assert crisis.events("left") == [(day, day + 20, "product crisis")]  # started, and lasting up to today
    late = small(crisis=5000, lang="de")
    assert late.crisis is None and late.errors == [f"Produktkrise: Tag 5000 liegt nicht vor dem Ende, Tag {late.horizon}"]


def test_the_crisis_text_offers_a_crisis_until_one_is_chosen():
    """With "none" chosen the sidebar said "For 30 days the customers in both markets have 10 times as many problems":
    a client read it as a crisis running. It offers one; once a day is chosen, it says from which day."""
    from sim.dashboard.pair import crisis_settings

    def said():
        box, rc = solara.render(app.Crisis(), handle_error=False)
        return " ".join(str(w.children) for w in rc.find(v.Html).widgets) + str([w.v_model for w in rc.find(v.Select).widgets])

    try:
        app.crisis.set(None)
        text = said()
        assert "Choose a day" in text and "From day" not in text, text
        app.crisis.set(crisis_settings()["starts"][0])
        text = said()
        assert f"From day {crisis_settings()['starts'][0]}," in text and "Choose a day" not in text, text
    finally:
        app.crisis.set(None)


def test_the_crisis_is_marked_once_in_grey_where_both_sides_have_it():
    pair = small(crisis=3)
    pair.advance(6)
    ax = app.figure(pair, "open_complaints").axes[0]
    marked = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(marked) == 1 and [t.get_text().strip() for t in ax.texts] == ["product crisis"]  # its label, as the report has it
    assert all(float(t).is_integer() for t in ax.get_yticks())  # complaints are counted whole


def test_settings_a_strategy_does_not_use_are_greyed_out_and_say_why():
    """A brand without a page posts nothing and deletes nothing; a desk of nobody keeps no hours: those sliders stay
    visible (the preset's values) but cannot be moved, and their labels say why."""
    def disabled(name):
        app.preset["left"].set(name)
        app.knobs["left"].set(preset_knobs(name, 1500))
        box, rc = solara.render(app.Side("left"), handle_error=False)
        return {key for key, slider in zip([k for k in app.KNOBS if k != "staff"], rc.find(v.Slider).widgets) if slider.disabled}

    try:
        assert disabled("absent") == set(app.KNOBS) - {"staff"}  # no page: nothing to post, no complaint to see
        assert set(app.not_used("absent", preset_knobs("absent", 1500))) == set(app.KNOBS)  # the desk's select too
        assert disabled("tupperparty") == set(app.DESK_KNOBS)  # no staff; it still deletes criticism
        assert disabled("stammtisch") == set()
        knobs = preset_knobs("stammtisch", 1500)
        assert set(app.not_used("stammtisch", {**knobs, "posts_per_day": 0.0})) == {"promo_share"}  # no posts, no promotion
        assert set(app.not_used("stammtisch", {**knobs, "hours_per_day": 0.0})) == {"answer_share"}  # no hours, no answers
        assert set(app.not_used("stammtisch", {**knobs, "days_per_week": 0})) == {"answer_share"}
    finally:
        app.preset["left"].set(app.DEFAULTS["left"])
        app.knobs["left"].set(preset_knobs(app.DEFAULTS["left"]))


def _card_lines(rc) -> list[str]:
    """The card's lines of text, in order."""
    lines = []

    def walk(widget):
        for child in getattr(widget, "children", None) or []:
            if isinstance(child, str):
                lines.append(child)
            else:
                walk(child)

    walk(rc.find(v.Card).widget)
    return lines


def test_the_card_says_how_to_start_and_then_shows_b_minus_a():
    """The card has the same lines before and after the first step, "–" until measured: on the first step it grew
    by a column (B - A), a note and the desk's line, and the charts below jumped down under the client's eyes."""
    pair = small()
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    rc.find(class_="start-hint").assert_single()
    rc.find(children=[app.WORDS["difference"]]).assert_single()
    before = _card_lines(rc)
    pair.advance(20)
    force_update()
    after = _card_lines(rc)
    assert len(after) == len(before) and [line.split(":")[0] for line in after] == [line.split(":")[0] for line in before]
    assert sum("\u2013" in line for line in before) > sum("\u2013" in line for line in after)  # measured now
    a, b = pair.headline("left"), pair.headline("right")
    # each difference of the figures as shown (trust of 0.491 and 0.500 read "+0.008", from the unrounded ones)
    shown = decimal(round(b["net_advocates_end"], 1) - round(a["net_advocates_end"], 1), "+.1f")
    rc.find(children=[app.WORDS["difference"]]).assert_single()
    rc.find(children=[f"{app.WORDS['advocates']}: {shown} {app.WORDS['points_short']}"]).assert_single()
    trust = decimal(round(b["long_term_trust"], 3) - round(a["long_term_trust"], 3), "+.3f")
    rc.find(children=[f"{app.T['trust_market']}: {trust}"]).assert_single()
    rc.find(children=[f"{app.T['followers']}: {count(b['followers_end'] - a['followers_end'], signed=True)}"]).assert_single()
    # money: A, B and B - A to one unit, and B - A exactly the shown B minus the shown A
    unit = pair.money_unit
    shown = {side: round(h["value"] / unit) * unit for side, h in (("left", a), ("right", b))}
    for side in ("left", "right"):
        rc.find(children=[f"{app.WORDS['value_short']}: {fixed(shown[side], unit, 'en', 'EUR', signed=True)}"]).assert_single()
    rc.find(children=[f"{app.WORDS['value_short']}: {fixed(shown['right'] - shown['left'], unit, 'en', 'EUR', signed=True)}"]).assert_single()
    assert app.money_unit(pair, [1.0]) == unit  # never finer than before: the digits do not flicker


def test_the_german_page_answers_bad_input_in_german():
    pair = StrategyPair(people="viele", seed="-1", left="nix", lang="de")
    assert pair.errors[0] == "Personen im Markt: \u201eviele\u201c ist keine ganze Zahl von 100 bis 200.000; es gilt 20.000"
    assert pair.errors[1].startswith("Zufallsstartwert: \u201e-1\u201c ist keine ganze Zahl von 0 bis ")
    assert pair.errors[2].startswith("Vorlage: \u201enix\u201c ist keine von ")


def test_a_bad_market_size_keeps_the_sides_settings():
    """A market size that cannot be read leaves a message and the settings as they were; a good one reads the
    sides' settings again from their presets at that size (budgets scale)."""
    try:
        app.turn("left", "posts_per_day", 2.5)
        app.resize("lots of people")
        assert app.knobs["left"].value["posts_per_day"] == 2.5 and app.pair.value.errors
        app.resize("5000")
        assert app.knobs["left"].value == preset_knobs(app.preset["left"].value, 5000) and not app.pair.value.errors
    finally:
        app.resize(str(app.LIVE_PEOPLE))
        app.choose("left", app.DEFAULTS["left"])


def test_one_play_loop_steps_a_pair_and_a_restart_stops_it(monkeypatch):
    """Play and Pause pressed quickly in a row left the first loop running beside the second: the days ran at
    twice the pace, two threads advanced one pair at once (a traceback ended the page), and a market restarted
    while playing came back at day 30. A second loop takes over from the first; Pause holds both; a restart
    stops them and stays at day 0."""
    import threading
    import time

    monkeypatch.setattr(app, "force_update", lambda: None)  # the loop, not the redraw of pages earlier tests rendered
    app.pair.set(None)
    app.pace.set(1)
    try:
        p = app.session_pair()
        p.advance(1)  # compiled and warm: a cold cache's first step would hold the first loop for half a minute
        app.playing.set(True)
        first = threading.Thread(target=app.play, args=(p, None, 0.01))
        first.start()
        time.sleep(0.3)
        second = threading.Thread(target=app.play, args=(p, None, 0.01))  # Pause and Play before the first one woke
        second.start()
        first.join(timeout=60)
        assert not first.is_alive() and second.is_alive()  # the first gave way, the second plays on
        app.playing.set(False)
        second.join(timeout=60)
        held = p.left.day
        time.sleep(0.2)
        assert p.left.day == held == p.right.day > 0  # paused: both sides on the same day, none running on
        app.playing.set(True)
        third = threading.Thread(target=app.play, args=(p, None, 0.01))
        third.start()
        time.sleep(0.2)
        app.restart()  # a change while playing: a new pair at day 0, paused
        third.join(timeout=60)
        assert not third.is_alive() and app.pair.value is not p and app.pair.value.left.day == 0 and not app.playing.value
    finally:
        app.playing.set(False)
        app.pace.set(7)
        app.pair.set(None)


def test_a_report_exported_while_a_setting_changed_says_it_is_of_the_settings_before(tmp_path, monkeypatch):
    """An export started for one pair and finished after a change offered its report under the new pair."""
    import time

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(app.shutil, "which", lambda name: None)  # the HTML report only
    monkeypatch.delenv("AUDSIM_CHROMIUM", raising=False)

    def short(pair):
        for m in (pair.left, pair.right):
            m.plan = m.plan.with_overrides(**{"simulation.days": 20})
        return pair

    before, after = short(StrategyPair(people="600")), short(StrategyPair(people="700"))
    box, rc = solara.render(app.Summary(before), handle_error=False)
    rc.find(v.Btn, children=[app.WORDS["export"]]).widget.click()
    rc.render(app.Summary(after))  # a setting changed while the replications ran
    deadline = time.time() + 120
    written = lambda: [r for r in (tmp_path / "results" / "dashboard").glob("*/report.html")
                       if not r.parent.name.startswith(".")]  # not the folder still being written (moved into place whole)
    while time.time() < deadline and not written():
        time.sleep(0.2)
    report = written()[0].resolve()
    rc.find(v.Alert, children=[f"{app.WORDS['exported_before']} {report}"]).wait_for(timeout=20)
    assert not rc.find(children=[f"{app.WORDS['download']} (HTML)"])  # not offered as the new pair's report


def test_the_card_says_when_the_horizon_is_reached():
    """At the last day Play and Step turned grey without a word."""
    pair = small()
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    ended = app.WORDS["ended"].format(days=count(pair.horizon))
    assert not rc.find(children=[ended])
    pair.advance(100_000)
    force_update()
    rc.find(children=[ended]).assert_single()


@pytest.mark.parametrize("staff, per_week, said", [
    (0.25, 98, "0.8 full-time people (0.25 of a person on duty through the desk's 98 h a week)"),
    (1.0, 40, "1.3 full-time people (1 person on duty through the desk's 40 h a week)"),
    (2.0, 40, "2.6 full-time people (2 people on duty through the desk's 40 h a week)"),
    (2.0, 1, "0.1 full-time people (2 people on duty through the desk's 1 h a week)"),
    (1.0, 0, "0 full-time people"),
])
def test_the_desks_line_says_what_its_hours_are(staff, per_week, said):
    """"Desk now: 3.5 staff-hours a day" beside a 14-hour desk read as a contradiction: a quarter of a person; and "0.25 of
    a person" alone as a quarter of a full-time job, where the report counts 0.8 full-time people (1,600 hours a year).
    Hours a week, abbreviated: "1 days a week" and "the desk's 1 hours" read wrong."""
    assert app.desk_now(staff, per_week, 1600.0) == said
