"""The dashboard page: Mesa's SolaraViz with audsim's own components.

Run with ``audsim dashboard``. Settings in the sidebar apply to strategy A on
Reset (Mesa's model parameters); play, step and reset are Mesa's controls.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import solara
from matplotlib.figure import Figure
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from ..report.i18n import TEXT
from ..experiments.demo import tool_defaults
from .pair import REPLY_POLICIES, SERIES, StrategyPair, presets

LANG = os.environ.get("AUDSIM_LANG", "en") if os.environ.get("AUDSIM_LANG") in TEXT else "en"
T = TEXT[LANG]
WORDS = {
    "en": {"yours": "Strategy A (settings apply on Reset)", "other": "Strategy B (preset)", "promo": "Promotion share of posts",
           "posts": "Posts per day", "staff": "Service staff", "hours": "Desk hours per day", "days": "Desk days per week",
           "reply": "Reply policy", "boost": "Paid boost per day", "people": "People in the market", "seed": "Seed",
           "export": "Export report", "exporting": "Running 10 replications for the report...", "exported": "Report written to",
           "card": "So far", "unfollows": "Unfollows / 30 days", "bad": "Not applied",
           "lead": "Net advocates {points} pts · purchase rate {index}x neutral"},
    "de": {"yours": "Strategie A (Einstellungen gelten nach Reset)", "other": "Strategie B (Vorlage)", "promo": "Anteil Werbung an den Posts",
           "posts": "Posts pro Tag", "staff": "Service-Personal", "hours": "Service-Stunden pro Tag", "days": "Service-Tage pro Woche",
           "reply": "Umgang mit Beschwerden", "boost": "Bezahlte Reichweite pro Tag", "people": "Personen im Markt", "seed": "Seed",
           "export": "Bericht exportieren", "exporting": "10 Wiederholungen für den Bericht laufen...", "exported": "Bericht geschrieben nach",
           "card": "Bisher", "unfollows": "Entfolgungen / 30 Tage", "bad": "Nicht übernommen",
           "lead": "Netto-Fürsprecher {points} Pkt. · Kaufrate {index}x neutral"},
}[LANG]

DEFAULTS = tool_defaults()["dashboard"]
MODEL_PARAMS = {
    "left": {"type": "Select", "value": DEFAULTS["left"], "values": presets(), "label": WORDS["yours"]},
    "right": {"type": "Select", "value": DEFAULTS["right"], "values": presets(), "label": WORDS["other"]},
    "promo_share": {"type": "SliderFloat", "value": 0.8, "min": 0.0, "max": 1.0, "step": 0.05, "label": WORDS["promo"]},
    "posts_per_day": {"type": "SliderFloat", "value": 3.0, "min": 0.2, "max": 8.0, "step": 0.2, "label": WORDS["posts"]},
    "staff": {"type": "SliderInt", "value": 0, "min": 0, "max": 8, "step": 1, "label": WORDS["staff"]},
    "hours_per_day": {"type": "SliderFloat", "value": 8.0, "min": 0.0, "max": 24.0, "step": 1.0, "label": WORDS["hours"]},
    "days_per_week": {"type": "SliderInt", "value": 5, "min": 0, "max": 7, "step": 1, "label": WORDS["days"]},
    "reply": {"type": "Select", "value": "ignore, delete 30%", "values": list(REPLY_POLICIES), "label": WORDS["reply"]},
    "paid_boost": {"type": "SliderFloat", "value": 0.0, "min": 0.0, "max": 500.0, "step": 10.0, "label": WORDS["boost"]},
    "people": {"type": "InputText", "value": "20000", "label": WORDS["people"]},
    "seed": {"type": "InputText", "value": "7", "label": WORDS["seed"]},
}
PERCENT = {"organic_reach", "interaction_rate"}


def figure(pair: StrategyPair, name: str):
    """One chart, A against B, for the days so far."""
    fig = Figure(figsize=(5.2, 2.9))  # no pyplot: nothing global to leak or lock
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.12, right=0.97, top=0.89, bottom=0.17)  # fixed margins: tight_layout costs a third of a redraw
    scale = 100 if name in PERCENT else 1
    for side, color in (("left", "tab:red"), ("right", "tab:blue")):
        label = pair.labels[side]
        values = pair.series(side, name)
        ax.plot(range(len(values)), [v * scale for v in values], color=color, label=label, lw=1.5)
    ax.set_title(T[name] + (" (%)" if name in PERCENT else ""), fontsize=10)
    ax.set_xlabel(T["day"], fontsize=8)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    return fig


def chart(name: str):
    """A Solara component drawing one series."""

    @solara.component
    def Chart(model: StrategyPair):
        update_counter.get()  # redraw after every step (Mesa bumps this counter)
        fig = figure(model, name)
        solara.FigureMatplotlib(fig, format="png", dpi=80)

    Chart.__name__ = f"Chart_{name}"
    return Chart


def settings(sc) -> str:
    """The strategy's knobs in one line."""
    st, sv = sc.strategy, sc.service
    return (f"{WORDS['promo']}: {100 * st.mix.get('promo', 0):.0f}% · {WORDS['posts']}: {st.posts_per_day:g} · "
            f"{WORDS['staff']}: {sv.staff if sv.staff == 'auto' else format(sv.staff, 'g')}, {sv.hours_per_day:g} h x {sv.days_per_week} · {WORDS['reply']}: "
            f"{100 * sv.answer_share:.0f}% / {100 * sv.delete_share:.0f}% · {WORDS['boost']}: {st.paid_boost_per_day:g}")


