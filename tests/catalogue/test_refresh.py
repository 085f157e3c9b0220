"""The registry snapshot: parsing PyPI's answer, licences of products and of client SDKs."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from mlopskg.catalogue.pypi import PackageRelease, RegistryError, parse_metadata
from mlopskg.catalogue.refresh import ToolPackages, refresh, to_turtle, tool_packages

T = "https://w3id.org/mlopskg/resource/tool/"


def document(name: str, version: str, licence: str, uploaded: str) -> dict[str, object]:
    return {
        "info": {
            "name": name,
            "version": version,
            "license_expression": licence,
            "project_urls": {"Homepage": f"https://{name}.example.org"},
            "summary": "s",
        },
        "urls": [
            {"upload_time_iso_8601": f"{uploaded}T10:00:00Z"},
            {"upload_time_iso_8601": f"{uploaded}T09:00:00Z"},
        ],
    }


def test_parse_metadata_takes_version_first_upload_and_licence() -> None:
    release = parse_metadata("Foo_Bar", document("Foo_Bar", "2.1.0", "Apache-2.0", "2026-03-04"))
    assert release == PackageRelease(
        "foo-bar",
        "2.1.0",
        "2026-03-04",
        "Apache-2.0",
        "license_expression",
        "https://Foo_Bar.example.org",
        "s",
    )


def test_parse_metadata_falls_back_to_classifiers() -> None:
    doc = document("x", "1", "", "2025-01-01")
    doc["info"]["license_expression"] = ""  # type: ignore[index]
    doc["info"]["classifiers"] = ["License :: OSI Approved :: MIT License"]  # type: ignore[index]
    assert parse_metadata("x", doc).licence == "MIT License"


def test_parse_metadata_without_info_is_an_error_naming_the_url() -> None:
    with pytest.raises(RegistryError, match=r"pypi\.org/pypi/x/json"):
        parse_metadata("x", {})


def test_tool_packages_groups_products_and_clients() -> None:
    rows = [
        {"tool": T + "wandb-like", "label": "W", "package": "wandb", "client": "true"},
        {"tool": T + "mlflow", "label": "MLflow", "package": "mlflow-skinny", "client": "false"},
        {
            "tool": T + "mlflow",
            "label": "MLflow",
            "package": "MLflow",
            "client": "false",
            "homepage": "https://mlflow.org",
        },
    ]
    tools = tool_packages(rows)
    assert [t.slug for t in tools] == ["mlflow", "wandb-like"]
    assert tools[0].products == ["mlflow-skinny", "mlflow"] and tools[0].has_homepage
    assert tools[0].primary == ("mlflow", False)
    assert tools[1].primary == ("wandb", True)


def fake_registry(package: str) -> PackageRelease:
    known = {
        "prod": document("prod", "1.2.0", "Apache-2.0", "2026-10-01"),
        "sdk": document("sdk", "0.9", "MIT", "2024-01-02"),
        "busl": document("busl", "3.0", "BUSL-1.1", "2026-01-01"),
    }
    if package not in known:
        raise RegistryError(f"https://pypi.org/pypi/{package}/json: HTTP 404 (no such package?)")
    return parse_metadata(package, known[package])


def snapshot() -> ox.Store:
    tools = [
        ToolPackages("prod", "Prod", products=["prod"]),
        ToolPackages("service", "Service", clients=["sdk"], has_homepage=True, commercial=True),
        ToolPackages("library", "Library", clients=["sdk"]),
        ToolPackages("busl", "Busl", products=["busl"]),
        ToolPackages("ghost", "Ghost", products=["no-such-package"]),
    ]
    result = refresh(tools, fetch=fake_registry, day="2026-12-02")
    assert result.failures.keys() == {"no-such-package"}
    store = ox.Store()
    store.load(to_turtle(result).encode(), ox.RdfFormat.TURTLE)
    return store


def ask(store: ox.Store, pattern: str) -> bool:
    prefixes = (
        "PREFIX mlo: <https://w3id.org/mlopskg/ontology#> PREFIX tool: <" + T + "> "
        "PREFIX schema: <https://schema.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    )
    return bool(store.query(prefixes + "ASK { " + pattern + " }"))


def test_a_product_package_gives_the_tool_its_licence_and_release() -> None:
    store = snapshot()
    assert ask(
        store, 'tool:prod mlo:latestRelease "1.2.0" ; mlo:latestReleaseDate "2026-10-01"^^xsd:date'
    )
    assert ask(store, "tool:prod mlo:licenceStatement/mlo:licenceKind mlo:openSource")
    assert ask(store, "tool:prod schema:url <https://prod.example.org>")


def test_a_client_sdk_never_makes_a_service_open_source() -> None:
    store = snapshot()
    assert ask(store, "tool:service mlo:licenceStatement/mlo:licenceKind mlo:commercial")
    assert not ask(store, "tool:service mlo:licenceStatement/mlo:licenceKind mlo:openSource")
    assert not ask(store, "tool:service schema:url ?u")  # it had a homepage already


def test_a_client_of_a_tool_not_known_as_commercial_gives_no_licence() -> None:
    store = snapshot()
    assert not ask(store, "tool:library mlo:licenceStatement ?s")
    assert not ask(store, "tool:library mlo:latestRelease ?v")  # the client's, not the tool's


def test_a_source_available_licence_is_not_open_source() -> None:
    store = snapshot()
    assert ask(store, "tool:busl mlo:licenceStatement/mlo:licenceKind mlo:sourceAvailable")


def test_an_unknown_package_is_reported_not_written() -> None:
    store = snapshot()
    assert not ask(store, "tool:ghost ?p ?o")


def test_packages_the_registry_knows_are_restated_as_checked() -> None:
    store = snapshot()
    assert ask(store, 'tool:prod mlo:pythonPackage "prod"')
    assert ask(store, 'tool:service mlo:clientPackage "sdk"')
