"""Fixtures for the validation tests: one validator for the session, over the real graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from mlopskg.resources import ProjectFiles
from mlopskg.stores.embedded import EmbeddedStore
from mlopskg.validation.inputs import Description, parse_description, read_files
from mlopskg.validation.report import ValidationOutcome
from mlopskg.validation.validator import Validator

PREFIXES = """@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex: <https://example.org/test#> .
"""


@pytest.fixture(scope="session")
def validator(project: ProjectFiles, graph: EmbeddedStore) -> Validator:
    return Validator.for_project(project, graph)


def describe(turtle: str, name: str = "test.ttl") -> Description:
    """A description from Turtle text (the prefixes above are added)."""
    data = (PREFIXES + turtle).encode()
    return Description(parse_description(data, name, ox.RdfFormat.TURTLE), (name,))


def run(validator: Validator, turtle: str) -> ValidationOutcome:
    return validator.validate(describe(turtle))


def shapes_hit(outcome: ValidationOutcome) -> set[str]:
    return {result.shape for report in outcome.reports for result in report.results}


def example(project: ProjectFiles, name: str) -> Description:
    return read_files([str(Path(project.examples_dir) / f"{name}.ttl")])
