"""The dashboard page for a client meeting (Solara).

Run with ``audsim dashboard``. Two strategies, A and B, each chosen from the
presets and each starting from its own preset's values; every setting shows
its value and unit, and a change restarts both from day 0 with the same seed.
Charts keep their axes while the days run (the horizon on x, a limit on y
that only grows); a dashed line marks the day a ``[[timeline]]`` entry starts.
The card shows ``summarize()`` of the days so far.
"""

from __future__ import annotations

import functools
import io
import math
import os
import shutil
import time
from pathlib import Path

import ipywidgets as widgets
import solara
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from mesa.visualization.utils import force_update, update_counter

from ..experiments.demo import load_story, tool_defaults
from ..model.service import has_desk
from ..report.i18n import TEXT
from ..report.numbers import capital, count, decimal, fixed, number, percent
from ..report.plots import time_axis
from ..report.story import Story
from .pair import KNOBS, LIVE_PEOPLE, SERIES, StrategyPair, crisis_settings, live, preset_knobs, presets

LANG = os.environ.get("AUDSIM_LANG", "en") if os.environ.get("AUDSIM_LANG") in TEXT else "en"
T = TEXT[LANG]
WORDS = {
    "en": {"A": "Strategy A", "B": "Strategy B", "preset": "Preset", "promo_share": "Promotion", "posts_per_day": "Posts",
           "staff": "Desk staff", "hours_per_day": "Desk hours", "days_per_week": "Desk days", "answer_share": "Answers",
           "delete_share": "Deleted", "paid_boost": "Paid boost", "people": "People in the market", "seed": "Random seed (the same seed, the same run)",
           "market": "Market", "restart": "A change restarts both strategies from day 0 with the same seed.",
           "export": "Export report", "adjusted": "adjusted", "download": "Download the report", "set_here": "Set in the dashboard", "exporting": "Running 10 replications for the report...", "exported": "Report written to",
           "exported_before": "Report of the settings before your last change written to",
           "card": "So far", "unfollows": "Unfollows / 30 days", "bad": "Not applied", "of": "of", "at_start": "at the start",
           "advocates": "Net advocates", "value_means": "contribution (gross profit minus costs) plus customer equity now minus at the start, in today's money",
           "points": "share of the market with trust above {advocate} minus share below {detractor}, in points", "desk_now": "Desk now", "full_time": "full-time people", "staff_share": "{n} of a person on duty through the desk's {h} h a week", "staff_people": "{n} people on duty through the desk's {h} h a week", "staff_one": "1 person on duty through the desk's {h} h a week", "trust_means": "Market trust: 0.5 is neutral. Each strategy is one run, as it happens to go (the report's figures are means over many runs, with their ranges).",
           "auto": "(sized to the load)", "reset": "Reset", "play": "Play", "pause": "Pause", "step": "Step", "timeline": "timeline",
           "pace": "Days per step", "paces": {1: "1 day", 7: "1 week", 30: "1 month"}, "weekly": "7-day mean",
           "crisis": "Product crisis", "crisis_none": "none", "crisis_from": "from day {day}",
           "crisis_help": "From day {day}, for {days} days, the customers in both markets have {times} times as many problems as usual.",
           "crisis_offer": "Choose a day to give the customers in both markets {times} times as many problems as usual for {days} days.",
           "no_page": "(no page)", "no_desk": "(no desk)", "no_posts": "(no posts)", "no_hours": "(no desk hours)", "difference": "B \u2212 A", "value_short": "Value so far", "points_short": "points",
           "start": "Play runs both strategies side by side; Step moves both on by {pace}; Reset starts again from day 0.",
           "ended": "Both strategies have run to day {days}, the end of the horizon: Reset starts again from day 0; "
                    "Export report writes the report of these settings with 10 replications.",
           "units": {"of posts": "of posts", "posts/day": "a day", "people": "people", "person": "person", "h/day": "h a day", "days/week": "days a week",
                     "of complaints": "of the complaints it sees", "of unanswered": "of the complaints not answered", "EUR/day": "EUR a day"}},
    "de": {"A": "Strategie A", "B": "Strategie B", "preset": "Vorlage", "promo_share": "Werbung", "posts_per_day": "Posts",
           "staff": "Service-Personal", "hours_per_day": "Service-Stunden", "days_per_week": "Service-Tage", "answer_share": "Antwortet auf",
           "delete_share": "Gelöscht", "paid_boost": "Bezahlte Reichweite", "people": "Personen im Markt", "seed": "Zufallsstartwert (gleicher Wert, gleicher Lauf)",
           "market": "Markt", "restart": "Eine Änderung startet beide Strategien mit demselben Zufallsstartwert neu bei Tag 0.",
           "export": "Bericht exportieren", "adjusted": "angepasst", "download": "Bericht herunterladen", "set_here": "Im Dashboard eingestellt", "exporting": "10 Wiederholungen für den Bericht laufen...", "exported": "Bericht geschrieben nach",
           "exported_before": "Bericht der Einstellungen vor Ihrer letzten Änderung geschrieben nach",
           "card": "Bisher", "unfollows": "Unfollows / 30 Tage", "bad": "Nicht übernommen", "of": "von", "at_start": "zu Beginn",
           "advocates": "Netto-Fürsprecher", "value_means": "Deckungsbeitrag (Rohertrag minus Kosten) plus Kundenwert jetzt minus am Anfang, als Barwert",
           "points": "Anteil des Markts mit Vertrauen über {advocate} minus Anteil unter {detractor}, in Punkten", "desk_now": "Service-Team jetzt", "full_time": "Vollzeitkräfte", "staff_share": "{n} einer Person im Dienst während {h} Std. Servicezeit pro Woche", "staff_people": "{n} Personen im Dienst während {h} Std. Servicezeit pro Woche", "staff_one": "1 Person im Dienst während {h} Std. Servicezeit pro Woche", "trust_means": "Vertrauen im Markt: 0,5 ist neutral. Jede Strategie ist ein einzelner Lauf, wie er zufällig verläuft (die Zahlen des Berichts sind Mittelwerte vieler Läufe, mit ihren Spannen).",
           "auto": "(nach Last bemessen)", "reset": "Neu starten", "play": "Abspielen", "pause": "Pause", "step": "Schritt", "timeline": "Zeitplan",
           "pace": "Tage pro Schritt", "paces": {1: "1 Tag", 7: "1 Woche", 30: "1 Monat"}, "weekly": "Mittel über 7 Tage",
           "crisis": "Produktkrise", "crisis_none": "keine", "crisis_from": "ab Tag {day}",
           "crisis_help": "Ab Tag {day} haben die Kunden in beiden Märkten {days} Tage lang {times}-mal so viele Probleme wie sonst.",
           "crisis_offer": "Wählen Sie einen Tag, ab dem die Kunden in beiden Märkten {days} Tage lang {times}-mal so viele Probleme wie sonst haben.",
           "no_page": "(keine Seite)", "no_desk": "(kein Service-Team)", "no_posts": "(keine Posts)", "no_hours": "(keine Service-Zeiten)", "difference": "B \u2212 A", "value_short": "Wert bisher", "points_short": "Punkte",
           "start": "\u201eAbspielen\u201c lässt beide Strategien nebeneinander laufen, \u201eSchritt\u201c rückt beide um {pace} vor, \u201eNeu starten\u201c beginnt wieder bei Tag 0.",
           "ended": "Beide Strategien sind bis Tag {days} gelaufen, dem Ende des Zeitraums: \u201eNeu starten\u201c beginnt wieder bei "
                    "Tag 0; \u201eBericht exportieren\u201c schreibt den Bericht dieser Einstellungen mit 10 Wiederholungen.",
           "units": {"of posts": "der Posts", "posts/day": "pro Tag", "people": "Personen", "person": "Person", "h/day": "Std. pro Tag",
                     "days/week": "Tage pro Woche", "of complaints": "der Beschwerden, die es sieht", "of unanswered": "der nicht beantworteten Beschwerden",
                     "EUR/day": "EUR pro Tag"}},
}[LANG]
PERCENT = {"organic_reach", "interaction_rate"}
WEEKLY = PERCENT  # daily rates, shown as the mean of the last seven days
FLOORS = {"organic_reach": 5.0, "interaction_rate": 0.5, "open_complaints": 10.0}  # day 0's upper limits (%, %, complaints)
TRUST = {"trust_market", "trust_followers"}
SIDES = {"left": "A", "right": "B"}


