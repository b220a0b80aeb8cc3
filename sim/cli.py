"""The ``audsim`` command: a thin layer over :mod:`sim`'s Python API.

Each command parses its options, calls one library function and prints.
Errors a user can fix are one line on stderr and exit code 2.
"""

from __future__ import annotations

import errno
import math
import os
import re
import signal
import sys
import warnings
from pathlib import Path

import click

from . import outputs, runner
from .parallel import compile_first, terminate_on_signal
from .scenario import MAX_REPS, SEED_MAX, EditedManifest, ScenarioError, SizeAlone, plain

EXIT_USAGE = 2
OVERWRITE_HELP = "Replace the output if it holds an earlier audsim result (never files audsim did not write)."
CLI = runner.COMMAND_LINE  # where an override came from, in an error


class _Finite(click.FloatRange):
    """A number in a range that is a number: click's FloatRange lets NaN through (every comparison with it is false)."""

    def convert(self, value, param, ctx):
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a number in the range {self._describe_range()}.", param, ctx)
        return number


_DISK_ERRORS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT, errno.EFBIG}


def _fail(message: str) -> None:
    click.echo(f"audsim: error: {message.replace(outputs.FROM_PYTHON, '')}", err=True)
    sys.exit(EXIT_USAGE)


class _OneLine(click.ClickException):
    """A usage error click caught (a bad option value, a missing argument), shown as audsim's other errors are."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"audsim: error: {self.message}", err=True)


class _Group(click.Group):
    def __call__(self, *args, **kwargs):
        """The program (not a test's CliRunner): once the command is done, a late Ctrl-C must not interrupt the
        interpreter's exit (joining the pool's threads printed a traceback)."""
        try:
            return super().__call__(*args, **kwargs)
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # the program's own options (--max-memory) are read here, before invoke
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            raise _one_line(e) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:  # click's own is four lines (usage, hint, blank, error)
            raise _one_line(e) from None
        except KeyboardInterrupt:  # Ctrl-C: click would say "Aborted!" and exit 1; every output is written whole or not at all
            click.echo("audsim: interrupted; nothing written", err=True)
            sys.exit(130)
        except OSError as e:  # a disk full, read-only or not ours is the user's to fix (the writers leave nothing half-written)
            if e.errno not in _DISK_ERRORS:
                raise
            _fail(f"cannot write {e.filename or 'the output'}: {e.strerror or e}")
        except SystemError as e:  # SIGTERM's SystemExit, raised while a compiled kernel ran, arrives wrapped
            cause = e
            while cause is not None and not isinstance(cause, SystemExit):
                cause = cause.__cause__ or cause.__context__
            if cause is None:
                raise
            click.echo("audsim: stopped", err=True)
            raise cause from None


def _one_line(e: click.UsageError) -> click.UsageError | _OneLine:
    """A usage error as one line naming where help is (no-arguments help stays as click shows it)."""
    if isinstance(e, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        return e
    where = f" (see {e.ctx.command_path} --help)" if e.ctx is not None else ""
    return _OneLine(e.format_message().rstrip(".") + where)


def _memory(ctx, param, value):
    if value is None:
        return None
    try:
        runner.parse_size(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None
    return value


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="audsim")
@click.option("--max-memory", callback=_memory, metavar="SIZE",
              help="Refuse runs estimated to need more memory than this, e.g. 4GB (default: what the machine has available).")
def main(max_memory):
    """Simulate how a brand's social-media audience answers its posting strategy."""
    terminate_on_signal()  # SIGTERM cleans up like Ctrl-C: no temporary folders, locks or workers left
    warnings.showwarning = _show_warning
    if max_memory:
        os.environ["AUDSIM_MAX_MEMORY"] = max_memory  # workers, spawned later, inherit it


_python_warning = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """audsim's own warnings as one line for a user, not a Python source location."""
    if issubclass(category, runner.HorizonWarning | EditedManifest | SizeAlone):
        click.echo(f"audsim: warning: {message}", err=True)
    else:
        _python_warning(message, category, filename, lineno, file, line)


def _overwrite_option(f):
    return click.option("--overwrite", is_flag=True, help=OVERWRITE_HELP)(f)


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))  # a folder gets our one line
@click.option("--days", type=int, help="Days to simulate (default: the scenario's; the shipped strategies run 1,095).")
@click.option("--people", type=int, help="People in the market, the brand's extensive settings (listening, budgets, a fixed "
              "desk) scaled with it (default: the scenario's; shipped strategies 250000).")
@click.option("--seed", type=int, help="Seed of the random streams (default: the scenario's).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: results/NAME).")
@click.option("--save-people", is_flag=True, help="Also write each person's end state to people.parquet.")
@_overwrite_option
def run(scenario, days, people, seed, out, save_people, overwrite):
    """Run one SCENARIO (a TOML file, or a run's manifest.json to run it again) and write daily.csv, summary.json,
    manifest.json and degrees.csv."""
    from tqdm import tqdm

    try:
        sc = runner.resolve(scenario, days, people, seed, source=CLI)
        runner.check_memory(sc, source=str(scenario))
        out = out or Path("results") / sc.name
        with outputs.claim(out, overwrite):
            with tqdm(total=sc.simulation.days, unit="day", desc=sc.name, disable=None, file=sys.stderr) as bar:
                result = runner.run(sc, progress=bar.update)
            result.write(out, save_people=save_people, overwrite=overwrite)
    except (ScenarioError, outputs.OutputError) as e:
        _fail(str(e))
    click.echo(format_summary(result.summary, sc.name))
    click.echo(f"wrote {out}/")


