"""The ``audsim`` command's entry point: the command line imports the model and its libraries (over a second); a
Ctrl-C meanwhile gets the one line every interrupted command gets, not a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import main as cli
    except KeyboardInterrupt:
        print("audsim: interrupted; nothing written", file=sys.stderr)
        raise SystemExit(130) from None
    cli()
