"""Running a sweep: every (strategy, point, replication) once, each result saved at once.

Every finished run is written atomically as its own Parquet part under
``parts/``; a sweep killed at any moment loses only the runs in flight, and
``resume`` runs only what has no successful part. A run that raises is
recorded with its error and the sweep goes on. The same seeds give the same
rows whichever executor ran them: serial, local processes, or Dask.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import traceback
import warnings
from concurrent.futures import CancelledError, as_completed
from pathlib import Path

import pandas as pd

from .. import outputs, runner
from ..experiments.compare import replication_seeds
from ..parallel import compile_first, interrupts_held, process_pool, serial_here, side_by_side, terminations_deferred
from .spec import _typed, resume_command


def run_id(strategy: str, point: int, rep: int) -> str:
    return f"{strategy}--p{point:06d}--r{rep:04d}"


def tasks(spec, scenarios) -> list[dict]:
    """Every run of the sweep: strategy x point x replication, with its seed (shared across strategies, and
    across points unless ``common_random_numbers`` is off)."""
    points = spec.points()
    shared = spec.common_random_numbers
    seeds = replication_seeds(spec.seed, spec.reps * (1 if shared else len(points)))
    worded = {k for k, v in spec.parameters.items() if v.worded}  # a column of text: "auto", "1.0", "2.0"
    out = []
    for i, point in enumerate(points):
        for name, sc in scenarios.items():
            for r, seed in enumerate(seeds if shared else seeds[i * spec.reps:(i + 1) * spec.reps]):
                out.append({"run_id": run_id(name, i, r), "strategy": name, "point": i, "rep": r, "seed": seed,
                            "params": {k: _typed(sc, k, v) for k, v in point.items()}, "scenario": sc, "worded": worded})
    return out


def execute(task: dict) -> dict:
    """One run; never raises: an error is part of the row."""
    row = {k: task[k] for k in ("run_id", "strategy", "point", "rep", "seed")}
    row.update({f"param:{k}": str(v) if k in task["worded"] else v for k, v in task["params"].items()})
    try:
        sc = task["scenario"].with_overrides(source="sweep", **{**task["params"], "simulation.seed": task["seed"]})
        row["scenario_hash"] = sc.hash()  # of the scenario as it ran, its seed included
        with warnings.catch_warnings():  # a horizon that leaves planned changes out was said once, as the sweep was read
            warnings.simplefilter("ignore", runner.HorizonWarning)
            result = runner.run(sc, seed=task["seed"])
        row.update({k: (float("nan") if v is None else v) for k, v in result.summary.items() if isinstance(v, (int, float, type(None)))})
        row["error"] = None  # null in runs.parquet: no error
    except Exception as e:  # recorded, not raised: one failing point must not stop a sweep (Ctrl-C is no Exception)
        row["error"] = f"{e.__class__.__name__}: {e}".splitlines()[0] or traceback.format_exc(limit=1)
    return row


def write_part(parts: Path, row: dict) -> None:
    """Write one run's row atomically: a temporary file, then a rename."""
    tmp = parts / f".{row['run_id']}.parquet.tmp"
    pd.DataFrame([row]).to_parquet(tmp, index=False)
    os.replace(tmp, parts / f"{row['run_id']}.parquet")


def done_ids(parts: Path) -> set[str]:
    """Run ids with a successful part already on disk."""
    done = set()
    for f in parts.glob("*.parquet"):
        try:
            if pd.isna(pd.read_parquet(f, columns=["error"])["error"].iloc[0]):
                done.add(f.stem)
        except Exception:  # an unreadable part is run again
            continue
    return done