def _bar(total: int, desc: str):
    from tqdm import tqdm

    return tqdm(total=total, unit="run", desc=desc, disable=None, file=sys.stderr)


@main.command("compare")
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reps", type=click.IntRange(min=2, max=MAX_REPS), default=30, show_default=True, help="Replications per scenario.")
@click.option("--baseline", help="Scenario the others are compared with (default: the first).")
@click.option("--days", type=int, help="Override the scenarios' horizon.")
@click.option("--people", type=int, help="People in the market, each scenario's extensive settings scaled with it.")
@click.option("--seed", type=click.IntRange(0, SEED_MAX), default=7, show_default=True, help="Seed from which the replications' seeds are spawned.")
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("results/compare"), show_default=True)
@_overwrite_option
def compare_cmd(scenarios, reps, baseline, days, people, seed, workers, out, overwrite):
    """Compare SCENARIOS over paired replications (common random numbers)."""
    from .experiments import compare
    from .experiments.compare import one_market

    resolved = {}
    try:
        for path in scenarios:
            sc = runner.resolve(path, days, people, source=CLI)
            if sc.name in resolved:
                _fail(f"{path}: name = {sc.name!r}: two scenarios share this name; expected distinct names (file names or name = ...)")
            resolved[sc.name] = sc
        one_market(resolved)
    except ScenarioError as e:
        _fail(str(e))
    if baseline is not None and baseline not in resolved:
        _fail(f"--baseline = {baseline!r}: expected one of {', '.join(resolved)}")
    try:
        with outputs.claim(out, overwrite):
            _warn_reps(reps)
            with _bar(reps * len(resolved), "compare") as bar, warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)  # the few-replications warning is printed above
                result = compare(resolved, reps=reps, baseline=baseline, seed=seed, workers=workers, progress=bar.update)
            result.write(out, overwrite=overwrite)
    except (outputs.OutputError, ScenarioError) as e:
        _fail(str(e))
    click.echo(format_comparison(result))
    click.echo(f"wrote {out}/")