def side_colour(side: str) -> str:
    """A's colour and B's, whatever they run: the exported report draws its current strategy (A) and its proposed
    one (B) in the same two colours, so the client sees each side in one colour in both."""
    from matplotlib.colors import to_hex

    return to_hex("C0" if side == "left" else "C1")


DEFAULTS = tool_defaults()["dashboard"]
preset = {"left": solara.reactive(DEFAULTS["left"]), "right": solara.reactive(DEFAULTS["right"])}
knobs = {side: solara.reactive(preset_knobs(preset[side].value)) for side in SIDES}
people = solara.reactive(count(LIVE_PEOPLE, LANG))  # 20,000 (de: 20.000): read back with its separator
seed = solara.reactive("7")
playing = solara.reactive(False)
pace = solara.reactive(7)  # days per step and per redraw while playing: a week (three years play in about a minute)
pair = solara.reactive(None)  # each browser session's own pair, made at its first render: a default object would be shared
crisis = solara.reactive(None)  # the day the product crisis starts, or none
PAGE_KNOBS = ("promo_share", "posts_per_day", "delete_share", "paid_boost")  # what a brand without a page does not do
DESK_KNOBS = ("hours_per_day", "days_per_week", "answer_share")  # what a desk of nobody does not do
COUNTS = {"followers", "open_complaints"}  # whole people and complaints: no tick at 2.5
PAGE_SERIES = {"followers", "organic_reach", "interaction_rate"}  # a page's: none for a brand without one


