"""Errors of mlopskg: one root, subclasses named by what went wrong.

Each message names the file (with line and column where the parser gives them), the
query, the parameter or the URL involved. The command line maps every
:class:`MlopsKGError` to exit code 2 and prints its message on one line; the API maps them
to HTTP statuses. A non-conforming architecture is a result, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class MlopsKGError(Exception):
    """Root of every error mlopskg raises on purpose."""


@dataclass(frozen=True)
class Location:
    """Where in a file something went wrong; line and column are 1-based."""

    path: Path | str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class InputFileError(MlopsKGError):
    """A file could not be read or parsed."""

    def __init__(self, location: Location, problem: str) -> None:
        self.location = location
        self.problem = problem
        super().__init__(f"{location}: {problem}")


class MissingFileError(InputFileError):
    """A file or folder that was named does not exist."""


class DataIntegrityError(MlopsKGError):
    """The knowledge graph's data break an integrity rule (a finding without a source, ...)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"the data break {len(problems)} integrity rule(s): {shown}{more}")


class QuerySyntaxError(MlopsKGError):
    """A SPARQL query does not parse."""

    def __init__(self, query_name: str, problem: str) -> None:
        self.query_name = query_name
        self.problem = problem
        super().__init__(f"query {query_name}: {problem}")


class UnknownQueryError(MlopsKGError):
    """No curated query has the given name."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no curated query named {name!r}{hint} (`mlopskg queries` lists them)")


class ParameterError(MlopsKGError):
    """A query parameter is unknown, missing, or not a valid IRI or literal."""

    def __init__(self, query_name: str, parameter: str, problem: str) -> None:
        self.query_name = query_name
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"query {query_name}, parameter {parameter!r}: {problem}")


class QueryTimeoutError(MlopsKGError):
    """A query ran past its time limit and was stopped."""


class OutputFileError(MlopsKGError):
    """A file could not be written."""


class StoreError(MlopsKGError):
    """The store could not be opened, written or reached."""


class RequestRejected(StoreError):
    """A remote store refused a request as bad (HTTP 400): malformed, or too large for it."""


class ReasonerError(MlopsKGError):
    """The OWL reasoner could not run (no Java) or failed."""


class DescriptionError(MlopsKGError):
    """An input parses but is not an architecture description the validator can check."""