@main.command()
@click.option("--lang", type=click.Choice(["en", "de"]), default="en", show_default=True, help="Language of the report.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("results/demo"), show_default=True)
@click.option("--followers", type=click.IntRange(min=1, max=10_000_000), help="Your page's followers (default: the shipped page's).")
@click.option("--market", "--people", "market", type=click.IntRange(min=10, max=50_000_000),
              help="People in the reachable market (default: the shipped ratio to --followers, else the shipped market); "
                   "desk and budgets scale with it.")
@click.option("--posts-per-day", type=_Finite(min=0, max=50), help="Your page's posts a day now (the current strategy's).")
@click.option("--from-insights", "insights", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Your page's daily analytics export (CSV): its size and posting rate, and reach, engagement and unfollows fitted to it.")
@click.option("--current", metavar="STRATEGY", help="The set's strategy your page is run like now (default: the set's "
              "[story] current): the others are compared with it; an export is fitted as it.")
@click.option("--proposed", metavar="STRATEGY", help="The alternative the headline is about (default: the set's [story] "
              "proposed; where that is --current, the set's first other strategy).")
@click.option("--pdf", is_flag=True, help="Also print the report to report.pdf (needs Chromium).")
@click.option("--pptx", is_flag=True, help="Also write a short slide deck, report.pptx.")
@click.option("--reps", type=click.IntRange(min=2, max=MAX_REPS), help="Replications (default: the demo set's, 10).")
@click.option("--days", type=click.IntRange(min=1, max=100_000), help="Override the horizon.")
@click.option("--seed", type=click.IntRange(0, SEED_MAX), default=7, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--breakeven", "breakeven_people", callback=lambda ctx, p, v: None if v is None else _sizes(ctx, p, v), metavar="SIZES",
              help="Also find the break-even market of the set's pair at these sizes, e.g. 10000,30000,100000,300000,1000000 (slow).")
@_overwrite_option
def demo(lang, out, followers, market, posts_per_day, insights, current, proposed, pdf, pptx, reps, days, seed, workers,
         breakeven_people, overwrite):
    """Compare the shipped strategies on your page and write a self-contained report.html for a client."""
    from .experiments import demo as _demo
    from .report import pdf as _pdf

    if insights is not None and (followers or posts_per_day is not None):
        _fail("--from-insights sets the page's size and posting rate from the export; leave out --followers and --posts-per-day")
    try:
        scenarios, baseline, default_reps = _demo.load_set("demo")
        story, _ = _demo.run_now(scenarios, _demo.load_story("demo"), baseline, current, proposed)
        _demo.for_the_page(scenarios, story.current, followers, market, posts_per_day, days)  # refused before any run
        if insights is not None:  # a bad export, too: before the warnings and the progress bar
            from .calibration.insights import read_insights
            read_insights(insights)
        if pdf:
            _pdf.chromium()
        if pptx:
            import pptx as _  # noqa: F401
    except ScenarioError as e:
        _fail(str(e))
    except _pdf.NoBrowser as e:
        _fail(str(e))
    except ImportError:
        _fail("--pptx needs python-pptx: pip install python-pptx")
    n = reps or default_reps
    try:
        with outputs.claim(out, overwrite), _bar(n * len(scenarios), "demo") as bar, warnings.catch_warnings():
            _warn_reps(n)
            warnings.simplefilter("ignore", UserWarning)
            if breakeven_people:
                bar.total += 2 * n * len(breakeven_people)
            if insights is not None:
                bar.total += 40 * 2
            result = _demo.demo(out, lang, n, days, market, seed, workers, progress=bar.update, overwrite=overwrite,
                                breakeven_people=breakeven_people, followers=followers, posts_per_day=posts_per_day,
                                insights_export=insights, pdf=pdf, pptx=pptx, current=current, proposed=proposed)
    except (outputs.OutputError, ScenarioError, _pdf.NoBrowser) as e:
        _fail(str(e))
    click.echo(format_comparison(result))
    fitted = result.manifest.get("fitted_to_insights") or {}
    for warning in fitted.get("warnings", []):  # the report says it too
        click.echo(f"audsim: warning: fitting {insights}: {warning}", err=True)
    missed = not (fitted.get("closest") or {}).get("reached", True) or (fitted.get("trend") or {}).get("opposite")
    if fitted and missed:  # the page may be run otherwise than the fit assumed
        others = ", ".join(n for n, sc in scenarios.items() if sc.strategy.has_page and n != story.current)  # what --current takes
        click.echo(f"audsim: hint: the fit took your page to be run as {story.current}; if it is run otherwise, name the closest "
                   f"strategy with --current ({others})", err=True)
    written = ", ".join(f"{out}/report.{ext}" for ext, on in (("html", True), ("pdf", pdf), ("pptx", pptx)) if on)
    click.echo(f"wrote {written}")


def _sizes(ctx, param, value: str) -> list[int]:
    items = [v.strip() for v in value.split(",")]  # an empty item (10000,,30000) is a typing slip, not a size
    if not all(re.fullmatch(r"[0-9]+(_[0-9]+)*", v) for v in items):  # ASCII digits, Python's 1_000 (int() takes more)
        raise click.BadParameter(f"{value!r}: expected whole numbers of people separated by commas, e.g. 10000,100000")
    sizes = [int(v) for v in items]
    if min(sizes) < 10 or max(sizes) > 50_000_000:
        raise click.BadParameter(f"{value!r}: expected market sizes from 10 to 50,000,000 people")
    if len(set(sizes)) < len(sizes):  # refused as a sweep file's levels given twice are: it was dropped silently
        twice = next(n for n in sizes if sizes.count(n) > 1)
        raise click.BadParameter(f"{value!r}: {twice} twice; expected each market size once")
    if len(sizes) < 2:  # a break-even lies between two sizes: one size gives none
        raise click.BadParameter(f"{value!r}: expected at least two different market sizes, e.g. 10000,100000")
    return sizes


@main.command("breakeven")
@click.argument("a", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--people", default="10000,30000,100000,300000,1000000", show_default=True, callback=_sizes,
              help="Market sizes to run, separated by commas.")
@click.option("--years", type=_Finite(min=0.01, max=50), default=3, show_default=True, help="Horizon of each run.")
@click.option("--reps", type=click.IntRange(min=2, max=MAX_REPS), default=10, show_default=True, help="Paired replications per size.")
@click.option("--seed", type=click.IntRange(0, SEED_MAX), default=7, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), help="Processes (default: all cores).")
@click.option("--out", type=click.Path(path_type=Path), default=Path("results/breakeven"), show_default=True)
@_overwrite_option
def breakeven_cmd(a, b, people, years, reps, seed, workers, out, overwrite):
    """From which market size B's value overtakes A's (net profit + customer equity change, as of day 0).

    Runs A and B at each size, paired, scaled to the market, with the desk sized to its load
    (service.staff = "auto"); also with each strategy's last-year cost kept up after the end. Writes
    breakeven.csv, breakeven_runs.csv, breakeven.png/svg, breakeven.json and manifest.json.
    """
    from .experiments.breakeven import at_size, breakeven, check_fits, same_strategy

    try:
        sa, sb = runner.resolve(a), runner.resolve(b)
        for sc in (sa, sb):
            for n in people:
                at_size(sc, n, int(round(years * 365)))
        check_fits(sa, sb, people, int(round(years * 365)), reps, workers)  # before the warning on few replications
    except ScenarioError as e:
        _fail(str(e))
    if same_strategy(sa, sb, people, int(round(years * 365))):
        _fail(f"{a} and {b} are the same strategy at every size (their settings scaled to each market, names aside): "
              "a break-even needs two different ones")
    try:
        with outputs.claim(out, overwrite):
            _warn_reps(reps)
            with _bar(2 * reps * len(people), "breakeven") as bar:
                result = breakeven(sa, sb, people, years, reps, seed, workers, progress=bar.update)
            result.write(out, overwrite=overwrite)
    except (outputs.OutputError, ScenarioError) as e:  # a market too large for the memory, before any run
        _fail(str(e))
    click.echo(format_breakeven(result))
    click.echo(f"wrote {out}/")


def format_breakeven(result) -> str:
    """The table by market size (B - A, and B - A with each strategy's cost kept up after the end), then the sentences."""
    t, kept = result.table, result.costs_continue()
    lines = [f"{'people':>12}{'value ' + result.manifest['a']:>22}{'value ' + result.manifest['b']:>22}{'B - A [95% CI]':>40}"
             + (f"{'B - A, costs kept up [95% CI]':>44}" if kept is not None else "")]
    for i, (_, r) in enumerate(t.iterrows()):
        line = f"{int(r['people']):>12,}{r['value_a']:>22,.0f}{r['value_b']:>22,.0f}" + _with_interval(r, 40)
        lines.append(line + (_with_interval(kept.iloc[i], 44) if kept is not None else ""))
    lines.append(result.sentence())
    return "\n".join(lines)


def _with_interval(row, width: int) -> str:
    return f"{row['diff']:,.0f} [{row['ci_low']:,.0f}, {row['ci_high']:,.0f}]".rjust(width)


def _interrupted(kept: Path) -> None:
    """Ctrl-C in a study that keeps its runs: say where they are and how to go on."""
    click.echo(f"audsim: interrupted: the runs done are kept in {kept}; run the same command again with --resume", err=True)
    sys.exit(130)


def _exclusive(resume: bool, overwrite: bool) -> None:
    if resume and overwrite:
        _fail("--resume and --overwrite: expected one of them (--resume keeps the runs done, --overwrite starts again)")


def _warn_reps(reps: int) -> None:
    from .experiments.compare import MIN_REPS

    if reps < MIN_REPS:
        click.echo(f"audsim: warning: only {reps} replications; intervals and tests are rough below {MIN_REPS}", err=True)


def format_comparison(c) -> str:
    """The headline comparison as a plain table, with the number of runs per strategy, in the report's words; each
    column as wide as its widest cell."""
    t = c.table
    # each column headed by its unit: a change of followers printed as -0.077 read as a count, not -7.7%
    columns = {"net_advocates_end": ("net advocates (points)", "{:.1f}"), "long_term_trust": ("trust (0-1)", "{:.3f}"),
               "followers_change": ("followers change", "{:.1%}"), "value": ("value", "{:,.0f}")}
    keys = list(columns)
    pivot = t[t["metric"].isin(keys)]
    rows = [["scenario", *(header for header, _ in columns.values())]]
    for name in dict.fromkeys(pivot["scenario"]):
        cells = [name]
        for k, (_, f) in columns.items():
            r = pivot[(pivot["scenario"] == name) & (pivot["metric"] == k)].iloc[0]
            shown = [_unsigned_zero(f.format(r[c])) for c in ("mean", "ci_low", "ci_high")]
            cells.append("n/a" if r["n"] == 0 else f"{shown[0]} [{shown[1]}, {shown[2]}]")
        rows.append(cells)
    widths = [max(len(row[i]) for row in rows) for i in range(len(keys) + 1)]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
             for row in rows]
    others = len(c.manifest.get("scenarios", {})) > 1
    lines.append(f"mean [95% interval] over {c.reps} runs per strategy, paired (each run's market the same for every strategy)"
                 + (f"; differences to {c.manifest['baseline']} in differences.csv" if others else ""))
    return "\n".join(lines)


