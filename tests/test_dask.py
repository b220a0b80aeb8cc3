"""Dask that fails clearly (issue #16, item 4): an unreachable scheduler, a scheduler lost mid-sweep, a worker lost
mid-sweep, a scheduler file and a Cluster object."""

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest
from click.testing import CliRunner

from sim.cli import main

from .conftest import SCENARIOS

pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sweep_file(tmp_path, reps=20):
    path = tmp_path / "s.toml"
    path.write_text(textwrap.dedent(f"""
        base = "{SCENARIOS / 'stammtisch.toml'}"
        design = "grid"
        reps = {reps}
        people = 3000
        days = 60
        [parameters."strategy.posts_per_day"]
        levels = [1, 2]
    """))
    return path


def _parts(out):
    return len(list((out / "parts").glob("*.parquet"))) if (out / "parts").exists() else 0


def test_an_unreachable_scheduler_is_one_line_soon_and_writes_nothing(tmp_path):
    out = tmp_path / "o"
    started = time.time()
    res = subprocess.run([sys.executable, "-m", "sim", "sweep", str(_sweep_file(tmp_path)), "--scheduler",
                          f"tcp://127.0.0.1:{_free_port()}", "--connect-timeout", "1", "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "cannot reach a Dask scheduler within 1 s" in res.stderr and not out.exists()
    assert time.time() - started < 60


@pytest.mark.parametrize("text", ["{bad", "{}", '{"address": 5}', "[1]"])
def test_a_file_that_is_no_scheduler_file_is_one_line(tmp_path, text):
    """distributed itself fails on these with an AssertionError or a TypeError traceback."""
    (tmp_path / "scheduler.json").write_text(text)
    res = CliRunner().invoke(main, ["sweep", str(_sweep_file(tmp_path)), "--scheduler", str(tmp_path / "scheduler.json"),
                                    "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1, res.output
    assert "not a Dask scheduler file" in res.output and not (tmp_path / "o").exists()


@pytest.mark.parametrize("options, said", [
    (["--scheduler", "nowhere.json"], "--scheduler = 'nowhere.json': no such file and not an address"),
    (["--scheduler", "127.0.0.1:1", "--dask-local", "2"], "expected one of them"),  # an address without tcp:// is one
    (["--scheduler", "tcp://127.0.0.1:1", "--dask-local", "2"], "expected one of them"),
    (["--dask-local", "2", "--workers", "2"], "--workers = 2: local processes, not read when the runs go to Dask"),
])
def test_executor_options_that_would_be_ignored_or_misread_are_refused(tmp_path, options, said):
    """--dask-local with --scheduler ran on the local cluster without a word; --workers with Dask was ignored; a
    scheduler file that does not exist was reported as an unreachable cluster."""
    res = CliRunner().invoke(main, ["sweep", str(_sweep_file(tmp_path)), *options, "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1 and said in res.output, res.output
    assert not (tmp_path / "o").exists()


def test_a_scheduler_lost_mid_sweep_keeps_what_finished_and_says_resume(tmp_path):
    file = tmp_path / "scheduler.json"
    procs = [subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
                               str(file)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        deadline = time.time() + 60
        while not file.exists() and time.time() < deadline:
            time.sleep(0.2)
        procs.append(subprocess.Popen(["dask", "worker", "--scheduler-file", str(file), "--nworkers", "1", "--nthreads", "1",
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        out = tmp_path / "o"
        sweep = subprocess.Popen([sys.executable, "-m", "sim", "sweep", str(_sweep_file(tmp_path)), "--scheduler", str(file),
                                  "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 240
        while _parts(out) < 3 and time.time() < deadline and sweep.poll() is None:
            time.sleep(0.2)
        os.killpg(procs[0].pid, signal.SIGKILL)
        _, err = sweep.communicate(timeout=120)
        lines = [line for line in err.strip().splitlines() if "it/s" not in line and "s/it" not in line and line.strip()]
        assert sweep.returncode == 2 and len(lines) == 1, err[-3000:]
        assert "lost the Dask scheduler" in lines[0] and f"finish it with audsim sweep {_sweep_file(tmp_path)} --out {out} --people 3000 --days 60 --resume" in lines[0]
        saved = pd.read_parquet(out / "runs.parquet")
        assert len(saved) == _parts(out) >= 3 and f"{len(saved)} of 40 runs saved" in lines[0]
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_a_worker_lost_mid_sweep_loses_no_run_and_a_cluster_object_works(tmp_path):
    import psutil
    from distributed import LocalCluster

    from sim.sweep import load_sweep
    from sim.sweep import run as sweep_run

    spec, scenarios = load_sweep(_sweep_file(tmp_path, reps=8))
    out = tmp_path / "o"
    seen = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        workers = [psutil.Process(p.pid) for p in cluster.workers.values() if getattr(p, "pid", None)]

        def progress(row):
            seen.append(row["run_id"])
            if len(seen) == 10 and workers:  # a worker dies while the sweep runs, holding about half the saved results
                workers[0].kill()

        runs = sweep_run.sweep(spec, scenarios, out, scheduler=cluster, progress=progress)
        log = list(cluster.scheduler.transition_log)
    total = len(sweep_run.tasks(spec, scenarios))
    finished = [t[0] for t in log if t[2] == "memory"]
    # saved results were released: only what the dead worker held unsaved is computed again (with one thread a
    # worker, at most a run or two), not the ~5 saved results it would otherwise have held
    assert len(set(finished)) == total and len(finished) - total <= 2, len(finished) - total
    manifest = json.loads((out / "sweep.json").read_text())
    assert manifest["worker_versions"] and all("numpy" in str(v) for v in manifest["worker_versions"].values())
    assert len(runs) == total and runs["run_id"].is_unique and runs["error"].isna().all()
    assert len(seen) == total and len(set(seen)) == total  # each run written once


def test_ctrl_c_on_a_local_cluster_says_one_line(tmp_path):
    """A terminal's Ctrl-C reaches the whole process group: a local cluster's workers and Dask's shutdown printed some
    70 lines of warnings and tracebacks before the one line that says what was saved and how to finish."""
    out = tmp_path / "o"
    cmd = [sys.executable, "-m", "sim", "sweep", str(_sweep_file(tmp_path)), "--dask-local", "2", "--days", "400",
           "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # a test runner may ignore it
    deadline = time.time() + 180
    while time.time() < deadline and len(list((out / "parts").glob("*.parquet"))) < 2:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    err = proc.communicate(timeout=120)[1]
    lines = [line for line in err.replace("\r", "\n").splitlines() if line.strip() and "it/s" not in line and "s/it" not in line]
    assert proc.returncode == 130 and len(lines) == 1 and "interrupted:" in lines[0] and "--resume" in lines[0], err[-3000:]
