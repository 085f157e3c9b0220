"""Walk a scanned root safely and read its files within bounds.

Never leaves the root: symbolic links to folders are not followed at all, links to files
only when the target is inside the root. Skips version-control folders, virtual
environments, ``node_modules``, caches and whatever the ``.gitignore`` files ignore
(git's rules, through pathspec). Bounds the depth, the number of files and the bytes read
per file; binary files are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from mlopskg.scan.model import Problem, ScanLimits

#: Folders never entered, by name.
SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        "site-packages",
    }
)

#: Bytes looked at to tell a binary file (one with a NUL byte) from a text file.
BINARY_SNIFF = 8192


@dataclass(frozen=True)
class FileEntry:
    """A file of a root: its path relative to the root ('/'-separated) and on disk."""

    rel: str
    path: str
    size: int

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]


@dataclass
class FileBudget:
    """Files still allowed over all roots of one scan."""

    remaining: int
    exhausted: bool = False


@dataclass
class _IgnoreRules:
    """The .gitignore specs that apply in a folder, outermost first, with their bases."""

    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = field(default_factory=list)

    def ignores(self, rel: str, is_dir: bool) -> bool:
        for base, spec in reversed(self.specs):
            local = rel[len(base) + 1 :] if base else rel
            result = spec.check_file(local + "/" if is_dir else local)
            if result.include is not None:
                return bool(result.include)
        return False


def is_virtual_environment(path: Path, name: str) -> bool:
    """A Python virtual environment: a folder with pyvenv.cfg, or an env/ with bin/activate."""
    if (path / "pyvenv.cfg").is_file():
        return True
    return name in {"env", ".env"} and (path / "bin" / "activate").is_file()


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _read_gitignore(path: Path, limits: ScanLimits) -> pathspec.GitIgnoreSpec | None:
    try:
        if path.is_symlink() or path.stat().st_size > limits.max_file_bytes:
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (OSError, ValueError):
        return None


def walk_tree(
    root: Path,
    limits: ScanLimits,
    problems: list[Problem],
    budget: FileBudget,
    display: str = "",
) -> Iterator[FileEntry]:
    """Yield the files of ``root`` a scan may read, sorted by path, within the limits.

    ``display`` prefixes the paths in problems (the root's name when several are scanned).
    """
    real_root = os.path.realpath(root)
    prefix = f"{display}/" if display else ""
    stack: list[tuple[Path, str, int, _IgnoreRules]] = [(Path(real_root), "", 0, _IgnoreRules())]
    while stack:
        folder, rel_folder, depth, rules = stack.pop()
        gitignore = _read_gitignore(folder / ".gitignore", limits)
        if gitignore is not None:
            rules = _IgnoreRules([*rules.specs, (rel_folder, gitignore)])
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            problems.append(Problem(prefix + (rel_folder or "."), None, f"cannot list: {error}"))
            continue
        subfolders: list[tuple[Path, str, int, _IgnoreRules]] = []
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_link:
                target = os.path.realpath(entry.path)
                if os.path.isdir(target) or not _inside(target, real_root):
                    where = "outside the root" if not _inside(target, real_root) else "a folder"
                    problems.append(
                        Problem(prefix + rel, None, f"symbolic link to {where}: not followed")
                    )
                    continue
            if is_dir:
                path = Path(entry.path)
                if entry.name in SKIPPED_FOLDERS or is_virtual_environment(path, entry.name):
                    continue
                if rules.ignores(rel, is_dir=True):
                    continue
                if depth + 1 > limits.max_depth:
                    problems.append(
                        Problem(
                            prefix + rel, None, f"deeper than {limits.max_depth} folders: skipped"
                        )
                    )
                    continue
                subfolders.append((path, rel, depth + 1, rules))
                continue
            if not (is_link or entry.is_file(follow_symlinks=False)):
                continue  # sockets, devices, fifos
            if rules.ignores(rel, is_dir=False):
                continue
            if budget.remaining <= 0:
                if not budget.exhausted:
                    budget.exhausted = True
                    problems.append(
                        Problem(
                            prefix + rel,
                            None,
                            f"file limit of {limits.max_files} reached: the rest is not scanned",
                        )
                    )
                return
            budget.remaining -= 1
            try:
                size = (
                    os.stat(entry.path) if is_link else entry.stat(follow_symlinks=False)
                ).st_size
            except OSError:
                continue
            yield FileEntry(rel, entry.path, size)
        stack.extend(reversed(subfolders))


def read_text(entry: FileEntry, limits: ScanLimits) -> tuple[str | None, str | None]:
    """The file's text, or ``(None, why)`` when it is too big, binary or unreadable."""
    if entry.size > limits.max_file_bytes:
        return None, f"larger than {limits.max_file_bytes} bytes ({entry.size}): skipped"
    try:
        descriptor = os.open(entry.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            data = os.read(descriptor, min(entry.size, limits.max_file_bytes) + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        return None, f"cannot read: {error.strerror or error}"
    if len(data) > limits.max_file_bytes:
        return None, f"larger than {limits.max_file_bytes} bytes: skipped"
    if b"\x00" in data[:BINARY_SNIFF]:
        return None, None
    return data.decode("utf-8", errors="replace"), None