def _unsigned_zero(text: str) -> str:
    """'-0.0' and '-0.0%' (a small negative rounded away) as '0.0', as the report writes them."""
    return text[1:] if text.startswith("-") and not any(ch in "123456789" for ch in text) else text


def _executor_options(f):
    f = click.option("--workers", type=click.IntRange(min=1), help="Local processes (default: all cores).")(f)
    f = click.option("--scheduler", metavar="ADDRESS|FILE",
                     help="Run on a Dask cluster: its scheduler's address (tcp://HOST:8786, tls://...) or scheduler file (JSON).")(f)
    f = click.option("--dask-local", type=click.IntRange(min=1), metavar="N", help="Start a local Dask cluster with N workers.")(f)
    f = click.option("--connect-timeout", type=_Finite(min=0.1, max=3600), default=10, show_default=True,
                     help="Seconds to wait for the Dask scheduler.")(f)
    f = click.option("--tls-ca-file", type=click.Path(dir_okay=False, exists=True), help="TLS: the cluster's CA certificate.")(f)
    f = click.option("--tls-cert", type=click.Path(dir_okay=False, exists=True), help="TLS: this client's certificate.")(f)
    f = click.option("--tls-key", type=click.Path(dir_okay=False, exists=True), help="TLS: this client's private key.")(f)
    return f


def _check_executors(workers, scheduler, dask_local, tls_ca_file=None, tls_cert=None, tls_key=None, **_) -> None:
    """One place to run, said once: options that would be ignored are refused (a local cluster started while a
    --scheduler was named, --workers with Dask, TLS files with no scheduler), and a --scheduler that is neither an
    address nor a file is named as such, not as an unreachable cluster."""
    if scheduler is not None and dask_local is not None:
        _fail(f"--scheduler = {scheduler!r} and --dask-local = {dask_local}: expected one of them (an existing Dask "
              "cluster, or a local one this command starts)")
    if workers is not None and (scheduler is not None or dask_local is not None):
        _fail(f"--workers = {workers}: local processes, not read when the runs go to Dask; expected --workers alone, or "
              "--dask-local N (the local cluster's workers) or --scheduler alone")
    tls = [o for o, v in (("--tls-ca-file", tls_ca_file), ("--tls-cert", tls_cert), ("--tls-key", tls_key)) if v]
    if tls and scheduler is None:
        _fail(f"{tls[0]}: read only with --scheduler (a tls:// address); expected it with --scheduler, or not at all")
    address = "://" in (scheduler or "") or re.fullmatch(r"[\w.\-\[\]:]+:\d+", scheduler or "")  # tcp://h:8786, h:8786
    if scheduler is not None and not address and not Path(scheduler).is_file():
        _fail(f"--scheduler = {scheduler!r}: no such file and not an address; expected a scheduler's address "
              "(tcp://HOST:8786, tls://HOST:8786) or its scheduler file (JSON)")


