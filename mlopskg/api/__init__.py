"""The mlopskg web server: SPARQL endpoint, curated queries, pages."""

from __future__ import annotations

from mlopskg.api.app import create_app
from mlopskg.api.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
