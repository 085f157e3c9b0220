"""Bad and hostile input: clear errors naming the input, exit code 2, and no network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mlopskg.cli import main
from mlopskg.errors import DescriptionError, InputFileError, MissingFileError
from mlopskg.validation.inputs import read_files
from mlopskg.validation.validator import Validator
from tests.validation.conftest import PREFIXES, run

ARCHITECTURE = """ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:registry .
ex:registry a mlo:ModelRegistry ; mlo:usesTool tool:mlflow .
"""


class Listener:
    """A local TCP server that counts connections (to prove nothing is fetched)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(8)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_turtle_syntax_error_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "broken.ttl",
        PREFIXES + "ex:platform a mlo:ArchitectureDescription ;\n  mlo:hasComponent .\n",
    )
    with pytest.raises(InputFileError) as error:
        read_files([str(path)])
    assert error.value.location.line == 7 and error.value.location.column is not None
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:7:" in err and "Traceback" not in err


def test_an_rdfxml_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "broken.rdf",
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description",
    )
    with pytest.raises(InputFileError, match=r"broken\.rdf"):
        read_files([str(path)])


def test_a_file_without_an_architecture_description_gets_a_clear_message(
    tmp_path: Path, validator: Validator, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "tools.ttl", PREFIXES + "ex:registry a mlo:ModelRegistry .\n")
    with pytest.raises(DescriptionError, match="no mlo:ArchitectureDescription"):
        validator.validate(read_files([str(path)]))
    assert main(["validate", str(path)]) == 2
    assert "no mlo:ArchitectureDescription" in capsys.readouterr().err


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        read_files([str(tmp_path / "nowhere.ttl")])
    path = write(tmp_path, "arch.docx", "x")
    with pytest.raises(InputFileError, match="unknown extension"):
        read_files([str(path)])
    assert main(["validate", str(path)]) == 2


def test_owl_imports_are_not_followed(
    tmp_path: Path, validator: Validator, listener: Listener
) -> None:
    text = (
        PREFIXES
        + f"<https://example.org/test> a owl:Ontology ; owl:imports <http://127.0.0.1:{listener.port}/more.ttl> .\n"
        + ARCHITECTURE
    )
    outcome = validator.validate(read_files([str(write(tmp_path, "imports.ttl", text))]))
    assert outcome.reports[0].architecture == "https://example.org/test#platform"
    assert listener.connections == 0


def test_jsonld_remote_contexts_are_refused_without_a_request(
    tmp_path: Path, listener: Listener
) -> None:
    text = f'{{"@context": "http://127.0.0.1:{listener.port}/context.jsonld", "@id": "https://example.org/a", "name": "x"}}'
    with pytest.raises(InputFileError, match="remote contexts are not fetched"):
        read_files([str(write(tmp_path, "remote.jsonld", text))])
    assert listener.connections == 0


def test_jsonld_with_an_inline_context_validates(tmp_path: Path, validator: Validator) -> None:
    text = """{"@context": {"mlo": "https://w3id.org/mlopskg/ontology#", "ex": "https://example.org/j#",
      "hasComponent": {"@id": "mlo:hasComponent", "@type": "@id"}},
      "@graph": [{"@id": "ex:platform", "@type": "mlo:ArchitectureDescription", "hasComponent": "ex:registry"},
                 {"@id": "ex:registry", "@type": "mlo:ModelRegistry"}]}"""
    report = validator.validate(read_files([str(write(tmp_path, "arch.jsonld", text))])).reports[0]
    assert report.architecture == "https://example.org/j#platform"
    assert "https://w3id.org/mlopskg/ontology#ModelRegistry" in report.present_kinds


def test_xml_external_entities_are_refused(tmp_path: Path, listener: Listener) -> None:
    text = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "http://127.0.0.1:{listener.port}/secret"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