def _dask(connect_timeout, tls_ca_file, tls_cert, tls_key) -> dict:
    """The sweep's Dask options: a distributed.Security when any TLS file is given. Dask's own log of a lost
    connection (tracebacks, reconnection attempts) is silenced: the command says what happened in one line."""
    import logging

    try:
        import distributed  # noqa: F401  (it sets up its loggers on import; they are quietened after)
    except ImportError:
        pass
    for name in [*logging.root.manager.loggerDict, "asyncio", "tornado"]:
        if name.split(".")[0] in ("distributed", "asyncio", "tornado"):
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    security = None
    if tls_ca_file or tls_cert or tls_key:
        from distributed.security import Security

        security = Security(tls_ca_file=tls_ca_file, tls_client_cert=tls_cert, tls_client_key=tls_key, require_encryption=True)
    return {"security": security, "connect_timeout": connect_timeout}


def _sweep_bar(total: int, desc: str):
    bar = _bar(total, desc)
    failed = [0]

    def update(row):
        failed[0] += bool(row["error"])
        bar.set_postfix(failed=failed[0], refresh=False)
        bar.update(1)

    return bar, update, failed


@main.command("sweep")
@click.argument("sweep_file", type=click.Path(dir_okay=False, path_type=Path))
@_executor_options
@click.option("--people", type=int, help="People in the market, extensive settings scaled with it (then the swept values).")
@click.option("--days", type=int, help="Override the horizon.")
@click.option("--reps", type=int, help="Override the replications per point.")
@click.option("--samples", type=int, help="Override the design's samples (points; Sobol base samples; Morris trajectories).")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: results/sweep-NAME).")
@click.option("--resume", is_flag=True, help="Finish a sweep in --out, keeping the runs already done.")
@click.option("--overwrite", is_flag=True, help="Start again in --out if it holds an earlier audsim sweep (never files audsim did not write).")
def sweep_cmd(sweep_file, workers, scheduler, dask_local, people, days, reps, samples, out, resume, overwrite, **dask):
    """Run the parameter sweep in SWEEP_FILE and analyse its sensitivity."""
    from .sweep import analyze, load_sweep
    from .sweep import run as sweep_run
    from .sweep.spec import resume_command, with_counts

    _check_executors(workers, scheduler, dask_local, **dask)
    try:
        spec, scenarios = load_sweep(sweep_file, reps=reps, samples=samples)
        spec = with_counts(spec, reps=reps, samples=samples)
        if people is not None or days is not None:
            spec = spec.model_copy(update={"people": people if people is not None else spec.people,
                                           "days": days if days is not None else spec.days})
            scenarios = {n: runner.resolve(sc, days, people, source=CLI) for n, sc in scenarios.items()}
    except ScenarioError as e:
        _fail(str(e))
    _exclusive(resume, overwrite)
    out = out or Path("results") / f"sweep-{spec.name}"
    if resume and not (out / "sweep.json").exists() and not (out.is_dir() and any(out.iterdir())):
        click.echo(f"audsim: {out} holds no sweep to resume; running it from the start", err=True)
    total = len(sweep_run.tasks(spec, scenarios))
    kept = len(sweep_run.done_ids(out / "parts")) if resume and (out / "parts").is_dir() else 0
    bar, update, failed = _sweep_bar(total, spec.name)
    try:
        with bar:
            runs = sweep_run.sweep(spec, scenarios, out, workers, scheduler, dask_local, resume, progress=update, overwrite=overwrite,
                                   **_dask(**dask))
    except (FileExistsError, outputs.OutputError, sweep_run.DaskError, ScenarioError) as e:
        _fail(str(e))
    except KeyboardInterrupt:
        saved = len(sweep_run.done_ids(out / "parts"))
        click.echo(f"audsim: interrupted: {saved} of {total} runs saved in {out}; finish it with "
                   f"{resume_command(spec, out, runner.command_line())}", err=True)
        sys.exit(130)
    try:
        table = analyze(out)
    except ScenarioError as e:  # no run succeeded
        _fail(str(e))
    except KeyboardInterrupt:  # the runs are all in runs.parquet; the analysis is written whole or not at all
        click.echo(f"audsim: interrupted while analysing: the runs are saved in {out}/runs.parquet; "
                   f"audsim analyze {out} writes sensitivity.csv", err=True)
        sys.exit(130)
    bad = runs[runs["error"].notna() & (runs["error"] != "")]
    resumed = f" ({kept} kept from before, {total - kept} run now)" if kept else ""
    click.echo(f"{len(runs) - len(bad)} of {total} runs done{resumed}, {len(bad)} failed; wrote {out}/runs.parquet, sensitivity.csv")
    for _, r in bad.head(10).iterrows():
        click.echo(f"  failed {r['run_id']}: {r['error']}", err=True)
    _warn_indices(table)


def _warn_indices(table) -> None:
    """One line on stderr when indices carry a caveat (too few points or replications, a rough or no interval):
    they are in sensitivity.csv's note column, which a reader of the plot or the summary would not see."""
    from .sweep.analyze import needs_care

    noted = table[needs_care(table)]
    if len(noted):
        click.echo(f"audsim: warning: {len(noted)} of {len(table)} indices need care (first: {noted['parameter'].iloc[0]} on "
                   f"{noted['outcome'].iloc[0]}: {noted['note'].iloc[0]}); see the note column of sensitivity.csv", err=True)


