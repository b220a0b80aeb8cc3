"""Running a sweep: every (strategy, point, replication) once, each result saved at once.

Every finished run is written atomically as its own Parquet part under
``parts/``; a sweep killed at any moment loses only the runs in flight, and
``resume`` runs only what has no successful part. A run that raises is
recorded with its error and the sweep goes on. The same seeds give the same
rows whichever executor ran them: serial, local processes, or Dask.
"""

from __future__ import annotations

import json
import os
import traceback
from concurrent.futures import as_completed
from pathlib import Path

import pandas as pd

from .. import outputs, runner
from ..parallel import process_pool, serial_here
from ..experiments.compare import replication_seeds
from .spec import _typed


def run_id(strategy: str, point: int, rep: int) -> str:
    return f"{strategy}--p{point:06d}--r{rep:04d}"


def tasks(spec, scenarios) -> list[dict]:
    """Every run of the sweep: strategy x point x replication, with its seed (shared across strategies, and
    across points unless ``common_random_numbers`` is off)."""
    points = spec.points()
    shared = spec.common_random_numbers
    seeds = replication_seeds(spec.seed, spec.reps * (1 if shared else len(points)))
    out = []
    for i, point in enumerate(points):
        for name, sc in scenarios.items():
            for r, seed in enumerate(seeds if shared else seeds[i * spec.reps:(i + 1) * spec.reps]):
                out.append({"run_id": run_id(name, i, r), "strategy": name, "point": i, "rep": r, "seed": seed,
                            "params": {k: _typed(sc, k, v) for k, v in point.items()}, "scenario": sc})
    return out


def execute(task: dict) -> dict:
    """One run; never raises: an error is part of the row."""
    row = {k: task[k] for k in ("run_id", "strategy", "point", "rep", "seed")}
    row.update({f"param:{k}": v for k, v in task["params"].items()})
    try:
        sc = task["scenario"].with_overrides(source="sweep", **task["params"])
        row["scenario_hash"] = sc.hash()
        result = runner.run(sc, seed=task["seed"])
        row.update({k: (float("nan") if v is None else v) for k, v in result.summary.items() if isinstance(v, (int, float, type(None)))})
        row["error"] = ""
    except Exception as e:  # recorded, not raised: one failing point must not stop a sweep
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
            if pd.read_parquet(f, columns=["error"])["error"].iloc[0] == "":
                done.add(f.stem)
        except Exception:  # an unreadable part is run again
            continue
    return done


def sweep(spec, scenarios, out: str | Path, workers: int | None = None, scheduler: str | None = None,
          dask_local: int | None = None, resume: bool = False, progress=None, overwrite: bool = False) -> pd.DataFrame:
    """Run a sweep into ``out``; return all its rows (also in runs.parquet).

    Args:
        workers: local processes (default all cores; 1 runs here, serially).
        scheduler: address of a Dask scheduler (tcp://host:8786).
        dask_local: start a local Dask cluster with this many workers.
        resume: keep the successful parts already in ``out/parts``.
        progress: callable ``progress(row)`` after each run.
        overwrite: start again in a folder that holds an earlier audsim output (see :mod:`sim.outputs`).
    """
    with outputs.claim(out, overwrite, "sweep") as claimed:
        start_afresh(claimed, resume, "sweep")
        return _sweep(spec, scenarios, claimed.target, workers, scheduler, dask_local, resume, progress)


def start_afresh(claimed, resume: bool, what: str) -> None:
    """An output filled run by run: keep it (``resume``), clear it (``overwrite``), or refuse."""
    out = claimed.target
    if not (out.exists() and any(out.iterdir())):
        return
    if resume and ((out / "sweep.json").exists() or what != "sweep"):
        return
    if not claimed.overwrite:
        raise FileExistsError(f"{claimed.described} holds an earlier {what}; add --resume to finish it, --overwrite to start again, "
                              "or choose another --out")
    claimed.clear_for_sweep()


def _sweep(spec, scenarios, out: Path, workers, scheduler, dask_local, resume, progress) -> pd.DataFrame:
    parts = out / "parts"
    parts.mkdir(parents=True, exist_ok=True)
    for stale in parts.glob(".*.tmp"):
        stale.unlink()
    todo = tasks(spec, scenarios)
    skip = done_ids(parts) if resume else set()
    pending = [t for t in todo if t["run_id"] not in skip]
    manifest = {"sweep": spec.model_dump(mode="json"), "scenarios": {n: sc.model_dump(mode="json") for n, sc in scenarios.items()},
                "scenario_hashes": {n: sc.hash() for n, sc in scenarios.items()}, "runs": len(todo),
                "replication_seeds": list(dict.fromkeys(t["seed"] for t in todo)), "versions": runner.versions(),
                "command": runner.command_line()}
    (out / "sweep.json").write_text(json.dumps(manifest, indent=2, default=str))

    def record(row):
        write_part(parts, row)
        if progress:
            progress(row)

    if scheduler or dask_local:
        _on_dask(pending, record, scheduler, dask_local)
    elif serial_here(workers):
        for t in pending:
            record(execute(t))
    else:
        with process_pool(workers or os.cpu_count()) as pool:
            for fut in as_completed([pool.submit(execute, t) for t in pending]):
                record(fut.result())
    return collect(out, [t["run_id"] for t in todo])


def _on_dask(pending, record, scheduler, dask_local) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed as dask_completed
    except ImportError:
        raise RuntimeError("Dask is not installed: pip install 'audsim[dask]'") from None
    cluster = LocalCluster(n_workers=dask_local, threads_per_worker=1, processes=True, dashboard_address=None) if dask_local else None
    try:
        with Client(cluster or scheduler) as client:
            futures = [client.submit(execute, t, pure=False) for t in pending]
            for fut in dask_completed(futures):
                record(fut.result())
    finally:
        if cluster is not None:
            cluster.close()


def collect(out: Path, order: list[str]) -> pd.DataFrame:
    """All parts as one table in design order, written to runs.parquet."""
    frames = [pd.read_parquet(f) for f in sorted((out / "parts").glob("*.parquet"))]
    runs = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["run_id"])
    rank = {rid: i for i, rid in enumerate(order)}
    runs = runs[runs["run_id"].isin(rank)].sort_values("run_id", key=lambda c: c.map(rank)).reset_index(drop=True)
    tmp = out / ".runs.parquet.tmp"
    runs.to_parquet(tmp, index=False)
    os.replace(tmp, out / "runs.parquet")
    return runs