<rdf:Description rdf:about="https://example.org/a"><rdfs:label>&xxe;</rdfs:label></rdf:Description></rdf:RDF>"""
    with pytest.raises(InputFileError, match="entity declarations"):
        read_files([str(write(tmp_path, "xxe.rdf", text))])
    assert listener.connections == 0


def test_xml_entity_expansion_bombs_are_refused(tmp_path: Path) -> None:
    levels = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9))
    text = f"""<?xml version="1.0"?><!DOCTYPE rdf:RDF [ <!ENTITY e0 "lol">{levels} ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
<rdf:Description rdf:about="https://example.org/a"><rdfs:label>&e8;</rdfs:label></rdf:Description></rdf:RDF>"""
    with pytest.raises(InputFileError, match="entity declarations"):
        read_files([str(write(tmp_path, "bomb.rdf", text))])


def test_rdfxml_description_validates(tmp_path: Path, validator: Validator) -> None:
    text = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:mlo="https://w3id.org/mlopskg/ontology#">
  <mlo:ArchitectureDescription rdf:about="https://example.org/x#platform">
    <mlo:hasComponent><mlo:FeatureStore rdf:about="https://example.org/x#features"/></mlo:hasComponent>
  </mlo:ArchitectureDescription>
</rdf:RDF>"""
    report = validator.validate(read_files([str(write(tmp_path, "arch.rdf", text))])).reports[0]
    assert "https://w3id.org/mlopskg/ontology#FeatureStore" in report.present_kinds


def test_several_files_are_merged(tmp_path: Path, validator: Validator) -> None:
    kinds = write(
        tmp_path, "kinds.ttl", PREFIXES + "ex:OurStore rdfs:subClassOf mlo:FeatureStore .\n"
    )
    arch = write(
        tmp_path,
        "arch.ttl",
        PREFIXES
        + "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent [ a ex:OurStore ] .\n",
    )
    report = validator.validate(read_files([str(kinds), str(arch)])).reports[0]
    assert "https://w3id.org/mlopskg/ontology#FeatureStore" in report.present_kinds
    # The blank-node component is typed through the other file: no "no known kind" result.
    assert not [r for r in report.results if r.shape.endswith("ComponentHasKindShape")]


def test_blank_node_components_are_reported(validator: Validator) -> None:
    outcome = run(
        validator,
        'ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent [ rdfs:label "what" ] .\n',
    )
    results = [r for r in outcome.reports[0].results if r.shape.endswith("ComponentHasKindShape")]
    assert len(results) == 1 and results[0].focus_node.startswith("_:")


def test_an_unknown_tool_is_reported_not_a_crash(validator: Validator) -> None:
    outcome = run(
        validator,
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:r .\n"
        "ex:r a mlo:ModelRegistry ; mlo:usesTool ex:our-registry .\n",
    )
    results = [
        r for r in outcome.reports[0].results if r.value == "https://example.org/test#our-registry"
    ]
    assert [r.shape.rsplit("#", 1)[1] for r in results] == ["KnownToolShape"]
    assert results[0].severity == "Info"


def test_a_tool_known_for_another_kind_is_a_warning_naming_its_kinds(validator: Validator) -> None:
    outcome = run(
        validator,
        "ex:platform a mlo:ArchitectureDescription ; mlo:hasComponent ex:r .\n"
        "ex:r a mlo:ModelRegistry ; mlo:usesTool tool:feast .\n",
    )
    results = [
        r
        for r in outcome.reports[0].results
        if r.value == "https://w3id.org/mlopskg/resource/tool/feast"
    ]
    assert len(results) == 1 and results[0].severity == "Warning"
    assert "feature store" in results[0].message
    assert "https://w3id.org/mlopskg/resource/tool/mlflow" in results[0].suggested_tools


def test_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    data = (PREFIXES + ARCHITECTURE).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["validate", "-", "--format", "json"]) == 1
    assert '"architecture": "https://example.org/test#platform"' in capsys.readouterr().out