def _pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


@solara.component
def Summary(model: StrategyPair):
    """Messages about settings not applied, the headline card, the export button."""
    update_counter.get()
    for message in model.errors:
        solara.Error(f"{WORDS['bad']}: {message}", classes=["input-error"])
    with solara.Card(WORDS["card"]):
        with solara.Row():
            for side, sc in (("left", model.left.config), ("right", model.right.config)):
                h = model.headline(side)
                with solara.Column(classes=[f"headline-{side}"]):
                    solara.Text(f"{model.labels[side]}: {T['day']} {h['days']}", style={"font-weight": "bold"})
                    solara.Text(settings(sc), classes=[f"settings-{side}"])
                    if h["days"]:
                        solara.Text(WORDS["lead"].format(points=f"{h['net_advocates']:+.1f}", index=f"{h['purchase_index']:.2f}"),
                                    style={"font-weight": "bold"})
                        solara.Text(f"{T['trust_market']}: {h['trust']:.3f}")
                        solara.Text(f"{T['followers']}: {h['followers']:,} ({int(h['followers_start']):,})")
                        solara.Text(f"{WORDS['unfollows']}: {_pct(h['unfollow_rate_per_30d'])}")
    Export(model)


@solara.component
def Export(model: StrategyPair):
    status = solara.use_reactive("")

    def export():
        from ..experiments import compare
        from ..experiments.demo import write_report

        status.set(WORDS["exporting"])
        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = next(p for i in range(1000) if not (p := Path("results") / "dashboard" / (stamp + (f"-{i}" if i else ""))).exists())
        a, b = model.left.config, model.right.config
        c = compare({a.name: a, b.name: b}, reps=10, baseline=b.name, seed=a.simulation.seed, workers=1)
        write_report(c, out, LANG)
        status.set(f"{WORDS['exported']} {out / 'report.html'}")

    task = solara.lab.use_task(export, dependencies=None)
    solara.Button(WORDS["export"], on_click=task, color="secondary", disabled=task.pending)
    if status.value:
        solara.Info(status.value)


page = SolaraViz(
    StrategyPair(),
    components=[Summary, *(chart(name) for name in SERIES)],
    model_params=MODEL_PARAMS,
    name="audsim",
    play_interval=150,
)
Page = page
