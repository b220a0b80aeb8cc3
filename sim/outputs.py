"""Where results go: never over a user's files, never two writers at once, nothing half-written.

Every command that writes goes through :func:`claim`. It resolves the target
(symlinks included) before anything is written, refuses the current folder,
its ancestors and the home folder, refuses an existing non-empty target
unless ``overwrite`` is given *and* the target holds audsim's own manifest,
and takes a lock (``.NAME.lock`` beside the target, ``flock``, so a killed
writer never leaves a stale lock) that a second writer meets at once.
Results are written into a fresh temporary sibling and renamed into place;
an old output being overwritten is moved aside first and deleted only once
the new one is in place.
"""

from __future__ import annotations

import fcntl
import fnmatch
import json
import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

MANIFESTS = ("manifest.json", "sweep.json")  # a folder holding one of these, naming audsim, is audsim's
TEXT_MARKERS = {".toml": ("# Fitted by audsim calibrate (approximate Bayesian computation over a Latin hypercube).",),
                ".md": ("# Validation report (quick suite)", "# Validation report (full suite)")}  # first line of audsim's own files
OWN = ("daily.csv", "summary.json", "manifest.json", "degrees.csv", "people.parquet", "runs.csv", "compare.csv", "differences.csv",
       "trajectories.csv", "trajectories.png", "trajectories.svg", "headline.png", "headline.svg", "report.html", "report.pdf", "report.pptx", "sweep.json", "parts",
       "runs.parquet", "sensitivity.csv", "sensitivity.png", "robustness.csv", "robustness.json", "robustness.png", "points.csv",
       "estimates.csv", "round*", "breakeven.csv", "breakeven_runs.csv", "breakeven.json", "breakeven.png", "breakeven.svg",
       ".runs.parquet.tmp", ".sensitivity.*.tmp", ".robustness.*.tmp",  # these three: left by a writer killed mid-move
       )  # what audsim writes into an output folder: --overwrite replaces nothing else


FROM_PYTHON = " (overwrite=True from Python)"  # the command line leaves this out of its messages
OVERWRITE = "add --overwrite" + FROM_PYTHON  # how to replace an earlier result, from the command or Python


class OutputError(Exception):
    """An output that cannot be written without harming what is there: one line for the user."""


_held: dict[Path, "Claim"] = {}  # targets this process has claimed (so a library writer inside a CLI claim reuses it)


