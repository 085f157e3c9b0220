"""Shell command lines as detectors see them: the program each command runs, and the
packages a ``pip install`` names. Format knowledge only: no tool names."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SEPARATORS = re.compile(r"&&|\|\||;|\||\n")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
#: Words that run the next word as the command.
_WRAPPERS = frozenset({"sudo", "exec", "time", "env", "nohup", "command", "then", "do", "!"})
_PYTHONS = re.compile(r"^python(?:\d(?:\.\d+)?)?$")
_PIP = re.compile(r"^pip\d?(?:\.\d+)?$")
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")
_OPTIONS_WITH_VALUE = frozenset(
    {"-r", "-c", "-e", "--requirement", "--constraint", "--editable", "-i", "--index-url"}
    | {"--extra-index-url", "-f", "--find-links", "--target", "-t", "--prefix", "--root"}
)


def _words(segment: str) -> list[str]:
    return [w.strip("\"'`()") for w in segment.split()]


def command_words(command: str) -> Iterator[tuple[str, list[str]]]:
    """For each simple command of a shell line: its program and its words.

    ``python -m x`` runs the program ``x``; wrappers such as ``sudo`` and leading variable
    assignments are skipped.

    >>> [w for w, _ in command_words("cd app && FOO=1 sudo dvc repro; python -m mlflow ui")]
    ['cd', 'dvc', 'mlflow']
    """
    for segment in _SEPARATORS.split(command):
        words = [w for w in _words(segment) if w]
        while words and (_ASSIGNMENT.match(words[0]) or words[0] in _WRAPPERS):
            words = words[1:]
        if not words:
            continue
        program = words[0].rsplit("/", 1)[-1]
        if _PYTHONS.match(program) and len(words) > 2 and words[1] == "-m":
            yield words[2], words[2:]
        elif program:
            yield program, words


def pip_packages(words: list[str]) -> list[str]:
    """The package names of a ``pip install`` command's words (options and files left out).

    >>> pip_packages(["pip", "install", "--no-cache-dir", "mlflow==2.9", "-r", "req.txt", "boto3[crt]"])
    ['mlflow', 'boto3']
    """
    program = words[0].rsplit("/", 1)[-1] if words else ""
    if _PIP.match(program):
        rest = words[1:]
    elif program == "uv" and words[1:2] == ["pip"]:
        rest = words[2:]
    elif _PYTHONS.match(program) and words[1:3] == ["-m", "pip"]:
        rest = words[3:]
    else:
        return []
    if rest[:1] != ["install"]:
        return []
    packages: list[str] = []
    skip_next = False
    for word in rest[1:]:
        if skip_next:
            skip_next = False
            continue
        if word in _OPTIONS_WITH_VALUE:
            skip_next = True
            continue
        if word.startswith("-") or "/" in word or word.startswith("."):
            continue
        match = _REQUIREMENT.match(word)
        if match:
            packages.append(match.group(1))
    return packages
