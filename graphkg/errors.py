"""Errors a user can cause: each carries one sentence that names the file and what to do."""


class GraphkgError(Exception):
    """Base class: the CLI prints str(error) as a one-line message, never a traceback."""


class ReadError(GraphkgError):
    """A report file cannot be read (missing, empty, binary, not a Word file, too large)."""