def restart() -> None:
    """A new pair from the settings as they stand, paused at day 0."""
    playing.set(False)
    last = pair.value  # a market size or seed that is not one keeps this pair's
    before = None if last is None else (last.left.config.market.people, last.left.config.simulation.seed)
    pair.set(StrategyPair(preset["left"].value, preset["right"].value, knobs["left"].value, knobs["right"].value,
                          people.value, seed.value, lang=LANG, crisis=crisis.value, before=before))


def session_pair() -> StrategyPair:
    """This session's pair, made on first use (every visitor starts at day 0, not where another left off)."""
    if pair.value is None:
        restart()
    return pair.value


def watched(context) -> bool:
    """Whether a page of this session is still open: a closed browser stops the days running (the session itself
    lives on for a while, in case the page reconnects)."""
    from solara.server.kernel_context import PageStatus

    return context is None or PageStatus.CONNECTED in context.page_status.values()


def choose(side: str, name: str) -> None:
    """A preset for one side: its knobs start from that preset's values."""
    preset[side].set(name)
    knobs[side].set(preset_knobs(name, session_pair().left.config.market.people))
    restart()


def turn(side: str, key: str, value) -> None:
    knobs[side].set({**knobs[side].value, key: value})
    restart()


def resize(text: str) -> None:
    """A new market size: both sides' knobs are read again from their presets at that size (budgets scale)."""
    people.set(text)
    probe = StrategyPair(preset["left"].value, preset["right"].value, people=text)
    if probe.people_read:
        for side in SIDES:
            knobs[side].set(preset_knobs(preset[side].value, probe.left.config.market.people))
    restart()


