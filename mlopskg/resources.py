"""Find the project's folders (ontology/, shapes/, queries/, data/, examples/).

In a checkout they sit beside the package; an installed wheel carries them inside the
package as ``_resources/``. ``MLOPSKG_HOME`` overrides both, for a user who keeps an
extended copy of the graph's sources elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mlopskg.errors import Location, MissingFileError

_PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ProjectFiles:
    """The folders the graph is built from."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def ontology_source(self) -> Path:
        return self.ontology_dir / "mlopskg-edit.ttl"

    @property
    def qc_dir(self) -> Path:
        return self.ontology_dir / "qc"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def integrity_shapes_dir(self) -> Path:
        return self.shapes_dir / "integrity"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def examples_dir(self) -> Path:
        return self.root / "examples"

    def data_files(self) -> list[Path]:
        """Every Turtle file of data/, in a stable order."""
        return sorted(self.data_dir.rglob("*.ttl"))

    def table_files(self) -> list[Path]:
        """Every CSV table of data/ that the build converts to RDF."""
        return sorted(self.data_dir.rglob("*.csv"))

    def source_files(self) -> list[Path]:
        """Every file a build reads, for change detection."""
        files = [self.ontology_source, *self.data_files(), *self.table_files()]
        files += sorted(self.integrity_shapes_dir.glob("*.ttl"))
        return files


def _looks_like_root(path: Path) -> bool:
    return (path / "ontology" / "mlopskg-edit.ttl").is_file() and (path / "data").is_dir()


def project_files(root: Path | str | None = None) -> ProjectFiles:
    """Locate the project's folders: an explicit root, ``MLOPSKG_HOME``, the checkout, the wheel."""
    candidates: list[Path] = []
    if root is not None:
        candidates.append(Path(root))
    elif os.environ.get("MLOPSKG_HOME"):
        candidates.append(Path(os.environ["MLOPSKG_HOME"]))
    else:
        candidates += [_PACKAGE_DIR.parent, _PACKAGE_DIR / "_resources"]
    for candidate in candidates:
        if _looks_like_root(candidate):
            return ProjectFiles(candidate.resolve())
    raise MissingFileError(
        Location(candidates[0]),
        "no mlopskg sources here (expected ontology/mlopskg-edit.ttl and data/)",
    )
