"""Draw an architecture's views as SVG, from the graph, laid out by Graphviz.

:mod:`~mlopskg.diagrams.model` reads the views, blocks, elements and flows;
:mod:`~mlopskg.diagrams.layout` makes each view a Graphviz graph; :mod:`~mlopskg.diagrams.svg`
has ``dot`` lay it out and gives the drawing back its links, IRIs and hover labels. Elements
can be marked (present, missing) so that a user's architecture can be laid over a reference
one.
"""

from __future__ import annotations

from mlopskg.diagrams.model import (
    ARCHITECTURE_QUERY,
    FLOWS_QUERY,
    ArchitectureModel,
    build_model,
    read_model,
)
from mlopskg.diagrams.svg import DiagramError, render_svg

__all__ = [
    "ARCHITECTURE_QUERY",
    "FLOWS_QUERY",
    "ArchitectureModel",
    "DiagramError",
    "build_model",
    "read_model",
    "render_svg",
]
