"""``python -m attribution``: the ``attrib`` command, for environments whose scripts folder is not on PATH."""

from .cli import entry

entry()