def figure(p: StrategyPair, name: str):
    """One chart, A against B, on axes that hold still: the horizon on x, 0 to a limit that only grows on y."""
    fig = Figure(figsize=(5.2, 2.9))  # no pyplot: nothing global to leak or lock
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.13, right=0.97, top=0.89, bottom=0.17)  # fixed margins: tight_layout costs a third of a redraw
    scale = 100 if name in PERCENT else 1
    seen = []
    for side in SIDES:
        if name in PAGE_SERIES and not p.model(side).config.strategy.has_page:
            continue  # no page: no followers, reach or interaction, so no line and no name in the legend
        values = [v * scale for v in p.series(side, name)]
        if name in WEEKLY:
            values = weekly_mean(values)
        seen += [v for v in values if v == v]
        same = side == "right" and preset["left"].value == preset["right"].value  # one strategy twice: B dotted
        ax.plot(range(len(values)), values, color=side_colour(side), label=p.labels[side], lw=1.5, ls=":" if same else "-")
    mark_events(ax, p)
    floor = 1.3 * max(p.model(side).followers.size for side in SIDES) if name == "followers" else FLOORS.get(name, 1.0)
    ax.set_xlim(0, p.horizon)
    ax.set_ylim(0, 1 if name in TRUST else p.upper(name, seen + [floor]))
    ax.set_title(T.get(f"plot_{name}", T[name]) + (" (%)" if name in PERCENT else "") + (f", {WORDS['weekly']}" if name in WEEKLY else ""),
                 fontsize=10)
    time_axis(ax, p.horizon, LANG)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, LANG)))  # 10.000 and 0,5 on a German page
    if name in COUNTS:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.label.set_fontsize(8)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper right")  # the lines start low-left: the top right stays clear longest
    return fig


def mark_events(ax, p: StrategyPair) -> None:
    """A dashed line where a [[timeline]] entry starts and a light band over its days so far: in the side's colour,
    or grey where both sides have it (the product crisis happens to both markets)."""
    windows: dict[tuple[int, int, str], list[str]] = {}
    for side in SIDES:
        for window in p.events(side):
            windows.setdefault(window, []).append(side)
    for (first, end, label), sides in windows.items():
        shade = side_colour(sides[0]) if len(sides) == 1 else "0.3"
        ax.axvspan(first, max(end, first + 1), color=shade, alpha=0.12, lw=0)
        ax.axvline(first, color=shade, ls="--", lw=1)
        ax.text(first, 0.97, f" {label or WORDS['timeline']}", transform=ax.get_xaxis_transform(), fontsize=9, fontweight="bold", color=shade, va="top",
                parse_math=False)


def weekly_mean(values: list[float]) -> list[float]:
    """Each day's figure as the mean of the last seven days' (fewer at the start; days without posts skipped):
    a daily rate swings with the day's posts, the week's mean shows the trend."""
    out = []
    for i in range(len(values)):
        week = [v for v in values[max(0, i - 6):i + 1] if v == v]
        out.append(sum(week) / len(week) if week else float("nan"))
    return out


def chart(name: str):
    """A Solara component drawing one series."""

    @solara.component
    def Chart(model: StrategyPair):
        update_counter.get()  # redraw after every step
        picture = io.BytesIO()
        figure(model, name).savefig(picture, format="png", dpi=125)  # 650 px: sharp up to a column of that width
        # as wide as its column, on any screen (Solara's own figure keeps the picture's pixels: small on a wide screen)
        widgets.Image.element(value=picture.getvalue(), format="png", layout=widgets.Layout(width="100%", height="auto"))

    Chart.__name__ = f"Chart_{name}"
    return Chart


@functools.cache
def preset_label(name: str) -> str:
    """A preset as the client reads it: its label in the demo's story, else its name."""
    return capital(load_story("demo").label(name, LANG))


def heading(text: str):
    """A sidebar heading as plain HTML: Solara's Markdown loads its diagram library from a public CDN on every page
    (a failed fetch, logged, where the server has no internet), and the page has no Markdown to render."""
    return solara.v.Html(tag="h3", children=[text], class_="text-h6 mt-4")


@functools.cache
def runs_a_page(name: str) -> bool:
    return live(name).strategy.has_page


def _unit(knob) -> str:
    return WORDS["units"].get(knob.unit, knob.unit)


