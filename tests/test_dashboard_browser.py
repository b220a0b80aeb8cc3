"""The dashboard end to end: a real server on a free localhost port, headless Chromium driven by
Playwright (Debian's chromium, no browser download): load, change a slider, step, see the charts
change, type a bad value, see the message; the server is stopped even when the test fails."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

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


def test_dashboard_in_chromium(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1200})
            page.goto(server, timeout=120_000)
            expect(page.get_by_text("So far")).to_be_visible(timeout=120_000)
            settings = page.locator(".settings-left")
            expect(settings).to_contain_text("Promotion share of posts: 80%")

            # a slider: promotion share down to its lowest, applied on Reset
            slider = page.locator(".v-input", has_text="Promotion share of posts").locator(".v-slider")
            box = slider.bounding_box()
            page.mouse.click(box["x"] + 1, box["y"] + box["height"] / 2)
            page.get_by_role("button", name="Reset", exact=True).click()
            expect(settings).not_to_contain_text("Promotion share of posts: 80%", timeout=30_000)

            chart = page.locator("img").first
            expect(chart).to_be_visible()
            before = chart.screenshot()
            for _ in range(10):
                page.get_by_role("button", name="Step", exact=True).click()
                page.wait_for_timeout(100)
            expect(page.get_by_text("A: tupperparty: Day 10")).to_be_visible(timeout=30_000)
            page.wait_for_timeout(500)
            assert chart.screenshot() != before, "the chart did not change after ten steps"

            # a bad value typed into a field: a visible message, the page keeps working
            field = page.get_by_label("People in the market")
            field.fill("lots of people")
            field.press("Enter")
            page.get_by_role("button", name="Reset", exact=True).click()
            expect(page.get_by_text("people = 'lots of people'", exact=False)).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Step", exact=True).click()
            expect(page.get_by_text("A: tupperparty: Day 1")).to_be_visible(timeout=30_000)
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        finally:
            browser.close()
