"""mlopskg: a knowledge graph of MLOps requirements, reference architectures and tools."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