@solara.component
def Side(side: str):
    """One strategy's preset and knobs in the sidebar, each showing its value and unit."""
    values = knobs[side].value
    heading(WORDS[SIDES[side]])
    names = {preset_label(name): name for name in presets()}  # a client picks "The regulars' table", not a file name
    solara.Select(label=WORDS["preset"], value=preset_label(preset[side].value), values=list(names),
                  on_value=lambda v: choose(side, names[v]), classes=[f"preset-{side}"])
    said = load_story("demo").description(preset[side].value, LANG, {"description": live(preset[side].value).description})
    solara.Text(said, classes=[f"about-{side}"], style={"font-size": "0.85em", "color": "#555"})  # what the preset does
    unused = not_used(preset[side].value, values)
    with solara.Column(classes=[f"knobs-{side}"], gap="0px"):
        for key, knob in KNOBS.items():
            value = values[key]
            why = unused.get(key, "")
            if key == "staff":  # "auto" says what it does; a whole number of people otherwise
                auto = f"auto {WORDS['auto']}"
                options = {auto: "auto", **{f"{i} {WORDS['units']['person' if i == 1 else 'people']}": i
                                            for i in range(int(knob.hi) + 1)}}
                shown = next((text for text, v in options.items() if v == value), auto)
                solara.Select(label=f"{WORDS['staff']} {why}".rstrip(), value=shown, values=list(options), disabled=bool(why),
                              on_value=lambda v, s=side, o=options: turn(s, "staff", o[v]), classes=[f"staff-{side}"])
            else:  # the label above its slider, so every slider has the sidebar's width whatever its label's length
                label = f"{WORDS[key]}: {knob.shown(value, LANG)} {_unit(knob)} {why}".rstrip()
                with solara.Div(classes=[f"knob-{key}"]):
                    solara.Text(label, style={"font-size": "0.9em", "color": "#999" if why else "#333"})
                    solara.SliderFloat(label="", value=float(value), min=knob.lo, max=knob.hi, step=knob.step,
                                       on_value=lambda v, s=side, k=key: turn(s, k, v), thumb_label=False, disabled=bool(why))


def not_used(name: str, values: dict) -> dict[str, str]:
    """The settings a side's strategy does not use as it stands, each with the reason the page shows: a brand
    without a page posts nothing and sees no complaint to answer or delete; no posts have no promotion; a desk of
    nobody keeps no hours; a desk without hours or days answers nothing. They stay visible, greyed out (the
    preset's values)."""
    out = {}
    if not runs_a_page(name):  # nor does it see a complaint to answer (service: only a page's are seen)
        return dict.fromkeys(KNOBS, WORDS["no_page"])
    if values["posts_per_day"] == 0:
        out["promo_share"] = WORDS["no_posts"]
    if values["staff"] == 0:
        out |= dict.fromkeys(DESK_KNOBS, WORDS["no_desk"])
    elif values["hours_per_day"] == 0 or values["days_per_week"] == 0:
        out["answer_share"] = WORDS["no_hours"]
    return out


@solara.component
def Crisis():
    """The product crisis: none, or from one of the offered days before the horizon, for both strategies."""
    settings = crisis_settings()
    horizon = session_pair().horizon
    options = {WORDS["crisis_none"]: None, **{WORDS["crisis_from"].format(day=count(d, LANG)): d
                                              for d in settings["starts"] if d < horizon}}
    shown = next((text for text, d in options.items() if d == crisis.value), WORDS["crisis_none"])
    solara.Select(label=WORDS["crisis"], value=shown, values=list(options),
                  on_value=lambda v: (crisis.set(options[v]), restart()), classes=["crisis"])
    said = WORDS["crisis_offer"] if crisis.value is None else WORDS["crisis_help"]  # none chosen: what one would do, not a fact
    solara.Text(said.format(day=count(crisis.value or 0, LANG), days=settings["days"], times=settings["problems_times"]),
                style={"font-size": "0.85em", "color": "#555"})


def play(p: StrategyPair, context=None, wait: float = 0.12) -> None:
    """Step ``p`` while Play holds, a redraw a step, as the pair's one player: a loop that a quick Pause and Play, or
    a restart, left running stops at its next step (two loops once stepped one pair at once, and a restarted
    market resumed at day 30)."""
    if not playing.value:
        return
    me = p.player = object()

    def mine() -> bool:
        return playing.value and p.running and pair.value is p and p.player is me and watched(context)

    while mine():
        time.sleep(wait)
        with p.lock:
            if not mine():  # Pause pressed during the wait: not one step more
                break
            p.advance(p.days_in_step(pace.value))
        force_update()
    if pair.value is p and p.player is me:
        playing.set(False)