def sweep(spec, scenarios, out: str | Path, workers: int | None = None, scheduler=None,
          dask_local: int | None = None, resume: bool = False, progress=None, overwrite: bool = False,
          security=None, connect_timeout: float = 10.0) -> pd.DataFrame:
    """Run a sweep into ``out``; return all its rows (also in runs.parquet). ``sim.sweep.analyze(out)`` then
    writes sensitivity.csv and the plots, as ``audsim sweep`` does after its runs. A market too large for the memory
    (``audsim --max-memory``, else what the machine has) is refused before anything is written (ScenarioError).

    Args:
        workers: local processes (default all cores; 1 runs here, serially).
        scheduler: a Dask scheduler's address (tcp://host:8786, tls://...), a scheduler file, a
            ``distributed.Client`` or a ``Cluster`` object (LocalCluster, Coiled, Dask Gateway).
        security: a ``distributed.Security`` for TLS (or ``Security.temporary()``).
        connect_timeout: seconds to wait for the scheduler before a one-line :class:`DaskError`.
        dask_local: start a local Dask cluster with this many workers.
        resume: keep the successful parts already in ``out/parts``.
        progress: callable ``progress(row)`` after each run.
        overwrite: start again in a folder that holds an earlier audsim output (see :mod:`sim.outputs`).
    """
    if scheduler is None or dask_local:  # a remote cluster's workers weigh each run against their own memory
        runs = len(spec.points()) * spec.reps * len(scenarios)
        check_memory(spec, scenarios, dask_local or side_by_side(runs, workers))
    with contextlib.ExitStack() as stack:
        if scheduler is not None and not dask_local:  # reach the cluster first: an unreachable one leaves nothing behind
            scheduler = stack.enter_context(_connected(scheduler, security, connect_timeout))
        with outputs.claim(out, overwrite, "sweep") as claimed:
            start_afresh(claimed, resume, "sweep")
            if resume:
                same_sweep(claimed, spec, scenarios)
            return _sweep(spec, scenarios, claimed.target, workers, scheduler, dask_local, resume, progress, security, connect_timeout)


def check_memory(spec, scenarios, at_once: int) -> None:
    """Refuse in one line, before any run, a sweep whose largest market would not fit ``at_once`` times in memory, as
    ``run`` and ``compare`` do (else each run fails on its own, one by one)."""
    swept = [k for k in spec.parameters if k in ("market.people", "market.mean_degree")]
    for sc in scenarios.values():
        sizes = [sc.model_copy(update={"market": sc.market.model_copy(update={k.split(".")[1]: _typed(sc, k, point[k]) for k in swept})})
                 for point in spec.points()] if swept else [sc]
        runner.check_memory(max(sizes, key=runner.memory_needed), at_once)


@contextlib.contextmanager
def _connected(scheduler, security, timeout: float):
    """A Client for ``scheduler`` (closed afterwards unless it was given as a Client)."""
    try:
        from distributed import Client
    except ImportError:
        raise RuntimeError("Dask is not installed: pip install 'audsim[dask]'") from None
    where = scheduler if isinstance(scheduler, (str, Path)) else type(scheduler).__name__
    client = _client(Client, scheduler, security, timeout, str(where))
    try:
        yield client
    finally:
        if client is not scheduler:
            with contextlib.suppress(Exception):
                client.close(timeout=5)


def start_afresh(claimed, resume: bool, what: str) -> None:
    """An output filled run by run: keep it (``resume``), clear it (``overwrite``), or refuse."""
    out = claimed.target
    if not (out.exists() and any(out.iterdir())):
        return
    if resume and ((out / "sweep.json").exists() or what != "sweep"):
        return
    if not claimed.overwrite:
        if what == "sweep" and not (out / "sweep.json").exists():  # another command's output: there is nothing to resume
            raise FileExistsError(f"{claimed.described} holds the output of another audsim command, not a sweep; choose another "
                                  "--out, or --overwrite to replace it")
        begun = outputs.command_in(out, ("sweep.json",))
        if begun is not None and outputs.subcommand(begun) != outputs.subcommand(runner.command_line()):  # a robustness study's runs
            raise FileExistsError(_begun_elsewhere(claimed, begun))
        raise FileExistsError(f"{claimed.described} holds an earlier {what}; add --resume to finish it, --overwrite to start again, "
                              "or choose another --out")
    claimed.clear_for_sweep()


def _begun_elsewhere(claimed, begun: str) -> str:
    return (f"{claimed.described} holds the runs of another command ({begun}), which alone can --resume them; "
            "choose another --out, or --overwrite to start again")


def same_sweep(claimed, spec, scenarios) -> None:
    """Resume only the sweep whose runs are on disk: the same design, scenarios (sizes, horizon) and model code,
    so that old and new runs never mix in one table. What does not change a run may change: the sweep's name, its
    outcomes (the analysis only), how its scenario files are spelt (the scenarios themselves are compared), and,
    with common random numbers, more replications (the earlier ones keep their seeds)."""
    try:
        earlier = json.loads((claimed.target / "sweep.json").read_text())
    except (OSError, ValueError):
        return  # nothing recorded yet: no run was started
    before, now = earlier.get("sweep", {}), spec.model_dump(mode="json")
    free = dict.fromkeys(("name", "outcomes", "base", "strategies"))
    if now.get("common_random_numbers") and before.get("common_random_numbers") and now.get("reps", 0) >= before.get("reps", 0):
        free["reps"] = None
    changed = _changes({**before, **free}, {**now, **free})
    hashes = earlier.get("scenario_hashes", {})
    if not changed and hashes:  # the design is the same: a scenario file itself was edited, or another one named
        if set(hashes) == set(scenarios):
            changed = [f"scenario {n} changed since" for n, sc in scenarios.items() if hashes[n] != sc.hash()]
        elif sorted(hashes.values()) != sorted(sc.hash() for sc in scenarios.values()):
            changed = [f"scenarios {', '.join(sorted(hashes))} there, {', '.join(sorted(scenarios))} now"]
    if earlier.get("versions", {}).get("audsim_model_source") not in (None, runner.versions()["audsim_model_source"]):
        changed.append("the model's code changed")
    begun, now = earlier.get("command"), outputs.subcommand(runner.command_line())
    if changed and isinstance(begun, str) and outputs.subcommand(begun) != now:
        raise outputs.OutputError(_begun_elsewhere(claimed, begun))
    if changed:
        same = _RESUMES_WITH.get(now, _RESUMES_WITH["sweep"])
        raise outputs.OutputError(f"{claimed.described} holds the runs of another sweep ({'; '.join(changed[:3])}); "
                                  f"expected {same} to --resume, or --overwrite to start again")


