"""``python -m sim`` is the ``audsim`` command."""

from .entry import main

main()
