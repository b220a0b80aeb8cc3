"""The dashboard end to end: a real server on a free localhost port, headless Chromium driven by
Playwright (Debian's chromium, no browser download): load, change a slider, step, see the charts
change, type a bad value, see the message; the server is stopped even when the test fails."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import dashboard_start_lock

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI; .ci/run installs Debian's chromium package")
        pytest.skip("Chromium not installed (apt-get install chromium)")
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    url = f"http://127.0.0.1:{port}/"
    with dashboard_start_lock():
        proc = subprocess.Popen([sys.executable, "-m", "sim", "dashboard", "--port", str(port)], stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True, cwd=tmp_path)
        deadline = time.time() + 600  # the first start fetches Solara's browser files
        while True:
            try:
                if urllib.request.urlopen(url, timeout=5).status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                _stop(proc)
                log.close()
                pytest.fail("dashboard did not start:\n" + (tmp_path / "server.log").read_text()[-3000:])
            time.sleep(0.5)
    try:
        yield url
    finally:
        _stop(proc)
        log.close()


def _stop(proc) -> None:
    """Stop the server's process group (gone already if it failed to start)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


ARTEFACTS = Path(os.environ.get("AUDSIM_ARTEFACTS", Path(__file__).resolve().parents[1] / "results" / "test-artefacts"))


def test_dashboard_in_chromium(server, tmp_path):
    """Choosing stammtisch as A shows stammtisch's own values; a slider moves and shows its value; 20 days of play
    change the charts and the card; a bad value gives a message. Screenshots go to results/test-artefacts/."""
    from playwright.sync_api import expect, sync_playwright

    from sim.dashboard.pair import preset_knobs

    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    own = preset_knobs("stammtisch")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1150})
            page.goto(server, timeout=120_000)
            expect(page.get_by_text("So far", exact=True)).to_be_visible(timeout=120_000)
            # Mesa's own controls, and its pane headed "Information" (the word alone: a preset's description may use it)
            for hidden, exact in (("Play Interval", False), ("Render Interval", False), ("Use Threads", False), ("Information", True)):
                assert page.get_by_text(hidden, exact=exact).count() == 0, hidden
            knobs_a = page.locator(".knobs-left")
            expect(knobs_a).to_contain_text("Promotion: 80% of posts")

            # stammtisch as A: A's knobs show stammtisch's values, not the sales party's
            page.locator(".preset-left").click()
            page.get_by_role("option", name="The regulars' table", exact=True).click()
            expect(knobs_a).to_contain_text(f"Promotion: {100 * own['promo_share']:.0f}% of posts", timeout=30_000)
            expect(knobs_a).to_contain_text(f"Posts: {own['posts_per_day']:g} a day")
            expect(knobs_a).to_contain_text(f"Answers: {100 * own['answer_share']:.0f}% of the complaints it sees")
            expect(page.get_by_text("A: The regulars' table: Day 0 of", exact=False)).to_be_visible(timeout=30_000)

            # a slider: promotion up to its highest; its label shows the new value
            slider = knobs_a.locator(".knob-promo_share .v-slider")
            box = slider.bounding_box()
            page.mouse.click(box["x"] + box["width"] - 1, box["y"] + box["height"] / 2)
            expect(knobs_a).to_contain_text("Promotion: 100% of posts", timeout=30_000)
            page.screenshot(path=str(ARTEFACTS / "dashboard-day0.png"), full_page=True)

            chart = page.locator("img").first
            before_chart, before_card = chart.screenshot(), page.locator(".headline-left").inner_text()
            page.get_by_role("button", name="Play", exact=True).click()
            # moved off its preset's value, side A says so
            expect(page.get_by_text("A: The regulars' table (adjusted): Day 7", exact=False)).to_be_visible(timeout=60_000)
            page.wait_for_function("() => /Day (\\d+)/.exec(document.querySelector('.headline-left').innerText)[1] >= 20",
                                   timeout=120_000)
            page.get_by_role("button", name="Pause", exact=True).click()
            page.wait_for_timeout(800)
            assert "Net advocates" in page.locator(".headline-left").inner_text()
            assert page.locator(".headline-left").inner_text() != before_card
            assert chart.screenshot() != before_chart, "the chart did not change over 20 days"
            page.screenshot(path=str(ARTEFACTS / "dashboard-day20.png"), full_page=True)

            # a bad value typed into a field: a visible message, the page keeps working
            field = page.get_by_label("People in the market")
            message = page.get_by_text("People in the market: \u201clots of people\u201d is not a whole number", exact=False)
            for _ in range(3):  # typed, then Enter and leaving the field, as a user does; again if a redraw ate the keys
                field.fill("lots of people")
                field.press("Enter")
                field.blur()
                try:
                    expect(message).to_be_visible(timeout=20_000)
                    break
                except AssertionError:
                    continue
            expect(message).to_be_visible(timeout=20_000)
            page.get_by_role("button", name="Step", exact=True).click()
            expect(page.get_by_text("A: The regulars' table (adjusted): Day 7 of", exact=False)).to_be_visible(timeout=30_000)  # a week a step

            # Play and Pause pressed quickly in a row: one loop steps the days, Pause holds them, the page stays whole
            # (two loops once stepped one pair at once, froze the card and ended in a traceback)
            toggle = page.locator("button").filter(has_text=re.compile(r"^\s*(Play|Pause)\s*$"))
            for _ in range(7):  # ends playing
                toggle.click()
                page.wait_for_timeout(150)
            page.wait_for_function("() => /Day (\\d+)/.exec(document.querySelector('.headline-left').innerText)[1] >= 40",
                                   timeout=120_000)
            toggle.click()
            expect(toggle).to_have_text(re.compile("Play"), timeout=30_000)
            page.wait_for_timeout(1000)
            held = page.locator(".headline-left").inner_text()
            page.wait_for_timeout(2000)
            assert page.locator(".headline-left").inner_text() == held, "the days ran on after Pause"
            assert page.get_by_text("Traceback").count() == 0 and page.get_by_text("ValueError").count() == 0
            page.screenshot(path=str(ARTEFACTS / "dashboard-quick-play-pause.png"), full_page=True)
        finally:
            browser.close()
