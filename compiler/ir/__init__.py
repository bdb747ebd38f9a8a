"""Target-neutral intermediate representation: expressions and resource nodes."""

from . import kids as _kids  # noqa: F401 - registers the walkers' per-class child readers
