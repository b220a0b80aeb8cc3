"""The report printed to PDF by headless Chromium (Debian's package; no browser is downloaded)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]


class NoBrowser(RuntimeError):
    """No Chromium to print with; the message says how to install one."""


def chromium() -> str:
    """The Chromium to print with: $AUDSIM_CHROMIUM, else chromium or chromium-browser on PATH."""
    given = os.environ.get("AUDSIM_CHROMIUM")
    if given:  # checked now, before the runs: a wrong path failed only when the report was printed, with a traceback
        if not (Path(given).is_file() and os.access(given, os.X_OK)):
            raise NoBrowser(f"AUDSIM_CHROMIUM = {given!r}: not a program this user can run; expected the path of Chromium, "
                            "e.g. /usr/bin/chromium")
        return given
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise NoBrowser("--pdf needs Chromium to print the report: apt-get install chromium (or set AUDSIM_CHROMIUM to its path)")
    return path


def print_pdf(report: Path, pdf: Path, timeout: float = 120) -> Path:
    """Print ``report`` (an HTML file) to ``pdf`` on A4, as the browser shows it with its print styles."""
    browser = chromium()
    with tempfile.TemporaryDirectory(prefix="audsim-chromium-") as profile:
        opened = Path(profile) / report.name  # on paper every folded section is open (the assumptions the first page points to)
        opened.write_text(report.read_text(encoding="utf-8").replace("<details>", "<details open>"), encoding="utf-8")
        try:
            res = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", opened.as_uri()],
                                 capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except OSError as e:  # removed or made unrunnable since it was checked
            raise NoBrowser(f"{browser}: cannot start it to print {report.name} to PDF: {e.strerror}") from None
        except subprocess.TimeoutExpired:
            raise NoBrowser(f"{browser}: printing {report.name} to PDF took over {timeout:.0f} s; stopped") from None
    if res.returncode != 0 or not pdf.exists() or pdf.stat().st_size == 0:
        last = (res.stderr.strip().splitlines() or ["no output"])[-1][:200]
        raise NoBrowser(f"{browser}: printing {report.name} to PDF failed (exit {res.returncode}): {last}")
    return pdf