@solara.component
def Controls():
    """Reset, play or pause, and one step of 1, 7 or 30 days; the days run in a task while playing."""
    p = session_pair()
    context = _context()

    solara.lab.use_task(lambda: play(p, context), dependencies=[playing.value, p], prefer_threaded=True)

    def one_step():
        with p.lock:
            p.advance(p.days_in_step(pace.value))
        force_update()

    with solara.Row():
        solara.Button(WORDS["reset"], color="primary", on_click=restart)
        solara.Button(WORDS["pause"] if playing.value else WORDS["play"], color="primary",
                      on_click=lambda: playing.set(not playing.value), disabled=not p.running)
        solara.Button(WORDS["step"], color="primary", on_click=one_step, disabled=playing.value or not p.running)
    labels = WORDS["paces"]
    solara.Text(WORDS["pace"], style={"font-size": "0.85em", "color": "#555"})
    solara.ToggleButtonsSingle(value=labels[pace.value], values=list(labels.values()),
                               on_value=lambda v: pace.set(next(d for d, text in labels.items() if text == v)))




@solara.component
def Summary(model: StrategyPair):
    """Messages about settings not applied, the card with each side's measures so far and B - A, the export button."""
    update_counter.get()
    for message in model.errors:
        solara.Error(f"{WORDS['bad']}: {message}", classes=["input-error"])
    headlines = {side: model.headline(side) for side in SIDES}
    started = all(h["days"] for h in headlines.values())
    unit = money_unit(model, [h["value"] for h in headlines.values() if h["days"]])
    with solara.Card(WORDS["card"]):
        with solara.Div(style={"display": "grid", "grid-template-columns": "repeat(auto-fit, minmax(14em, 1fr))",
                               "column-gap": "2em", "row-gap": "1em"}):
            # every line from day 0 on, "–" until measured: the card does not grow under the client's eyes
            for side, h in headlines.items():
                m = model.model(side)
                with solara.Column(classes=[f"headline-{side}"], gap="0.3em"):
                    solara.Text(f"{model.labels[side]}: {T['day']} {count(h['days'], LANG)} {WORDS['of']} {count(model.horizon, LANG)}",
                                style={"font-weight": "bold", "color": side_colour(side)})
                    lines = [(WORDS["advocates"], lambda: f"{decimal(h['net_advocates_end'], '+.1f', LANG)} {WORDS['points_short']}",
                              f"advocates-{side}"),
                             (WORDS["value_short"], lambda: fixed(h["value"], unit, LANG, "EUR", signed=True), f"value-{side}"),
                             (T["trust_market"], lambda: decimal(h["long_term_trust"], ".3f", LANG), None)]
                    if m.config.strategy.has_page:
                        lines += [(T["followers"], lambda: f"{count(h['followers_end'], LANG)} ({count(h['followers_start'], LANG)} "
                                                           f"{WORDS['at_start']})", None),
                                  (WORDS["unfollows"], lambda: percent(h["unfollow_rate_per_30d"], 1, LANG), None)]
                    if has_desk(m.config.service.staff):  # what the desk's cost comes from ("auto" sizes it to the load, week by week)
                        lines.append((WORDS["desk_now"], lambda: desk_now(m.desk.staff, m.desk.per_week, m.config.service.hours_per_full_time), None))
                    for i, (name, shown, css) in enumerate(lines):
                        solara.Text(f"{name}: {shown() if h['days'] else chr(0x2013)}", style={"font-weight": "bold"} if i == 0 else {},
                                    classes=[css or "measure"] + ([] if h["days"] else ["not-yet"]))
            difference_column(model, headlines["left"], headlines["right"], unit, started)
        solara.Text(f"{WORDS['advocates']}: {points(model)}. {WORDS['value_short']}: {WORDS['value_means']}. {WORDS['trust_means']}",
                    style={"font-size": "0.8em", "color": "#666", "display": "block"}, classes=["card-note"])
        ended = all(h["days"] >= model.horizon for h in headlines.values())  # Play and Step are greyed out: say why
        hint = WORDS["ended"].format(days=count(model.horizon, LANG)) if ended else WORDS["start"].format(pace=WORDS["paces"][pace.value])
        solara.Text(hint, style={"font-size": "0.8em", "color": "#666", "display": "block", "margin-top": "0.3em"}, classes=["start-hint"])
    Export(model)


