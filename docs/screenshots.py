"""The README's pictures, made from the code: the report's first screen and the dashboard after a year, played a month a step.

    python docs/screenshots.py            # writes docs/report.png and docs/dashboard.png

The report is a demo on a 4,000-follower page over a year (3 replications, so
that it takes about a minute; the README's numbers come from the full demo).
Needs Chromium (Debian's package) and Playwright's Python package; no browser
is downloaded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def report_picture(browser, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "sim", "demo", "--followers", "4000", "--days", "365", "--reps", "3",
                        "--out", f"{tmp}/demo"], check=True, cwd=ROOT)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(Path(tmp, "demo", "report.html").as_uri())
        page.screenshot(path=str(out))
        page.close()


def dashboard_picture(browser, out: Path, days: int = 365) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sim", "dashboard", "--port", str(port)], cwd=ROOT, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 600
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).status == 200:
                    break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise SystemExit("the dashboard did not start") from None
                time.sleep(0.5)
        page = browser.new_page(viewport={"width": 1400, "height": 1080})
        page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
        page.get_by_text("So far", exact=True).wait_for(timeout=120_000)
        page.get_by_role("button", name="1 month", exact=True).click()
        page.get_by_role("button", name="Play", exact=True).click()
        page.wait_for_function(f"() => /Day (\\d+)/.exec(document.querySelector('.headline-left').innerText)[1] >= {days}",
                               timeout=300_000)
        page.get_by_role("button", name="Pause", exact=True).click()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(out))
        page.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            report_picture(browser, HERE / "report.png")
            dashboard_picture(browser, HERE / "dashboard.png")
        finally:
            browser.close()
    print(f"wrote {HERE / 'report.png'} and {HERE / 'dashboard.png'}")


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()  # --help
    main()
