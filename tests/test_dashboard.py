"""The dashboard: the strategy pair, Solara rendering without a browser (issue #6, first layer)."""

import ipyvuetify as v
import ipywidgets as widgets
import solara
from mesa.visualization.utils import force_update

from sim.dashboard import app
from sim.dashboard.pair import StrategyPair


def small(**kw):
    return StrategyPair(people="1500", **kw)


def test_the_pair_steps_both_strategies_with_one_seed():
    pair = small()
    for _ in range(5):
        pair.step()
    assert pair.left.day == pair.right.day == 5
    assert len(pair.series("left", "followers")) == 5
    assert pair.left.config.simulation.seed == pair.right.config.simulation.seed
    # the knobs reach strategy A only
    assert pair.left.config.strategy.mix["promo"] == 0.8 and pair.left.config.strategy.posts_per_day == 3.0
    assert pair.right.config.strategy.posts_per_day == 1.0


def test_bad_values_become_messages_not_crashes():
    pair = StrategyPair(people="lots", seed="-3", left="nope", hours_per_day=30.0)
    text = " | ".join(pair.errors)
    assert "people = 'lots'" in text and "seed = '-3'" in text and "preset = 'nope'" in text
    assert "service.hours_per_day" in text
    pair.step()  # still a working model, on the presets' values
    assert pair.left.day == 1 and pair.left.config.market.people == 20_000


def test_summary_and_charts_render_and_follow_the_steps():
    pair = small()
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    assert rc.find(v.CardTitle, children=["So far"]).widget
    assert rc.find(children=[f"A: tupperparty: {app.T['day']} 0"]).widget
    for _ in range(3):
        pair.step()
    force_update()
    rc.find(children=[f"A: tupperparty: {app.T['day']} 3"]).assert_single()
    assert rc.find(v.Btn, children=[app.WORDS["export"]]).widget
    chart_box, chart_rc = solara.render(app.chart("followers")(pair), handle_error=False)
    before = bytes(chart_rc.find(widgets.Image).widget.value)
    assert before.startswith(b"\x89PNG")
    for _ in range(10):
        pair.step()
    force_update()
    assert bytes(chart_rc.find(widgets.Image).widget.value) != before  # the chart redraws with the new days


def test_error_messages_render_visibly():
    pair = StrategyPair(people="abc")
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    alerts = rc.find(v.Alert).widgets
    assert alerts and any("people = 'abc'" in str(a.children) for a in alerts)


def test_the_whole_page_renders():
    box, rc = solara.render(app.Page, handle_error=False)
    assert rc.find(v.CardTitle, children=["So far"]).widget


def test_export_writes_the_report_of_the_current_pair(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    pair = StrategyPair(people="600")
    pair.left.config = pair.left.config.with_overrides(**{"simulation.days": 20})
    pair.right.config = pair.right.config.with_overrides(**{"simulation.days": 20})
    box, rc = solara.render(app.Summary(pair), handle_error=False)
    rc.find(v.Btn, children=[app.WORDS["export"]]).widget.click()
    deadline = time.time() + 120
    reports = []
    while time.time() < deadline and not reports:
        time.sleep(0.2)
        reports = list((tmp_path / "results" / "dashboard").glob("*/report.html"))
    assert reports, "no report written"
    page = reports[0].read_text()
    assert "A-tupperparty" in page and "B-stammtisch" in page
    rc.find(v.Alert, children=[f"{app.WORDS['exported']} {reports[0].relative_to(tmp_path)}"]).wait_for(timeout=10)