def points(model: StrategyPair) -> str:
    """What net advocates count: the census's trust thresholds, each side's where A and B set them apart."""
    said = {side: WORDS["points"].format(advocate=decimal(w.advocate_trust, "g", LANG), detractor=decimal(w.detractor_trust, "g", LANG))
            for side in SIDES for w in [model.model(side).config.word_of_mouth]}
    if len(set(said.values())) == 1:
        return said["left"]
    return "; ".join(f"{model.labels[side]}: {text}" for side, text in said.items())


def desk_now(staff: float, per_week: float, hours_per_full_time: float) -> str:
    """The desk in full-time people, as the report counts them, and what they are: "0.8 full-time people (0.25 of a
    person on duty through the desk's 98 h a week)", ``per_week`` its covered hours. "3.5 staff-hours a day" beside a
    14-hour desk read as a contradiction, and "0.25 of a person" alone as a quarter of a full-time job."""
    full_time = staff * per_week * 365.25 / 7 / hours_per_full_time
    if full_time == 0:  # no covered hours: none, as the report writes none
        return f"0 {WORDS['full_time']}"
    kind = "staff_share" if staff < 1 else "staff_one" if staff == 1 else "staff_people"
    return f"{decimal(full_time, '.1f', LANG)} {WORDS['full_time']} ({WORDS[kind].format(n=decimal(staff, '.3g', LANG), h=decimal(per_week, 'g', LANG))})"


def money_unit(model: StrategyPair, values: list[float]) -> float:
    """One rounding unit for the card's sums of money: three significant figures of the largest so far, never
    finer than before (the digits do not flicker from day to day as a small sum crosses zero)."""
    top = max([abs(v) for v in values] + [1.0])
    model.money_unit = max(model.money_unit, 10.0 ** max(0, math.floor(math.log10(top)) - 2))
    return model.money_unit


def difference_column(model: StrategyPair, a: dict, b: dict, unit: float, started: bool = True):
    """B minus A on the card's measures, signed: the comparison the meeting is about, without mental arithmetic (each
    figure as shown, rounded as the card rounds it, subtracted: B - A is exactly the difference of the figures; trust
    of 0.491 and 0.500 read "+0.008" from the unrounded ones); "–" before the first step."""
    def line(name, shown, bold=False):
        solara.Text(f"{name}: {shown() if started else chr(0x2013)}", style={"font-weight": "bold"} if bold else {})

    def apart(key: str, digits: int) -> float:
        return round(b[key], digits) - round(a[key], digits)

    with solara.Column(classes=["headline-difference"], gap="0.3em"):
        solara.Text(WORDS["difference"], style={"font-weight": "bold"})
        line(WORDS["advocates"], lambda: f"{decimal(apart('net_advocates_end', 1), '+.1f', LANG)} {WORDS['points_short']}", bold=True)
        line(WORDS["value_short"], lambda: fixed(round(b["value"] / unit) * unit - round(a["value"] / unit) * unit, unit, LANG,
                                                 "EUR", signed=True))
        line(T["trust_market"], lambda: decimal(apart("long_term_trust", 3), "+.3f", LANG))
        if all(model.model(side).config.strategy.has_page for side in SIDES):
            line(T["followers"], lambda: count(b["followers_end"] - a["followers_end"], LANG, signed=True))



def export_story(model: StrategyPair) -> Story:
    """The exported report's words for each side: its preset's name, with its side where both run the same preset
    and "adjusted" where its settings differ from the preset's (the report must not compare "the regulars' table"
    with "the regulars' table", nor call a sales party without promotion "the sales party"); and what it does, in
    the page's language, with the settings changed here (the preset's description alone would describe another desk)."""
    demo = load_story("demo")
    labels, descriptions = {}, {}
    for side, preset_scenario, plan in (("left", model.left_scenario, model.left.plan), ("right", model.right_scenario, model.right.plan)):
        name = preset_scenario.name
        marks = [SIDES[side]] if model.left_scenario.name == model.right_scenario.name else []
        marks += [WORDS["adjusted"]] if model.changed[side] else []
        label = demo.label(name, LANG)
        labels[plan.name] = f"{label} ({', '.join(marks)})" if marks else label
        said = demo.description(name, LANG, {"description": preset_scenario.description})
        changes = [f"{WORDS[k]} {KNOBS[k].shown(new, LANG)} {_unit(KNOBS[k])} ({WORDS['preset']}: {KNOBS[k].shown(old, LANG)})"
                   for k, (old, new) in model.changed[side].items()]
        descriptions[plan.name] = f"{said} {WORDS['set_here']}: {'; '.join(changes)}." if changes else said
    return Story(model.left.plan.name, model.right.plan.name, {LANG: labels}, demo.currency, {LANG: descriptions})


