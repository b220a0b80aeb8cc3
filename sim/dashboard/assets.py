"""Serve the dashboard without the internet: Solara's browser assets from the npm registry.

Solara's page loads its JavaScript and CSS through the server's CDN proxy,
which fetches them from a public CDN on first use and caches them in
``<prefix>/share/solara/cdn``. On a machine without internet access that
fetch fails and the page stays blank. The same files are npm packages: this
module fills the cache once with ``npm pack`` (the npm registry is reachable
where the public CDN is not). The package versions are read from the
installed Solara's page template, so they follow Solara's upgrades.

    python -m sim.dashboard.assets      # audsim dashboard does it too, before it starts
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

SPEC = re.compile(r"(?:cdn\}\}|getCdn\(\)\})/((?:@[a-z0-9-]+/)?[a-z0-9.-]+)@([0-9][0-9a-z.-]*)")
UNUSED = ("katex", "mermaid", "vega")  # Markdown maths and diagrams, Altair charts: the dashboard uses none


def needed() -> list[str]:
    """name@version of every CDN package the installed Solara loads (templates, components, settings)."""
    import solara
    from solara.server.settings import assets

    sources = [f for f in Path(solara.__file__).parent.rglob("*") if f.suffix in (".j2", ".py", ".vue", ".js") and f.is_file()]
    specs = {f"{m.group(1)}@{m.group(2)}" for f in sources for m in SPEC.finditer(f.read_text(errors="ignore"))}
    specs = {s for s in specs if not s.startswith(UNUSED)}
    specs.add(assets.fontawesome_path.strip("/").split("/")[0])
    return sorted(specs)


def cache_dir() -> Path:
    from solara.server.settings import assets

    return Path(assets.proxy_cache_dir)


def install(force: bool = False) -> list[str]:
    """Put every needed package into Solara's CDN cache; return the ones installed now."""
    npm = shutil.which("npm")
    target, done = cache_dir(), []
    for spec in needed():
        dest = target / spec
        if dest.exists() and not force:
            continue
        if npm is None:
            raise RuntimeError(f"npm not found: cannot fetch {spec} for the dashboard (install Node.js, or give Solara internet access)")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([npm, "pack", spec, "--silent"], cwd=tmp, check=True, capture_output=True, timeout=600)
            (tgz,) = Path(tmp).glob("*.tgz")
            with tarfile.open(tgz) as tar:
                tar.extractall(tmp, filter="data")
            staged = dest.with_name(dest.name + ".partial")
            shutil.rmtree(staged, ignore_errors=True)
            staged.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(tmp) / "package"), staged)
            staged.rename(dest)
        done.append(spec)
    return done


if __name__ == "__main__":
    got = install()
    print("installed: " + (", ".join(got) if got else "nothing (all present)") + f" in {cache_dir()}")
