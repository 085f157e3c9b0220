"""Unpack a ``.zip`` or ``.tar.gz``/``.tgz`` archive safely into a temporary folder.

Refused, with a :class:`ScanError` naming the archive and the member: absolute paths and
``..`` parts (zip slip), links and special files in tars, link members in zips, more
members or more uncompressed bytes than the limits allow, and members compressed more than
the ratio limit (zip bombs). Sizes are counted while extracting, not taken from the
headers on trust. Archives inside the archive are extracted as plain files and never
expanded.
"""

from __future__ import annotations

import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from mlopskg.scan.model import ScanError, ScanLimits

ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")
_CHUNK = 1 << 16
#: Below this many bytes a member's compression ratio is not checked (tiny files of
#: repeated text compress very well and are harmless).
_RATIO_FLOOR = 1 << 20


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def archive_stem(path: Path) -> str:
    """The archive's name without its archive suffix: ``infra.tar.gz`` -> ``infra``."""
    name = path.name
    for suffix in ARCHIVE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or name
    return name


def safe_member_path(archive: str, name: str) -> PurePosixPath:
    """The member's relative path, or a ScanError when it would leave the folder."""
    cleaned = name.replace("\\", "/")
    path = PurePosixPath(cleaned)
    if cleaned.startswith("/") or (len(cleaned) > 1 and cleaned[1] == ":"):
        raise ScanError(f"{archive}: member {name!r} has an absolute path: refused")
    if any(part == ".." for part in path.parts):
        raise ScanError(f"{archive}: member {name!r} leaves the archive's folder (..): refused")
    return path


class _Counter:
    """Bytes extracted so far over the whole archive."""

    def __init__(self, archive: str, limits: ScanLimits) -> None:
        self.archive = archive
        self.limits = limits
        self.total = 0

    def copy(self, source: IO[bytes], target: Path, member: str, compressed: int) -> None:
        written = 0
        with open(target, "wb") as out:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                self.total += len(chunk)
                if self.total > self.limits.max_archive_bytes:
                    raise ScanError(
                        f"{self.archive}: more than {self.limits.max_archive_bytes} bytes "
                        f"uncompressed (at member {member!r}): refused"
                    )
                if (
                    compressed >= 0
                    and written > _RATIO_FLOOR
                    and written > self.limits.max_compression_ratio * max(compressed, 1)
                ):
                    raise ScanError(
                        f"{self.archive}: member {member!r} expands more than "
                        f"{self.limits.max_compression_ratio:g} times (a zip bomb?): refused"
                    )
                out.write(chunk)


def _target(folder: Path, relative: PurePosixPath) -> Path:
    target = folder.joinpath(*relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _extract_zip(archive: Path, folder: Path, limits: ScanLimits) -> None:
    name = archive.name
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            if len(members) > limits.max_archive_members:
                raise ScanError(
                    f"{name}: {len(members)} members, more than {limits.max_archive_members}: refused"
                )
            counter = _Counter(name, limits)
            for info in members:
                relative = safe_member_path(name, info.filename)
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise ScanError(f"{name}: member {info.filename!r} is a link: refused")
                if info.is_dir() or not relative.parts:
                    continue
                with bundle.open(info) as source:
                    counter.copy(
                        source, _target(folder, relative), info.filename, info.compress_size
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise ScanError(f"{name}: not a readable zip archive: {error}") from error


def _extract_tar(archive: Path, folder: Path, limits: ScanLimits) -> None:
    name = archive.name
    compressed_total = archive.stat().st_size
    try:
        with tarfile.open(archive, mode="r:*") as bundle:
            counter = _Counter(name, limits)
            count = 0
            for info in bundle:
                count += 1
                if count > limits.max_archive_members:
                    raise ScanError(
                        f"{name}: more than {limits.max_archive_members} members: refused"
                    )
                relative = safe_member_path(name, info.name)
                if info.issym() or info.islnk():
                    raise ScanError(f"{name}: member {info.name!r} is a link: refused")
                if info.isdir() or not relative.parts:
                    continue
                if not info.isfile():
                    raise ScanError(f"{name}: member {info.name!r} is a special file: refused")
                source = bundle.extractfile(info)
                if source is None:
                    continue
                # A tar's members share one compressed stream: the ratio is checked on the
                # whole archive (total bytes so far against the archive's size).
                before = counter.total
                counter.copy(source, _target(folder, relative), info.name, -1)
                if (
                    counter.total > _RATIO_FLOOR
                    and counter.total > limits.max_compression_ratio * max(compressed_total, 1)
                ):
                    raise ScanError(
                        f"{name}: member {info.name!r} brings the archive past "
                        f"{limits.max_compression_ratio:g} times its size "
                        f"({counter.total - before} bytes; a tar bomb?): refused"
                    )
    except (tarfile.TarError, EOFError, OSError) as error:
        raise ScanError(f"{name}: not a readable tar archive: {error}") from error


@contextmanager
def unpacked(archive: Path, limits: ScanLimits) -> Iterator[Path]:
    """Extract the archive into a temporary folder, removed when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="mlopskg-scan-"))
    try:
        if archive.name.lower().endswith(".zip"):
            _extract_zip(archive, folder, limits)
        else:
            _extract_tar(archive, folder, limits)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