@solara.component
def Export(model: StrategyPair):
    status = solara.use_reactive("")
    written = solara.use_reactive(None)  # the report's file, offered to the browser for download

    shown = solara.use_ref(model)  # the pair on the page now

    def forget():  # a new pair (a setting changed): the last export no longer matches the page
        shown.current = model
        status.set("")
        written.set(None)

    solara.use_effect(forget, [model])

    def export():
        from ..experiments import compare
        from ..experiments.demo import write_report

        status.set(WORDS["exporting"])
        written.set(None)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = next(p for i in range(1000) if not (p := Path("results") / "dashboard" / (stamp + (f"-{i}" if i else ""))).exists())
        story = export_story(model)
        a, b = (m.plan if not model.changed[side] else m.plan.with_overrides(description=story.descriptions[LANG][m.plan.name])
                for side, m in (("left", model.left), ("right", model.right)))  # as set, timeline included; an adjusted
        # side's file says what was changed (``config`` would be the day's settings)
        # in worker processes (the same numbers on any executor): the page stays answerable while they run
        c = compare({a.name: a, b.name: b}, reps=10, baseline=a.name, seed=a.simulation.seed, workers=None)
        c.manifest["default_page"] = True  # the dashboard sets a market, never the client's page: not called theirs
        files = {f"{sc.name}.toml": sc.to_toml() for sc in (a, b)}  # the strategies as set: the report's command runs them again
        c.manifest["command"] = (f"audsim compare {' '.join(str(out / name) for name in files)} --reps 10 "
                                 f"--seed {a.simulation.seed} --baseline {a.name} --out {out}/again")
        pdf = bool(shutil.which("chromium") or shutil.which("chromium-browser") or os.environ.get("AUDSIM_CHROMIUM"))
        write_report(c, out, LANG, story=story, pdf=pdf, files=files)
        report = (out / ("report.pdf" if pdf else "report.html")).resolve()
        if shown.current is not model:  # a setting changed while it ran: the report is of the settings before
            status.set(f"{WORDS['exported_before']} {report}")
            return
        status.set(f"{WORDS['exported']} {report}")  # wherever the server started
        written.set(report)

    task = solara.lab.use_task(export, dependencies=None)
    solara.Button(WORDS["export"], on_click=task, color="secondary", disabled=task.pending)
    if status.value:
        solara.Info(status.value)
    if written.value is not None:  # the client's browser gets the file, wherever the server runs
        report = written.value
        solara.FileDownload(lambda: report.read_bytes(), filename=report.name, label=f"{WORDS['download']} ({report.suffix[1:].upper()})")


def _context():
    """This session's kernel context (None outside a server: a test renders the page without one)."""
    from solara.server import kernel_context

    try:
        return kernel_context.get_current_context()
    except RuntimeError:
        return None


@solara.component
def Page():
    solara.Title("audsim")
    p = session_pair()
    with solara.Sidebar():
        Controls()
        solara.Text(WORDS["restart"], style={"font-size": "0.85em", "color": "#555"})
        for side in SIDES:
            Side(side)
        heading(WORDS["market"])
        solara.InputText(WORDS["people"], value=people.value, on_value=resize, continuous_update=False)
        solara.InputText(WORDS["seed"], value=seed.value, on_value=lambda v: (seed.set(v), restart()), continuous_update=False)
        Crisis()
    Summary(p)
    with solara.Div(style={"display": "grid", "grid-template-columns": "repeat(auto-fit, minmax(380px, 1fr))", "gap": "8px"}):
        for name in SERIES:  # two charts a row on a wide screen, one on a narrow one (never a chart too small to read)
            chart(name)(p)
