"""``mlopskg catalogue refresh``: the registry snapshot of every tool with a Python package.

For each tool that the graph gives a ``mlo:pythonPackage`` (the tool itself) or a
``mlo:clientPackage`` (an SDK of a commercial service), read the package's latest release
from PyPI and write one dated finding (default ``data/catalogue/pypi-snapshot.ttl``):

- ``mlo:latestRelease`` and ``mlo:latestReleaseDate`` of the tool's primary package, when
  that package is the tool (a client's releases say nothing of the service's);
- a licence statement: the package's licence when the package is the tool, and
  "commercial service; SDK under X" when it is only a client, so that an SDK's licence
  never makes a commercial service open source;
- ``schema:url`` from the package's project URLs for a tool that has no homepage yet;
- each package the registry knows, restated (``mlo:pythonPackage``, ``mlo:clientPackage``) as
  checked against the registry, under the name the registry gives it.

The build stays offline: it loads the committed snapshot. Packages the registry does not
know are reported (the signature is wrong) and the command exits 1.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mlopskg.catalogue.pypi import (
    PackageRelease,
    RegistryError,
    fetch_release,
    licence_kind,
    normalise,
    spdx_for,
)

TOOL_NS = "https://w3id.org/mlopskg/resource/tool/"

PACKAGES_QUERY = """PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?tool ?label ?package ?client ?homepage ?commercial WHERE {
  { ?holder mlo:pythonPackage ?package BIND(false AS ?client) }
  UNION { ?holder mlo:clientPackage ?package BIND(true AS ?client) }
  # a role signature's package is its tool's
  OPTIONAL { ?holder mlo:signatureOf ?owner }
  BIND(COALESCE(?owner, ?holder) AS ?tool)
  ?tool a mlo:Tool .
  OPTIONAL { ?tool rdfs:label ?label }
  OPTIONAL {
    GRAPH ?said { ?tool schema:url ?homepage }
    FILTER(?said != <https://w3id.org/mlopskg/resource/finding/catalogue-pypi-snapshot>)
  }
  BIND(EXISTS { ?tool mlo:cloudPlatform ?cloud } || EXISTS {
    GRAPH ?other { ?tool mlo:licenceStatement ?statement }
    ?statement mlo:licenceKind mlo:commercial
    FILTER(?other != <https://w3id.org/mlopskg/resource/finding/catalogue-pypi-snapshot>)
  } AS ?commercial)
} ORDER BY ?tool ?package"""


ADDRESSES_QUERY = """PREFIX schema: <https://schema.org/>
PREFIX mlo: <https://w3id.org/mlopskg/ontology#>
SELECT DISTINCT ?address WHERE {
  ?tool a mlo:Tool .
  { ?tool schema:url ?address } UNION { ?tool schema:codeRepository ?address }
}"""


def address_key(address: str) -> str:
    """An address without scheme, ``www.``, trailing slashes or ``.git``, for comparing.

    >>> address_key("https://www.bentoml.com/") == address_key("http://bentoml.com")
    True
    """
    return re.sub(r"(^https?://(www\.)?|/+$|\.git$)", "", address.lower())


@dataclass
class ToolPackages:
    """The Python packages the graph gives one tool."""

    slug: str
    label: str
    products: list[str] = field(default_factory=list)
    clients: list[str] = field(default_factory=list)
    has_homepage: bool = False
    #: another finding says the tool is a commercial service (or it is a cloud's service)
    commercial: bool = False

    @property
    def primary(self) -> tuple[str, bool]:
        """(package, is a client): the package named like the tool, else the shortest name."""
        pool, client = (self.products, False) if self.products else (self.clients, True)
        named = [p for p in pool if p == self.slug]
        return (named[0] if named else sorted(pool, key=lambda p: (len(p), p))[0]), client


@dataclass
class RefreshResult:
    """What a refresh read: releases by package, and the packages the registry refused."""

    tools: list[ToolPackages]
    releases: dict[str, PackageRelease]
    failures: dict[str, str]
    day: str
    #: addresses other tools already have: a registry homepage among them is not taken
    taken: set[str] = field(default_factory=set)


def tool_packages(rows: Iterable[dict[str, str]]) -> list[ToolPackages]:
    """Group the rows of :data:`PACKAGES_QUERY` (strings) by tool."""
    tools: dict[str, ToolPackages] = {}
    for row in rows:
        iri = row["tool"]
        if not iri.startswith(TOOL_NS):
            continue
        slug = iri[len(TOOL_NS) :]
        entry = tools.setdefault(slug, ToolPackages(slug, row.get("label") or slug))
        package = normalise(row["package"])
        target = entry.clients if row.get("client") in ("true", "1") else entry.products
        if package not in target:
            target.append(package)
        entry.has_homepage = entry.has_homepage or bool(row.get("homepage"))
        entry.commercial = entry.commercial or row.get("commercial") in ("true", "1")
    return [tools[s] for s in sorted(tools)]


def refresh(
    tools: list[ToolPackages],
    *,
    fetch: Callable[[str], PackageRelease] | None = None,
    workers: int = 8,
    day: str | None = None,
) -> RefreshResult:
    """Read every package of ``tools`` from the registry (``fetch`` is swappable for tests)."""
    read = fetch or fetch_release
    packages = sorted({p for t in tools for p in [*t.products, *t.clients]})
    releases: dict[str, PackageRelease] = {}
    failures: dict[str, str] = {}

    def one(package: str) -> tuple[str, PackageRelease | str]:
        try:
            return package, read(package)
        except RegistryError as error:
            return package, str(error)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for package, answer in pool.map(one, packages):
            if isinstance(answer, PackageRelease):
                releases[package] = answer
            else:
                failures[package] = answer
    return RefreshResult(tools, releases, failures, day or datetime.date.today().isoformat())


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


_HEADER = """# Generated by `mlopskg catalogue refresh` from PyPI's JSON API; do not edit by hand: run the
# command again to re-check. For each tool with a Python package in its signatures: the latest
# release of its primary package, that package's licence (for a client package: the service is
# commercial and only the SDK has that licence), and a homepage from the package's project URLs
# where the tool had none. Packages the registry did not know are listed at the end.
# Source: https://pypi.org/pypi/<package>/json, read on {day}.

@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix fabio: <http://purl.org/spar/fabio/> .
@prefix mlo: <https://w3id.org/mlopskg/ontology#> .
@prefix src: <https://w3id.org/mlopskg/resource/source/> .
@prefix finding: <https://w3id.org/mlopskg/resource/finding/> .
@prefix tool: <https://w3id.org/mlopskg/resource/tool/> .
@prefix licence: <https://w3id.org/mlopskg/resource/licence/> .

finding:catalogue-pypi-snapshot a mlo:Finding ;
    rdfs:label "Latest releases and licences of the catalogue's Python packages, read from PyPI"@en ;
    mlo:fromSource src:pypi ;
    mlo:evidenceStatus mlo:stated ;
    mlo:locator "JSON API https://pypi.org/pypi/<package>/json, read on {day}" ;
    mlo:checkedOn "{day}"^^xsd:date .

src:pypi a mlo:Source , fabio:WebPage ;
    rdfs:label "PyPI package metadata"@en ;
    dcterms:title "The Python Package Index: package metadata"@en ;
    schema:url <https://pypi.org> .
"""


def _licence_block(
    tool: ToolPackages, release: PackageRelease, client: bool, day: str
) -> list[str]:
    """A dated licence statement, or nothing when the package states no licence we can
    read: no licence without a source, a date and a kind. A client package's licence is not
    the tool's: it is stated only for a tool another finding calls a commercial service."""
    spdx, _ = spdx_for(release.licence)
    where = f"PyPI package {release.package} {release.version}"
    if client:
        if not tool.commercial:
            return []
        words = release.licence or "no licence given"
        text = f"commercial service; SDK under {words} ({where})"
        kind = "commercial"
    else:
        found = licence_kind(release.licence)
        if found is None:
            return []
        text = f"{release.licence} ({where}, from its {release.licence_field.replace('_', ' ')})"
        kind = found
    lines = [
        f"licence:{tool.slug}-pypi a mlo:LicenceStatement ;",
        f"    rdfs:label {_literal(f'{tool.label}: {text}')}@en ;",
        f"    mlo:licenceText {_literal(text)} ;",
    ]
    if spdx and not client:
        lines.append(f"    schema:license <https://spdx.org/licenses/{spdx}> ;")
    lines.append(f"    mlo:licenceKind mlo:{kind} ;")
    lines += [
        f'    mlo:checkedOn "{day}"^^xsd:date ;',
        f"    schema:url <https://pypi.org/project/{release.package}/{release.version}/> .",
        f"tool:{tool.slug} mlo:licenceStatement licence:{tool.slug}-pypi .",
    ]
    return lines


def to_turtle(result: RefreshResult) -> str:
    """The snapshot as Turtle, deterministic for a given registry answer."""
    out = [_HEADER.format(day=result.day)]
    taken = {address_key(a) for a in result.taken}
    for tool in result.tools:
        # every package the registry knows, restated as checked (its name as PyPI gives it)
        for prop, names in (("pythonPackage", tool.products), ("clientPackage", tool.clients)):
            known = sorted({result.releases[n].package for n in names if n in result.releases})
            if known:
                values = " , ".join(_literal(n) for n in known)
                out.append(f"tool:{tool.slug} mlo:{prop} {values} .")
        package, client = tool.primary
        release = result.releases.get(package)
        if release is None:
            continue
        # a client's releases and homepage are the client's, not the tool's
        if not client:
            facts = [f"tool:{tool.slug} mlo:latestRelease {_literal(release.version)}"]
            if release.released:
                facts.append(f'    mlo:latestReleaseDate "{release.released}"^^xsd:date')
            home = release.homepage
            if home and not tool.has_homepage and address_key(home) not in taken:
                # a vendor's site that another tool already has is not this tool's homepage
                taken.add(address_key(home))
                facts.append(f"    schema:url <{home}>")
            out.append(" ;\n".join(facts) + " .")
        block = _licence_block(tool, release, client, result.day)
        if block:
            out.append("\n".join(block) + "\n")
    if result.failures:
        out.append("# Packages the registry did not know (fix the signature):")
        out += [f"#   {p}: {why}" for p, why in sorted(result.failures.items())]
    return "\n".join(out) + "\n"


def write_snapshot(result: RefreshResult, path: Path) -> None:
    """Write the snapshot atomically (a failed write leaves the old file)."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(to_turtle(result), encoding="utf-8")
    temporary.replace(path)