@main.command("analyze")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
def analyze_cmd(folder):
    """Write sensitivity.csv and plots for the sweep in FOLDER."""
    from .sweep import analyze
    from .sweep.run import collect

    unfinished = (folder / "parts").is_dir() and (folder / "sweep.json").exists()  # a sweep stopped part-way
    if (folder / "sweep.json").exists() and not outputs.is_audsim_folder(folder):
        _fail(f"{folder / 'sweep.json'}: cannot be read as the sweep.json audsim sweep writes (damaged, or not audsim's); "
              "expected the output folder of audsim sweep")
    if not ((folder / "runs.parquet").exists() or unfinished) or not outputs.is_audsim_folder(folder):
        _fail(f"{folder}: no runs.parquet and sweep.json of audsim's; expected the output folder of audsim sweep")
    try:
        with outputs.claim(folder, overwrite=True, kind="sweep"):  # not while a sweep still writes there
            parts = sorted(f.stem for f in (folder / "parts").glob("*.parquet")) if unfinished else []
            had_table = (folder / "runs.parquet").exists()
            if unfinished:  # what finished, in design order
                collect(folder, parts)
            try:
                table = analyze(folder)
            except ScenarioError:
                if unfinished and not parts and not had_table:  # no run to put in it: the folder is left as it was
                    (folder / "runs.parquet").unlink(missing_ok=True)
                raise
    except (outputs.OutputError, ScenarioError) as e:
        _fail(str(e))
    click.echo(table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    _warn_indices(table)


@main.command("robustness")
@click.argument("a", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("b", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--vary", "vary", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Sweep file: the parameter space to sample.")
@click.option("--people", type=int, help="People in the market, extensive settings scaled with it (default: the sweep file's).")
@click.option("--days", type=int, help="Override the horizon (default: the sweep file's).")
@_executor_options
@click.option("--out", type=click.Path(path_type=Path), help="Output folder (default: results/robustness-A-B).")
@click.option("--resume", is_flag=True, help="Finish an interrupted study in --out.")
@click.option("--overwrite", is_flag=True, help="Start again in --out if it holds an earlier audsim study (never files audsim did not write).")
def robustness_cmd(a, b, vary, people, days, workers, scheduler, dask_local, out, resume, overwrite, **dask):
    """Where does A beat B? Both at every point of the --vary space, with common random numbers."""
    from .sweep import load_sweep, robustness
    from .sweep.robustness import check_design
    from .sweep.run import DaskError
    from .sweep.spec import check_keys

    _check_executors(workers, scheduler, dask_local, **dask)
    try:
        spec, _ = load_sweep(vary)
        check_design(spec, f"{vary}: ")
        spec = spec.model_copy(update={"people": people if people is not None else spec.people,
                                       "days": days if days is not None else spec.days})
        src = CLI if people is not None or days is not None else "override"
        sa, sb = (runner.resolve(x, spec.days, spec.people, source=src) for x in (a, b))
        if sa.name == sb.name:
            _fail(f"{b}: name = {sb.name!r}: the same name as {a}; expected two different strategies")
        check_keys(spec, {sa.name: sa, sb.name: sb}, vary)
    except ScenarioError as e:
        _fail(str(e))
    _exclusive(resume, overwrite)
    out = out or Path("results") / f"robustness-{sa.name}-{sb.name}"
    bar, update, _ = _sweep_bar(len(spec.points()) * spec.reps * 2, "robustness")
    try:
        with bar:
            summary = robustness(spec, sa, sb, out, workers=workers, scheduler=scheduler, dask_local=dask_local, resume=resume,
                                 progress=update, overwrite=overwrite, **_dask(**dask))
    except (FileExistsError, outputs.OutputError, DaskError, ScenarioError) as e:
        _fail(str(e))
    except KeyboardInterrupt:
        _interrupted(out)
    for key, label in (("a_wins_trust", "long-term trust"), ("a_wins_unfollows", "unfollow rate")):
        s = summary[key]
        if s["share"] is None:
            click.echo(f"{sa.name} and {sb.name} are not comparable on {label}: {s.get('not_comparable', 'no point to judge')}")
            continue
        ci = f"95% CI {100 * s['ci_low']:.0f}-{100 * s['ci_high']:.0f}%" if s["ci_low"] is not None else "a grid: no sampling interval"
        sure = s["beyond_chance"]
        sure = (f"; beyond chance: {sa.name} at {sure['a']}, {sb.name} at {sure['b']}, neither at {sure['neither']}"
                if sure else "; one replication: no point's verdict tested")
        click.echo(f"{sa.name} beats {sb.name} on {label} at {100 * s['share']:.0f}% of {s['points']} points ({ci}{sure})")
        if s.get("not_comparable"):
            click.echo(f"  not compared: {s['not_comparable']}")
        click.echo("  " + summary["flip_region"][key].strip().replace("\n", "\n  "))
    click.echo(f"wrote {out}/robustness.csv, robustness.json, robustness.png")


@main.command()
@click.argument("targets", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--params", help="Comma-separated dotted keys to fit (each needs a range).")
@click.option("--from-insights", "insights", type=click.Path(dir_okay=False, path_type=Path),
              help="Fit to a page's daily analytics export (CSV) instead of a targets file.")
@click.option("--base", type=click.Path(dir_okay=False, path_type=Path), help="With --from-insights: the scenario to fit (default: calibrate.base in scenarios/sets/defaults.toml).")
@click.option("--market-multiple", type=_Finite(min=1),
              help="With --from-insights: the reachable market as a multiple of the page's followers (default: 5).")
@click.option("--samples", type=click.IntRange(min=4), help="Latin-hypercube points a round (default: the file's, or 64; 120 with --from-insights).")
@click.option("--reps", type=click.IntRange(min=1), help="Replications per point (default: the file's, or 2; 1 with --from-insights).")
@click.option("--workers", type=click.IntRange(min=1), help="Local processes (default: all cores).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("results/calibrated.toml"), show_default=True,
              help="The fitted scenario; its runs go to OUT's name + '.runs/'.")
@click.option("--resume", is_flag=True, help="Keep the runs of an interrupted calibration.")
@click.option("--overwrite", is_flag=True, help="Replace a fitted scenario and runs that audsim wrote earlier (never files audsim did not write).")
def calibrate(targets, params, insights, base, market_multiple, samples, reps, workers, out, resume, overwrite):
    """Fit parameters to TARGETS (a calibration TOML) or to a page's export (--from-insights)."""
    from .calibration import abc
    from .calibration import insights as ins
    from .experiments.demo import scenarios_dir, tool_defaults
    from .sweep.spec import with_counts

    try:
        if (targets is None) == (insights is None):
            _fail("give either a TARGETS file or --from-insights EXPORT.csv")
        if targets is not None and (base is not None or market_multiple is not None):  # they were dropped without a word
            given = "--base" if base is not None else "--market-multiple"
            _fail(f"{given} goes with --from-insights; {targets} names its own base scenario and market")
        if insights is not None:
            default_base = scenarios_dir() / f"{tool_defaults()['calibrate']['base']}.toml"
            spec, sc, base_file, notes = ins.spec_from_insights(insights, base or default_base, market_multiple or 5.0)
            for note in notes:
                click.echo(f"audsim: warning: {insights}: {note}", err=True)
        else:
            spec, sc = abc.load_targets(targets)
            base_file = targets.parent / spec.base
        names = [n.strip() for n in params.split(",") if n.strip()] if params else list(spec.ranges)
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            _fail(f"--params {params!r}: {', '.join(twice)} named twice; expected each key once")
        if not names:
            _fail("--params: nothing to fit; name dotted keys, e.g. --params platform.reach_base,follows.base_hazard")
        abc.check_params(spec, sc, names)
        spec = with_counts(spec, samples=samples, reps=reps)
        _exclusive(resume, overwrite)
        runs_dir = out.with_name(out.stem + ".runs")
        bar, update, _ = _sweep_bar(spec.samples * spec.reps * spec.rounds, "calibrate")
        abc.check_out(out, overwrite)  # refused now, not after the fit (and a name that is no .toml said first)
        with outputs.claim(out, overwrite, "file"):
            with bar:
                result = abc.fit(spec, sc, names, runs_dir, workers=workers, resume=resume, progress=update, overwrite=overwrite)
            result.write(out, base_file, overwrite)
    except (ScenarioError, FileExistsError, outputs.OutputError) as e:
        _fail(str(e))
    except KeyboardInterrupt:
        _interrupted(runs_dir)
    click.echo(result.estimates.drop(columns="note").to_string(index=False, float_format=lambda x: f"{x:.5g}"))
    click.echo(f"posterior: the closest {len(result.posterior)} of {len(result.points)} points; {out} sets the "
               f"{result.fitted_at}, which gave the targets better run again; wrote {out} and {out.with_suffix('.fit.json')}")
    for warning in result.warnings:
        click.echo(f"audsim: warning: {warning}", err=True)


@main.command()
@click.option("--quick", is_flag=True, help="Small populations and few replications (a few minutes).")
@click.option("--folder", type=click.Path(file_okay=False, exists=True, path_type=Path), help="Target files (default: validation/).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="The report (default: report.md in the targets' folder, the one the README shows).")
def validate(quick, folder, out):
    """Measure the model against published figures (validation/*.toml); exit 1 if a target fails."""
    from .validation import run_suite, write_report
    from .validation.suite import ROOT, summary

    folder = folder or ROOT
    out = out or folder / "report.md"
    try:
        with outputs.claim(out, overwrite=True, kind="file", option="--out"):  # replaces only a report audsim wrote
            checks, wall = run_suite(quick=quick, folder=folder, progress=lambda t: click.echo(f"measured {t}", err=True))
            width = max(len(c.check) for c in checks)
            for c in checks:
                click.echo(f"{c.target}  {c.check:<{width}}  expected {c.expected:<34} measured {c.measured():<32} {c.result()}")
            report = write_report(checks, quick, out, folder)
    except (ScenarioError, outputs.OutputError) as e:
        _fail(str(e))
    failed = [c for c in checks if not c.passed]
    click.echo(f"{summary(checks)} ({wall:.0f} s); wrote {report}")
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (0.0.0.0 exposes it to the network).")
@click.option("--lang", type=click.Choice(["en", "de"]), default="en", show_default=True)
def dashboard(port, host, lang):
    """Start the live dashboard (Solara) at http://HOST:PORT."""
    import os
    import subprocess

    from .dashboard import assets

    _can_listen(host, port)
    try:
        fetched = assets.install()  # Solara's browser files, once, from the npm registry
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
        _fail(f"cannot prepare the dashboard's browser files: {e}")
    if fetched:
        click.echo(f"fetched the dashboard's browser files: {', '.join(fetched)}", err=True)
    compile_first()  # before the server starts: a client's first visit does not wait for the kernels
    click.echo(f"audsim dashboard on http://{host}:{port} (Ctrl-C stops it)", err=True)
    # a client's page: its own title in the browser's tab, no "This website runs on Solara" in the corner
    env = {**os.environ, "AUDSIM_LANG": lang, "SOLARA_THEME_SHOW_BANNER": "false", "SOLARA_THEME_TITLE": "audsim"}
    # Solara's note on cookies for a page embedded in another site over http (twelve lines in the terminal at the
    # first visit) concerns iframes; the dashboard is its own page
    quiet = "ignore:Cookies with samesite=none require https:UserWarning"
    env["PYTHONWARNINGS"] = ",".join(filter(None, (os.environ.get("PYTHONWARNINGS"), quiet)))
    cmd = [sys.executable, "-m", "solara", "run", "sim.dashboard.app", "--host", host, "--port", str(port), "--production", "--no-open"]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, cmd, env)  # the server takes this process's place: stopping audsim's pid stops the server


def _can_listen(host: str, port: int) -> None:
    """Refuse, in one line and before anything starts, an interface this machine does not have or a port in use
    (the server would end with its own error, naming neither option)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        _fail(f"--host = {host!r}: {getattr(e, 'strerror', None) or e}; expected an address or name of this machine, "
              "e.g. 127.0.0.1 or 0.0.0.0")
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: a port just freed is free
        try:
            probe.bind(address)
        except OSError as e:
            what = f"--port = {port}: in use" if e.errno == errno.EADDRINUSE else f"--host = {host!r}: {e.strerror}"
            _fail(f"{what}; expected a free port on an address of this machine")


@main.command()
@click.option("--markdown", is_flag=True, help="Print the table as Markdown (as in docs/ODD.md).")
def params(markdown):
    """List every scenario parameter with its default, range, unit and source."""
    from .experiments.demo import scenarios_dir
    from .scenario import parameters, parameters_markdown
    from .sweep.spec import swept_ranges

    if markdown:
        click.echo(parameters_markdown(swept_ranges(scenarios_dir() / "sweeps")), nl=False)
        return
    base_file = scenarios_dir() / "base" / "mid-size-brand.toml"
    base = runner.resolve(base_file)  # what the shipped strategies extend: a larger market, a longer horizon
    click.echo(f"Defaults are what a scenario file gets for a key it does not set; '[shipped: ...]' where "
               f"{base_file.relative_to(scenarios_dir().parent)}, which every shipped strategy extends, sets another value.")
    for r in parameters():
        shipped = base.value(r["key"]) if not r["key"].startswith("content.TYPE.") else r["default"]
        differs = f" [shipped: {plain(shipped)}]" if shipped != r["default"] else ""
        click.echo(f"{r['key']:<40} {plain(r['default']):<12} {r['range']:<16} {r['unit']:<28} {r['meaning']} (source: {r['source']}){differs}")


def _num(x, spec: str) -> str:
    return "n/a" if x is None else format(x, spec)


def _sum(s: dict, *keys: str) -> str:
    """'a + b - c = total', each rounded to a whole unit and the total their sum as printed (n/a where one is missing)."""
    values = [s.get(k.lstrip("-")) for k in keys]
    if any(v is None for v in values):
        return "n/a"
    signed = [(-1 if k.startswith("-") else 1) * round(v) for k, v in zip(keys, values)]
    text = f"{signed[0]:,}" + "".join(f" {'-' if x < 0 else '+'} {abs(x):,}" for x in signed[1:])
    return f"{text} = {sum(signed):,}"


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
        (f"interaction rate (first -> last {min(30, s['days'])} days)",
         f"{pct(s['interaction_rate_first_30d'])} -> {pct(s['interaction_rate_last_30d'])}"),
        ("engagement per impression", pct(s["engagement_per_impression"])),
        ("complaints raised / answered in time", f"{s['complaints_raised']:,} / {s['complaints_answered_in_time']:,}"),
        ("net advocates (points) / purchase index", f"{s['net_advocates_end']:+.1f} / {_num(s['purchase_index_end'], '.3f')}"
                                                     f"  (start {_num(s['purchase_index_start'], '.3f')})"),
        ("customers at the end / lapsed", f"{s['customers_end']:,} / {s['lapses']:,}"),
        ("revenue / gross profit / cost", f"{s['revenue']:,.0f} / {s['gross_profit']:,.0f} / {s['cost']:,.0f}"),
        ("staff-hours: desk / posts (full-time people)",
         f"{s['staff_hours']:,.0f} / {s['content_hours']:,.0f} ({_num(s.get('full_time_staff'), '.1f')})"),
        ("desk cost per answered complaint", _num(s["cost_per_answer"], ",.0f")),
        ("value undiscounted: contribution (gross profit - cost) + customer equity change", _sum(s, "net_profit", "customer_equity_change")),
        ("value in today's money: contribution + equity at the end (both discounted) - equity at the start",
         _sum(s, "net_profit_present", "customer_equity_end_present", "-customer_equity_start")),
        ("value today, trust's link to money weaker / stronger",
         f"{_num(s.get('value_weak_trust_link'), ',.0f')} / {_num(s.get('value_strong_trust_link'), ',.0f')}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join([f"{name}: {s['days']} days"] + [f"  {k:<{width}}  {v}" for k, v in rows])