def is_audsim_json(path: Path) -> bool:
    """True if ``path`` is a JSON manifest audsim wrote (it names audsim's version)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("versions"), dict) and "audsim" in data["versions"]


def is_audsim_folder(folder: Path) -> bool:
    """True if ``folder`` holds a manifest that audsim wrote."""
    return any(is_audsim_json(folder / name) for name in MANIFESTS)


def is_audsim_file(path: Path) -> bool:
    """True if ``path`` is a file audsim wrote (a JSON manifest, or text whose first line is audsim's marker)."""
    if path.suffix == ".json":
        return is_audsim_json(path)
    markers = TEXT_MARKERS.get(path.suffix, ())
    try:
        with open(path, encoding="utf-8") as f:
            return f.readline().rstrip("\n") in markers
    except (OSError, UnicodeDecodeError):
        return False


def resolve(out: str | Path, option: str = "--out") -> Path:
    """The absolute target with every symlink resolved; refuses the places no output may replace."""
    target = Path(out).expanduser().resolve()
    home = Path.home().resolve()
    cwd = Path.cwd().resolve()
    if target == home or target == Path(target.anchor) or cwd == target or cwd.is_relative_to(target):
        where = "the home folder" if target == home else "the current folder or one of its parents"
        raise OutputError(f"{_shown(out, target, option)} is {where}; expected a new or empty folder, e.g. results/NAME")
    return target


def _shown(out, target: Path, option: str = "--out") -> str:
    """``--out = 'GIVEN'``, with the real target where it differs (a relative path, a symlink)."""
    return f"{option} = {str(out)!r}" + ("" if str(out) == str(target) else f" ({target})")


def check(out: str | Path, overwrite: bool = False, kind: str = "folder", option: str = "--out") -> Path:
    """The resolved target if writing ``out`` harms nothing, else :class:`OutputError`.

    ``kind`` is ``"folder"`` (replaced whole), ``"sweep"`` (a folder filled run by run) or ``"file"``;
    ``option`` is how the user named it in messages.
    """
    target = resolve(out, option)
    shown = _shown(out, target, option)
    if not target.exists():
        return target
    if kind == "file":
        if target.is_dir():
            raise OutputError(f"{shown} is a folder; expected a file name")
        if not is_audsim_file(target):
            raise OutputError(f"{shown} exists and audsim did not write it; choose another file")
        if not overwrite:
            raise OutputError(f"{shown} exists; {OVERWRITE} to replace it, or choose another file")
        return target
    if not target.is_dir():
        raise OutputError(f"{shown} is a file; expected a folder")
    if not any(target.iterdir()):
        return target
    if not is_audsim_folder(target):
        raise OutputError(f"{shown} holds files audsim did not write; choose a new or empty folder")
    foreign = sorted(p.name for p in target.iterdir() if not any(fnmatch.fnmatchcase(p.name, own) for own in OWN))
    if foreign:
        raise OutputError(f"{shown} holds files audsim did not write ({', '.join(foreign[:3])}); choose a new or empty folder")
    if kind == "folder" and not overwrite:  # a sweep's folder is kept (resume) or cleared (overwrite) by its writer
        raise OutputError(f"{shown} holds earlier results; {OVERWRITE} to replace them, or choose another folder")
    if overwrite:
        _same_command(target, shown)
    return target


def command_in(folder: Path, manifests: tuple[str, ...] = MANIFESTS) -> str | None:
    """The command that wrote the output in ``folder``, as its manifest records it (None where none is read)."""
    for name in manifests:
        try:
            data = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        command = data.get("command") if isinstance(data, dict) else None
        if isinstance(command, str):
            return command
    return None


def subcommand(command: str | None) -> str | None:
    """``run`` of ``audsim --max-memory 4GB run x.toml``; None for a command that is not audsim's."""
    words = (command or "").split()
    program = Path(words[0]).name.removesuffix(".exe") if words else ""
    if program not in ("audsim", "__main__.py"):  # earlier manifests recorded the program's whole path (.venv/bin/audsim)
        return None
    rest = iter(words[1:])
    for word in rest:
        if word == "--max-memory":
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return None


def _same_command(target: Path, shown: str) -> None:
    """--overwrite replaces an output of the same command: a run's --out pointed at a sweep's folder by mistake
    would otherwise delete hours of runs with one line of output."""
    from .runner import command_line  # the command as its manifest will record it

    now, earlier = subcommand(command_line()), command_in(target)
    if now is None or now == "analyze" or earlier is None:
        return  # from Python, the analysis of the runs a folder holds, or an output that records no command
    made_by = subcommand(earlier)
    if made_by != now:  # another command's, or a script's (sim.run(...).write() from Python): which kind is not known
        what = f"`audsim {made_by}`" if made_by is not None else f"`{earlier.split()[0][:60]}` (a script, not an audsim command)"
        raise OutputError(f"{shown} holds the output of {what} ({earlier[:120]}); --overwrite replaces only an "
                          f"earlier `audsim {now}`: choose another folder, or delete that one first")


class Claim:
    """A target this process is writing: checked, locked, and written atomically by :meth:`write_folder`."""

    def __init__(self, out: str | Path, overwrite: bool, kind: str, option: str = "--out"):
        self.shown, self.overwrite, self.kind, self.option = str(out), overwrite, kind, option
        self.target = check(out, overwrite, kind, option)
        self.lock_path = self.target.parent / f".{self.target.name}.lock"
        self._fd: int | None = None

    @property
    def described(self) -> str:
        return _shown(self.shown, self.target, self.option)

    def acquire(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            except OSError as e:
                raise OutputError(f"{self.described}: cannot create its lock {self.lock_path} ({e.strerror}); "
                                  f"expected a place in a folder audsim can write to ({self.target.parent})") from None
            held = os.pread(fd, 200, 0).decode(errors="replace")
            if held and not held.startswith("audsim (pid"):
                os.close(fd)
                raise OutputError(f"{self.described}: {self.lock_path} exists and audsim did not write it; choose another {self.option}")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = os.pread(fd, 1000, 0).decode(errors="replace").split("\n")[0] or "another process"
                os.close(fd)
                raise OutputError(f"{self.described} is being written by {owner}; "
                                  "wait for it to finish, or choose another folder") from None
            try:  # the file we locked may have been unlinked by its last owner meanwhile: then lock the new one
                same = os.fstat(fd).st_ino == os.stat(self.lock_path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        command = " ".join(sys.argv)
        command = command if len(command) <= 400 else command[:399] + "…"  # said as cut, not cut mid-word unsaid
        os.pwrite(fd, f"audsim (pid {os.getpid()}: {command})\n".encode(), 0)
        self._fd = fd
        _held[self.target] = self

    def release(self) -> None:
        if self._fd is None:
            return
        _held.pop(self.target, None)
        try:
            os.unlink(self.lock_path)
        except FileNotFoundError:
            pass
        os.close(self._fd)
        self._fd = None

    def write_folder(self, fill) -> Path:
        """Let ``fill(tmp)`` write into a fresh sibling folder, then rename it into place.

        An interrupted write leaves the target as it was. An old output (only
        with ``overwrite``) is moved aside before the rename and deleted after.
        If the target can no longer be replaced, the results are kept beside it
        and the error says where.
        """
        tmp = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent))
        try:
            os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp's folder is private; results get the user's usual permissions
            fill(tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        old = None
        try:
            check(self.target, self.overwrite, "folder")  # again: a user may have put files there meanwhile
            if self.target.exists():
                os.chmod(tmp, stat.S_IMODE(self.target.stat().st_mode))  # the folder the user made keeps its permissions
                old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
                os.rename(self.target, old)
            os.rename(tmp, self.target)
        except (OutputError, OSError) as e:
            if old is not None and not self.target.exists():
                os.rename(old, self.target)
            kept = _free_name(self.target)
            os.rename(tmp, kept)
            raise OutputError(f"{e}; the results are kept in {kept}") from None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return self.target

    def write_file(self, text: str) -> Path:
        """Write ``text`` to the target file atomically (a temporary sibling, then a rename)."""
        fd, tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.target.parent)
        try:
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            check(self.target, self.overwrite, "file")
            os.replace(tmp, self.target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return self.target

    def clear_for_sweep(self) -> None:
        """Move an old sweep out of the way (``overwrite``) and delete it; the target is then empty."""
        if self.target.exists() and any(self.target.iterdir()):
            old = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
            os.rename(self.target, old)
            shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _free_name(target: Path) -> Path:
    for i in range(1, 10_000):
        candidate = target.with_name(f"{target.name}-{i}")
        if not candidate.exists():
            return candidate
    raise OutputError(f"{target}: no free name beside it for the results")


@contextmanager
def claim(out: str | Path, overwrite: bool = False, kind: str = "folder", option: str = "--out"):
    """Check and lock ``out`` for the duration of the block; yields the :class:`Claim`.

    Re-entrant within a process: a writer called inside a command's claim uses it.
    """
    try:
        target = resolve(out, option)
        c = _held.get(target)
        owned = c is None
        if owned:
            c = Claim(out, overwrite, kind, option)
            c.acquire()
    except (OSError, RuntimeError) as e:  # a symlink loop, a name too long, a parent that is a file
        blocking = next((p for p in Path(out).absolute().parents if p.exists() and not p.is_dir()), None)
        why = f"{blocking} is a file" if blocking is not None else getattr(e, "strerror", None) or e
        expected = "a file name in a folder that can be written" if kind == "file" else "a new or empty folder, e.g. results/NAME"
        raise OutputError(f"{option} = {str(out)!r}: cannot be written ({why}); expected {expected}") from None
    try:
        yield c
    finally:
        if owned:
            c.release()


def write_folder(out: str | Path, fill, overwrite: bool = False) -> Path:
    """Claim ``out`` and write it atomically with ``fill(tmp)`` (the library writers' one entry point)."""
    with claim(out, overwrite) as c:
        return c.write_folder(fill)


def write_file(out: str | Path, text: str, overwrite: bool = False) -> Path:
    """Claim ``out`` (a file) and write ``text`` to it atomically."""
    with claim(out, overwrite, "file") as c:
        return c.write_file(text)
