"""Workers and servers die with their parent (issue #11).

Each command is started as a user would start it, stopped with SIGKILL or
SIGTERM while its workers run, and after 5 s no process it started may be
left running, nor holding its output pipe (a wrapper reading that pipe would
otherwise wait forever). Zombies are not counted: they hold no memory and no
files, and a normal init reaps them (this sandbox's does not).
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

from .conftest import ROOT, SCENARIOS, dashboard_start_lock

BIG = ["--people", "300000", "--days", "365"]  # runs long enough to be in flight when the signal comes


def _validation_folder(tmp_path):
    folder = tmp_path / "targets"
    folder.mkdir()
    v1 = (ROOT / "validation" / "v1_interaction_decline.toml").read_text()
    (folder / "v1.toml").write_text(v1.replace('scenario = "../scenarios/stammtisch.toml"', f'scenario = "{SCENARIOS / "stammtisch.toml"}"'))
    return folder


def _sweep_file(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(textwrap.dedent(f"""
        base = "{SCENARIOS / 'stammtisch.toml'}"
        design = "grid"
        reps = 4
        people = 300000
        [parameters."strategy.posts_per_day"]
        levels = [1, 2, 3]
    """))
    return path


def command(name, tmp_path, port):
    st, tu = str(SCENARIOS / "stammtisch.toml"), str(SCENARIOS / "tupperparty.toml")
    return {
        "sweep": ["sweep", str(_sweep_file(tmp_path)), "--workers", "2", "--out", str(tmp_path / "o")],
        "compare": ["compare", tu, st, "--reps", "10", *BIG, "--workers", "2", "--out", str(tmp_path / "o")],
        "validate": ["validate", "--quick", "--folder", str(_validation_folder(tmp_path))],
        "calibrate": ["calibrate", str(SCENARIOS / "calibration" / "stammtisch-targets.toml"), "--params", "platform.reach_base",
                      "--workers", "2", "--out", str(tmp_path / "fit.toml")],
        "dashboard": ["dashboard", "--port", str(port)],
    }[name]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _alive(procs):
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except psutil.NoSuchProcess:
            pass
    return out


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("name", ["sweep", "compare", "validate", "calibrate", "dashboard"])
def test_nothing_outlives_a_stopped_command(tmp_path, name, sig):
    port = _free_port()
    with dashboard_start_lock() if name == "dashboard" else contextlib.nullcontext():
        proc = subprocess.Popen([sys.executable, "-m", "sim", *command(name, tmp_path, port)], cwd=tmp_path,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        parent = psutil.Process(proc.pid)
        deadline = time.time() + 120
        ready = False
        while time.time() < deadline and proc.poll() is None and not ready:  # wait for the workers (or the server)
            time.sleep(0.2)
            ready = _listening(port) if name == "dashboard" else len(_alive(parent.children(recursive=True))) >= 2
    if not ready:
        proc.kill()
        tail = proc.communicate(timeout=10)[0].decode(errors="replace")[-2000:]
        pytest.fail(f"{name} did not start its workers (exit {proc.poll()}):\n{tail}")
    started = parent.children(recursive=True)
    proc.send_signal(sig)
    # returns only once nobody holds the output pipe; a worker still importing when its parent died leaves only once
    # it reaches its start-up check, which on a loaded machine can take tens of seconds
    out, _ = proc.communicate(timeout=90)
    deadline = time.time() + 5
    while _alive(started) and time.time() < deadline:
        time.sleep(0.1)
    assert not _alive(started), [p.cmdline()[:4] for p in _alive(started)]
    if name == "dashboard":
        assert not _listening(port)
    if sig == signal.SIGTERM:
        assert "Traceback" not in out.decode(errors="replace")


def test_sigterm_inside_a_compiled_kernel_ends_quietly(tmp_path, monkeypatch):
    """Numba wraps the SystemExit that SIGTERM raises inside a kernel in SystemErrors; the user sees one line."""
    from click.testing import CliRunner

    from sim import runner
    from sim.cli import main

    def stopped_in_a_kernel(*args, **kwargs):
        try:
            raise SystemExit(128 + signal.SIGTERM)
        except SystemExit as e:
            raise SystemError("CPUDispatcher(<function _react>) returned a result with an exception set") from e

    monkeypatch.setattr(runner, "run", stopped_in_a_kernel)
    res = CliRunner().invoke(main, ["run", str(SCENARIOS / "stammtisch.toml"), "--days", "5", "--people", "200",
                                    "--out", str(tmp_path / "r")])
    assert res.exit_code == 128 + signal.SIGTERM and "Traceback" not in res.output, res.output
    assert res.output.strip() == "audsim: stopped" and not (tmp_path / "r").exists()


def test_a_pool_left_while_its_queues_are_held_exits_without_a_traceback(tmp_path):
    """After SIGTERM a traceback can still hold the pool's queues when the pool is left; stopping multiprocessing's
    resource tracker then would unlink their semaphores under them, and their clean-up at exit printed tracebacks
    (seen in CI as compare-SIGTERM's failure)."""
    script = tmp_path / "held.py"
    script.write_text(textwrap.dedent("""
        import operator
        from sim.parallel import process_pool
        held = []
        if __name__ == "__main__":
            with process_pool(2) as pool:
                list(pool.map(operator.neg, [1, -2]))
                held.append(pool._call_queue)
            print("left the pool")
    """))
    res = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and "left the pool" in res.stdout, res.stderr
    assert "Traceback" not in res.stderr, res.stderr


def _sigint_handler(_):
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_pool_workers_leave_ctrl_c_to_their_parent():
    """A terminal's Ctrl-C reaches the whole process group: workers waiting for their next task while the parent wrote
    a report each printed a KeyboardInterrupt traceback above the one line 'interrupted; nothing written'. The parent
    stops them (it kills the workers of an interrupted block); they ignore SIGINT."""
    from sim.parallel import map_tasks

    assert list(map_tasks(_sigint_handler, [0, 1], workers=2)) == [True, True]




def test_children_started_holding_ctrl_c_ignore_it_from_their_first_line():
    """A local Dask cluster's processes must never see a terminal's Ctrl-C (each printed a traceback): started inside
    ``interrupts_held``, a child ignores SIGINT from its first line (across spawn's exec); the parent's own handler
    and mask come back."""
    import multiprocessing

    from sim.parallel import interrupts_held

    mask, handler = signal.pthread_sigmask(signal.SIG_BLOCK, []), signal.getsignal(signal.SIGINT)
    ctx = multiprocessing.get_context("spawn")
    held, plain = ctx.Process(target=_exit_ignoring_ctrl_c), ctx.Process(target=_exit_ignoring_ctrl_c)
    with interrupts_held():
        held.start()
    plain.start()
    held.join(60)
    plain.join(60)
    assert (held.exitcode, plain.exitcode) == (0, 3)  # only the one started inside ignored it from the start
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask and signal.getsignal(signal.SIGINT) == handler


def _exit_ignoring_ctrl_c():
    sys.exit(0 if signal.getsignal(signal.SIGINT) == signal.SIG_IGN else 3)


def test_a_sigterm_while_workers_start_ends_the_command_after_they_have_started():
    """SIGTERM's SystemExit raised while a pool worker was being started (its start-up data half written to its
    pipe) made the worker print "EOFError: Ran out of input". Inside ``terminations_deferred`` it is held, and raised
    when the block ends; outside, at once."""
    from sim.parallel import terminate_on_signal, terminations_deferred

    before = signal.getsignal(signal.SIGTERM)
    try:
        terminate_on_signal()
        reached = []
        with pytest.raises(SystemExit) as ended:
            with terminations_deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.2)  # the handler has run by now
                reached.append(True)
        assert reached == [True] and ended.value.code == 128 + signal.SIGTERM
        terminate_on_signal()
        with pytest.raises(SystemExit):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.2)
    finally:
        signal.signal(signal.SIGTERM, before)

