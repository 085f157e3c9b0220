"""The only module that talks to a Java reasoner: HermiT, through owlready2.

HermiT checks that the ontology is consistent and that no class is unsatisfiable. It needs
a Java runtime; ``make deps`` installs one where it is missing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mlopskg.errors import ReasonerError
from mlopskg.graph.loading import parse_triples
from mlopskg.graph.serialization import serialize_triples


@dataclass(frozen=True)
class ReasonerReport:
    """What HermiT found."""

    consistent: bool
    unsatisfiable_classes: list[str]
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable_classes


def java_available() -> bool:
    """Whether a Java runtime is on the PATH."""
    return shutil.which("java") is not None


def check_with_hermit(ontology_source: Path) -> ReasonerReport:
    """Run HermiT on the ontology source; raise ReasonerError when it cannot run."""
    if not java_available():
        raise ReasonerError(
            "no Java runtime on the PATH: the HermiT reasoner needs one "
            "(Debian: apt-get install default-jre-headless; `make deps` does it)"
        )
    import owlready2

    data = serialize_triples(parse_triples(ontology_source), "nt")
    with tempfile.TemporaryDirectory(prefix="mlopskg-hermit-") as tmp:
        path = Path(tmp) / "ontology.nt"
        path.write_bytes(data)
        world = owlready2.World()
        try:
            ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as error:
            return ReasonerReport(False, [], str(error))
        except (OSError, owlready2.OwlReadyJavaError) as error:
            raise ReasonerError(f"HermiT failed on {ontology_source}: {error}") from error
        nothing = "http://www.w3.org/2002/07/owl#Nothing"
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes() if c.iri != nothing)
        world.close()
    return ReasonerReport(True, unsatisfiable)
