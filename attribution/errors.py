"""Every error attrib reports to a user, and the exit code each maps to.

Library code raises these; only the CLI turns them into a one-line message and an
exit code (``attribution.cli.main``), as pypa/build keeps its exceptions in one
module. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_POLICY = 1
"""``attrib check``: a policy failure."""
EXIT_USAGE = 2
"""Bad usage, configuration or input, or a model that cannot be loaded."""
EXIT_INTERRUPTED = 130


class AttribError(Exception):
    """A request attrib refuses or cannot carry out; the message is one line."""

    exit_code = EXIT_USAGE


class UsageError(AttribError):
    """Options that contradict each other, or an output that would clobber an input."""


class InputError(AttribError):
    """A text that cannot be read, decoded or audited."""


class ModelError(AttribError):
    """The embedding model cannot be loaded."""


class ConfigError(AttribError):
    """A policy file or front-matter policy that is not valid."""


class CorpusError(AttribError):
    """A labelled corpus or gold file that is missing or malformed."""
