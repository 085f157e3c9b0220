"""Item 7 of issue 11: hostile and malformed input gives problems or one clear ScanError."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from mlopskg.scan import ScanError, ScanLimits, SignatureIndex, scan
from tests.scan.conftest import all_evidence, scan_files, tools_found, write_tree


def messages(result: object) -> list[str]:
    return [str(p) for p in result.problems]  # type: ignore[attr-defined]


def test_symlink_out_of_the_root_is_not_followed(tmp_path: Path, index: SignatureIndex) -> None:
    outside = write_tree(
        tmp_path / "outside", {"requirements.txt": "feast\n", "d/x.py": "import feast\n"}
    )
    root = write_tree(tmp_path / "repo", {"requirements.txt": "mlflow\n"})
    os.symlink(outside / "requirements.txt", root / "extra-requirements.txt")
    os.symlink(outside / "d", root / "linked")
    result = scan([root], index)
    assert tools_found(result) == {"mlflow"}
    problems = messages(result)
    assert any("extra-requirements.txt" in p and "outside the root" in p for p in problems)
    assert any(p.startswith("linked") and "not followed" in p for p in problems)


def test_symlink_to_a_file_inside_the_root_is_read(tmp_path: Path, index: SignatureIndex) -> None:
    root = write_tree(tmp_path / "repo", {"deps/base.txt": "feast\n"})
    os.symlink(root / "deps" / "base.txt", root / "requirements.txt")
    assert "feast" in tools_found(scan([root], index))


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def test_zip_archive_is_scanned_and_removed(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _zip(tmp_path / "ml.zip", {"ml/requirements.txt": b"mlflow\n"})
    before = set(os.listdir(os.environ.get("TMPDIR", "/tmp")))
    result = scan([archive], index)
    assert tools_found(result) == {"mlflow"}
    assert [e.file for e in all_evidence(result)] == ["ml/requirements.txt"]
    leftovers = set(os.listdir(os.environ.get("TMPDIR", "/tmp"))) - before
    assert not [name for name in leftovers if name.startswith("mlopskg-scan-")]


def test_zip_slip_is_refused(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _zip(tmp_path / "evil.zip", {"ok.txt": b"x", "../../escape.py": b"import os\n"})
    with pytest.raises(ScanError, match=r"evil\.zip: member '\.\./\.\./escape\.py' leaves"):
        scan([archive], index)
    assert not (tmp_path.parent / "escape.py").exists()


def test_zip_absolute_path_is_refused(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _zip(tmp_path / "abs.zip", {"/etc/cron.d/x": b"x"})
    with pytest.raises(ScanError, match="absolute path"):
        scan([archive], index)


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _zip(tmp_path / "bomb.zip", {"zeros.txt": b"\0" * (8 << 20)})
    assert archive.stat().st_size < 100_000
    with pytest.raises(ScanError, match=r"bomb\.zip: member 'zeros\.txt' expands more than 100"):
        scan([archive], index)


def test_archive_total_size_and_member_count_are_bounded(
    tmp_path: Path, index: SignatureIndex
) -> None:
    archive = _zip(tmp_path / "many.zip", {f"f{i}.txt": b"x" for i in range(20)})
    with pytest.raises(ScanError, match="20 members, more than 10"):
        scan([archive], index, limits=ScanLimits(max_archive_members=10))
    big = _zip(tmp_path / "big.zip", {"a.txt": os.urandom(3000), "b.txt": os.urandom(3000)})
    with pytest.raises(ScanError, match="more than 4000 bytes uncompressed"):
        scan([big], index, limits=ScanLimits(max_archive_bytes=4000))


def _tar(path: Path, add: list[tarfile.TarInfo], data: bytes = b"feast\n") -> Path:
    with tarfile.open(path, "w:gz") as bundle:
        for info in add:
            if info.isfile():
                info.size = len(data)
                bundle.addfile(info, io.BytesIO(data))
            else:
                bundle.addfile(info)
    return path


def test_tar_gz_is_scanned(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _tar(tmp_path / "infra.tar.gz", [tarfile.TarInfo("repo/requirements.txt")])
    result = scan([archive], index)
    assert tools_found(result) == {"feast"}
    assert result.roots == ["infra"]


def test_tar_with_an_absolute_path_is_refused(tmp_path: Path, index: SignatureIndex) -> None:
    archive = _tar(tmp_path / "abs.tgz", [tarfile.TarInfo("/tmp/requirements.txt")])
    with pytest.raises(
        ScanError, match=r"abs\.tgz: member '/tmp/requirements\.txt' has an absolute"
    ):
        scan([archive], index)


def test_tar_with_a_link_is_refused(tmp_path: Path, index: SignatureIndex) -> None:
    link = tarfile.TarInfo("repo/passwd")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    archive = _tar(tmp_path / "link.tar.gz", [link])
    with pytest.raises(ScanError, match=r"link\.tar\.gz: member 'repo/passwd' is a link"):
        scan([archive], index)


def test_nested_archives_are_not_expanded(tmp_path: Path, index: SignatureIndex) -> None:
    inner = _zip(tmp_path / "inner.zip", {"requirements.txt": b"feast\n"})
    outer = _zip(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    assert tools_found(scan([outer], index)) == set()


def test_not_an_archive_or_missing(tmp_path: Path, index: SignatureIndex) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ScanError, match=r"not a folder or a \.zip"):
        scan([tmp_path / "notes.txt"], index)
    with pytest.raises(ScanError, match="no such file or folder"):
        scan([tmp_path / "absent"], index)
    (tmp_path / "broken.zip").write_bytes(b"PK not really")
    with pytest.raises(ScanError, match=r"broken\.zip: not a readable zip archive"):
        scan([tmp_path / "broken.zip"], index)


def test_yaml_alias_bomb_stops_with_a_problem(tmp_path: Path, index: SignatureIndex) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    lines.append("image: *i")
    bomb = "apiVersion: v1\nkind: ConfigMap\n" + "\n".join(lines) + "\n"
    result = scan_files(tmp_path, index, {"deploy/bomb.yaml": bomb})
    assert any("bomb.yaml" in p and "alias bomb" in p for p in messages(result))


def test_too_many_aliases_are_refused_while_parsing(tmp_path: Path, index: SignatureIndex) -> None:
    text = "apiVersion: v1\nkind: List\nx: &x 1\ny: [" + ", ".join(["*x"] * 50) + "]\n"
    root = write_tree(tmp_path / "repo", {"k.yaml": text})
    result = scan([root], index, limits=ScanLimits(max_yaml_aliases=10))
    assert any("k.yaml:4" in p and "more than 10 YAML aliases" in p for p in messages(result))


@pytest.mark.parametrize("depth", [150, 5000])
def test_deeply_nested_yaml_is_a_problem(depth: int, tmp_path: Path, index: SignatureIndex) -> None:
    deep = "apiVersion: v1\nkind: List\nitems: " + "[" * depth + "]" * depth + "\n"
    result = scan_files(tmp_path, index, {"deep.yaml": deep})
    # Past 100 levels our composer stops; libyaml's own bound (1000) may stop it first.
    assert any(
        p.startswith("deep.yaml:3") and ("deeper than 100" in p or "nesting depth" in p)
        for p in messages(result)
    )


def test_malformed_files_are_reported_with_file_and_line(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            "docker-compose.yml": "services:\n  app:\n    image: [unclosed\n",
            "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n',
            "nb.ipynb": '{"cells": [\n  {"cell_type": "code",,}\n]}\n',
            "main.tf": 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n}\n',
            "requirements.txt": "mlflow\n",
        },
    )
    problems = messages(result)
    assert any(p.startswith("docker-compose.yml:") and "malformed YAML" in p for p in problems)
    assert any(p.startswith("pyproject.toml:") and "malformed TOML" in p for p in problems)
    assert any(p.startswith("nb.ipynb:2") and "malformed JSON" in p for p in problems)
    assert any(p.startswith("main.tf:") and "malformed HCL" in p for p in problems)
    # The scan went on: the other files were read, the HCL file line by line.
    assert {"mlflow", "amazon-s3"} <= tools_found(result)


def test_huge_and_binary_files_are_skipped(tmp_path: Path, index: SignatureIndex) -> None:
    root = write_tree(tmp_path / "repo", {"requirements.txt": "mlflow\n"})
    (root / "requirements-big.txt").write_text("feast\n" + "# padding\n" * 2000)
    (root / "model.py").write_bytes(b"import feast\n\x00\x01binary")
    result = scan([root], index, limits=ScanLimits(max_file_bytes=10_000))
    assert tools_found(result) == {"mlflow"}
    assert any(
        "requirements-big.txt" in p and "larger than 10000 bytes" in p for p in messages(result)
    )


def test_gitignore_virtualenvs_node_modules_and_git_are_skipped(
    tmp_path: Path, index: SignatureIndex
) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            ".gitignore": "build/\n*.generated.txt\n",
            "build/requirements.txt": "feast\n",
            "requirements.generated.txt": "feast\n",
            "sub/.gitignore": "!keep.generated.txt\n",
            "sub/requirements.keep.generated.txt": "bentoml\n",
            "node_modules/pkg/requirements.txt": "feast\n",
            ".git/requirements.txt": "feast\n",
            ".venv/lib/requirements.txt": "feast\n",
            "myenv/pyvenv.cfg": "home = /usr/bin\n",
            "myenv/requirements.txt": "feast\n",
            "env/bin/activate": "# activate\n",
            "env/requirements.txt": "feast\n",
            "requirements.txt": "mlflow\n",
        },
    )
    assert tools_found(result) == {"mlflow"}


def test_gitignore_negation_in_a_subfolder(tmp_path: Path, index: SignatureIndex) -> None:
    result = scan_files(
        tmp_path,
        index,
        {
            ".gitignore": "*.generated.txt\n",
            "sub/.gitignore": "!requirements.generated.txt\n",
            "sub/requirements.generated.txt": "bentoml\n",
        },
    )
    assert tools_found(result) == {"bentoml"}


def test_file_count_limit(tmp_path: Path, index: SignatureIndex) -> None:
    files = {f"f{i:02}.txt": "x" for i in range(30)}
    files["zz/requirements.txt"] = "mlflow\n"
    root = write_tree(tmp_path / "repo", files)
    result = scan([root], index, limits=ScanLimits(max_files=10))
    assert tools_found(result) == set()
    assert any("file limit of 10 reached" in p for p in messages(result))
