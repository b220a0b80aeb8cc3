"""``python -m sim`` is the ``audsim`` command."""

from .cli import main

main()