_RESUMES_WITH = {  # what must stay the same for a command's runs on disk to be resumed
    "sweep": "the same sweep file, --people, --days, --samples and at least as many --reps (more only with common random numbers)",
    "robustness": "the same two scenarios, --vary file, --people and --days",
    "calibrate": "the same calibration file (base, targets, ranges, fixed values, market and horizon: a later round's "
                 "ranges follow the earlier rounds' fit), "
                 "--params, --samples and --reps",
}


def _changes(before: dict, now: dict, prefix: str = "") -> list[str]:
    """What differs between two records of a sweep, as "key: before there, now here"."""
    out = []
    for key in sorted(set(before) | set(now), key=str):
        a, b = before.get(key), now.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out += _changes(a, b, f"{prefix}{key}.")
        elif a != b:
            out.append(f"{prefix}{key}: {json.dumps(a)} there, {json.dumps(b)} now")
    return out


def _sweep(spec, scenarios, out: Path, workers, scheduler, dask_local, resume, progress, security=None,
           connect_timeout: float = 10.0) -> pd.DataFrame:
    parts = out / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    for stale in parts.glob(".*.tmp"):
        stale.unlink()
    todo = tasks(spec, scenarios)
    skip = done_ids(parts) if resume else set()
    pending = [t for t in todo if t["run_id"] not in skip]
    if pending:  # an analysis of fewer runs (a sweep resumed with more replications) no longer describes this sweep
        for earlier in ("runs.parquet", "sensitivity.csv", "sensitivity.png"):
            (out / earlier).unlink(missing_ok=True)
    manifest = {"sweep": spec.model_dump(mode="json"), "scenarios": {n: sc.model_dump(mode="json") for n, sc in scenarios.items()},
                "scenario_hashes": {n: sc.hash() for n, sc in scenarios.items()}, "runs": len(todo),
                "replication_seeds": list(dict.fromkeys(t["seed"] for t in todo)), "versions": runner.versions(),
                "command": runner.command_line()}
    (out / "sweep.json").write_text(json.dumps(manifest, indent=2, default=str))

    def record(row):
        write_part(parts, row)
        if progress:
            progress(row)

    if scheduler is not None or dask_local:
        try:
            def workers_versions(versions):  # the manifest names what the workers ran, not only this machine
                manifest["worker_versions"] = versions
                (out / "sweep.json").write_text(json.dumps(manifest, indent=2, default=str))

            _on_dask(pending, record, scheduler, dask_local, security, connect_timeout, workers_versions)
        except DaskError as e:
            collect(out, [t["run_id"] for t in todo])  # what finished is kept, and readable
            saved = len(done_ids(parts) & {t["run_id"] for t in todo})
            raise DaskError(f"{e}: {saved} of {len(todo)} runs saved in {out}; finish it with {resume_command(spec, out, runner.command_line())}") from None
    elif serial_here(workers):
        for t in pending:
            record(execute(t))
    else:
        with process_pool(workers or os.cpu_count()) as pool:
            with terminations_deferred():  # the first submissions start the workers
                futures = [pool.submit(execute, t) for t in pending]
            for fut in as_completed(futures):
                record(fut.result())
    return collect(out, [t["run_id"] for t in todo])


class DaskError(RuntimeError):
    """A Dask cluster that cannot be reached or was lost; the message is one line for a user."""


