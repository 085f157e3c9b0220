"""The ``mlopskg`` command line: one thin module a command family, each command calling the
library (see :mod:`mlopskg.cli.main` for the entry point and the exit codes)."""

from __future__ import annotations

from mlopskg.cli.main import cli, main

__all__ = ["cli", "main"]
