"""The ``audsim`` command: a thin layer over :mod:`sim`'s Python API.

Each command parses its options, calls one library function and prints.
Errors a user can fix are one line on stderr and exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import runner
from .scenario import ScenarioError

EXIT_USAGE = 2


def _fail(message: str) -> None:
    click.echo(f"audsim: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="audsim")
def main():
    """Simulate how a brand's social-media audience answers its posting strategy."""


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--days", type=int, help="Days to simulate (default: the scenario's, 365).")
@click.option("--people", type=int, help="People in the market (default: the scenario's, 20000).")
@click.option("--seed", type=int, help="Seed of the random streams (default: the scenario's).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: results/NAME).")
@click.option("--save-people", is_flag=True, help="Also write each person's end state to people.parquet.")
def run(scenario, days, people, seed, out, save_people):
    """Run one SCENARIO (a TOML file) and write daily.csv, summary.json and degrees.csv."""
    from tqdm import tqdm

    try:
        sc = runner.resolve(scenario, days, people, seed)
    except ScenarioError as e:
        _fail(str(e))
    out = out or Path("results") / sc.name
    with tqdm(total=sc.simulation.days, unit="day", desc=sc.name, disable=None, file=sys.stderr) as bar:
        result = runner.run(sc, progress=bar.update)
    result.write(out, save_people=save_people)
    click.echo(format_summary(result.summary, sc.name))
    click.echo(f"wrote {out}/")


@main.command()
@click.option("--markdown", is_flag=True, help="Print the table as Markdown (as in docs/ODD.md).")
def params(markdown):
    """List every scenario parameter with its default, range, unit and source."""
    from .scenario import parameters, parameters_markdown

    if markdown:
        click.echo(parameters_markdown(), nl=False)
        return
    for r in parameters():
        click.echo(f"{r['key']:<40} {str(r['default']):<12} {r['range']:<16} {r['unit']:<28} {r['meaning']}")


def format_summary(s: dict, name: str) -> str:
    """A short table of the headline figures."""

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.2f}%"

    rows = [
        ("long-term trust (market, last day)", f"{s['long_term_trust']:.3f}  (start {s['trust_market_start']:.3f})"),
        ("trust of followers, last day", "n/a" if s["trust_followers_end"] is None else f"{s['trust_followers_end']:.3f}"),
        ("followers", f"{s['followers_start']:,} -> {s['followers_end']:,}"),
        ("unfollow rate per 30 days", pct(s["unfollow_rate_per_30d"])),
        ("organic reach per post", pct(s["organic_reach"])),
        ("interaction rate (first -> last 30 days)", f"{pct(s['interaction_rate_first_30d'])} -> {pct(s['interaction_rate_last_30d'])}"),
        ("engagement per impression", pct(s["engagement_per_impression"])),
        ("complaints raised / answered in time", f"{s['complaints_raised']:,} / {s['complaints_answered_in_time']:,}"),
        ("revenue / cost", f"{s['revenue']:,.0f} / {s['cost']:,.0f}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join([f"{name}: {s['days']} days"] + [f"  {k:<{width}}  {v}" for k, v in rows])