def _on_dask(pending, record, scheduler, dask_local, security=None, connect_timeout: float = 10.0, on_versions=None) -> None:
    """Run ``pending`` on Dask: ``scheduler`` is an address (tcp://, tls://), a scheduler file (JSON), a
    ``distributed.Client`` or a ``Cluster`` (LocalCluster, Coiled, Dask Gateway); ``security`` a
    ``distributed.Security`` (TLS). Each result is released as soon as it is written, so a lost worker makes the
    scheduler recompute only what was not saved."""
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError:
        raise RuntimeError("Dask is not installed: pip install 'audsim[dask]'") from None
    cluster = _local_cluster(LocalCluster, dask_local) if dask_local else None
    where = getattr(getattr(scheduler, "scheduler", None), "address", None) or (
        scheduler if isinstance(scheduler, str) else "a local cluster" if scheduler is None else type(scheduler).__name__)
    try:
        client = _client(Client, cluster or scheduler, security, connect_timeout, where)
        if on_versions is not None:
            with contextlib.suppress(Exception):
                on_versions({w: v.get("packages", v) for w, v in client.get_versions(check=False).get("workers", {}).items()})
        try:
            ac = dask_completed([client.submit(execute, t, pure=False) for t in pending])
            for fut in ac:
                record(fut.result())
                fut.release()  # written: the cluster may forget it
        except (OSError, TimeoutError, asyncio.CancelledError, CancelledError) as e:
            raise DaskError(f"lost the Dask scheduler at {where} ({e.__class__.__name__})") from None
        except KeyboardInterrupt:  # the caller says what was saved in one line; Dask's shutdown need not say more
            logging.getLogger("distributed").setLevel(logging.CRITICAL)
            raise
        finally:
            if not isinstance(scheduler, Client):
                with contextlib.suppress(Exception):
                    client.close(timeout=5)
    finally:
        if cluster is not None:
            cluster.close()


def _local_cluster(LocalCluster, workers: int):
    """A local cluster whose processes leave Ctrl-C to this one: started with SIGINT ignored, which they inherit (a
    terminal's Ctrl-C reaches the whole process group, and each worker printed its own traceback)."""
    compile_first()
    with interrupts_held(), warnings.catch_warnings():  # another cluster on Dask's default port: this one, without a
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)  # dashboard, takes another
        # its workers' log quiet below CRITICAL: as Ctrl-C cancels the runs and closes the scheduler, a worker's heartbeat
        # to it logs an ERROR with a traceback; a run's own error is in its part, a lost cluster is a DaskError
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.CRITICAL)


def _client(Client, target, security, timeout: float, where: str):
    """A connected Client for an address, a scheduler file, a Cluster or a Client (returned as it is)."""
    if isinstance(target, Client):
        return target
    try:
        if isinstance(target, (str, Path)) and Path(target).is_file():
            _scheduler_file(Path(target), where)
            return Client(scheduler_file=str(target), security=security, timeout=timeout)
        return Client(target, security=security, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as e:
        raise DaskError(f"--scheduler = {where}: cannot reach a Dask scheduler within {timeout:g} s ({e.__class__.__name__}); "
                        "expected the address of a running scheduler (tcp://HOST:8786), a scheduler file or a Cluster") from None


def _scheduler_file(path: Path, where: str) -> None:
    """A scheduler file Dask can read: JSON with the scheduler's address (else distributed fails with an assertion)."""
    try:
        address = json.loads(path.read_text()).get("address")
    except (OSError, ValueError, AttributeError, UnicodeDecodeError):
        address = None
    if not isinstance(address, str) or not address:
        raise DaskError(f"--scheduler = {where}: not a Dask scheduler file (no \"address\" in JSON); expected the file "
                        "`dask scheduler --scheduler-file FILE` writes, or the address of a running scheduler (tcp://HOST:8786)")


def collect(out: Path, order: list[str]) -> pd.DataFrame:
    """All parts as one table in design order, written to runs.parquet (``attrs["folder"]`` names ``out``)."""
    frames = []
    for f in sorted((out / "parts").glob("*.parquet")):
        try:
            frames.append(pd.read_parquet(f))
        except Exception:  # an unreadable part counts as a run not made, as in done_ids: --resume makes it again
            continue
    runs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["run_id"])
    rank = {rid: i for i, rid in enumerate(order)}
    runs = runs[runs["run_id"].isin(rank)].sort_values("run_id", key=lambda c: c.map(rank)).reset_index(drop=True)
    tmp = out / ".runs.parquet.tmp"
    if "error" in runs:  # text, also where every run succeeded (all null would be typed null)
        runs["error"] = runs["error"].astype("string")
    runs.to_parquet(tmp, index=False)
    os.replace(tmp, out / "runs.parquet")
    runs.attrs["folder"] = str(out)  # named in a message when no run succeeded (analyze.point_means)
    return runs
