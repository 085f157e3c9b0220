"""Dockerfiles (and Containerfiles): the images of ``FROM``, the packages of
``RUN pip install``, the programs of ``RUN``, ``ENTRYPOINT`` and ``CMD``.

A program in ``ENTRYPOINT`` or ``CMD`` is what the container serves, so it hints the
prediction-service kind (counted only for a tool that realises it, see :mod:`..roles`).

Confidence: 0.9 for a base image and a pip-installed package; 0.85 for the entry point's
program; 0.7 for a program run while building (a build step, not what runs).
"""

from __future__ import annotations

import json
import re

from mlopskg.scan.detectors.commands import command_words, pip_packages
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.index import kind_iri
from mlopskg.scan.model import Evidence

NAME = "dockerfile"

_INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$", re.S)


def wants(rel: str, name: str) -> bool:
    lower = name.lower()
    return (
        lower in ("dockerfile", "containerfile")
        or lower.startswith(("dockerfile.", "dockerfile-"))
        or lower.endswith(".dockerfile")
    )


def logical_lines(text: str) -> list[tuple[int, str]]:
    """Instructions with their first line, continuation lines joined, comments dropped."""
    result: list[tuple[int, str]] = []
    buffer: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not buffer and (not stripped or stripped.startswith("#")):
            continue
        if buffer and stripped.startswith("#"):
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer.append(stripped[:-1])
            continue
        buffer.append(stripped)
        result.append((start, " ".join(buffer)))
        buffer = []
    if buffer:
        result.append((start, " ".join(buffer)))
    return result


def exec_form(arguments: str) -> str:
    """``["mlflow", "server"]`` as the shell line ``mlflow server``; other text unchanged."""
    text = arguments.strip()
    if text.startswith("["):
        try:
            words = json.loads(text)
        except ValueError:
            return text
        if isinstance(words, list):
            return " ".join(str(w) for w in words)
    return text


def detect(file: ScannedFile) -> list[Evidence]:
    index = file.index
    found: list[Evidence] = []
    stages: set[str] = set()
    serving = kind_iri("PredictionService")
    for line, instruction in logical_lines(file.text):
        match = _INSTRUCTION.match(instruction)
        if not match:
            continue
        keyword, arguments = match.group(1).upper(), match.group(2)
        if keyword == "FROM":
            words = [w for w in arguments.split() if not w.startswith("--")]
            if not words:
                continue
            image = words[0]
            if len(words) >= 3 and words[1].lower() == "as":
                stages.add(words[2].lower())
            if image.lower() in stages or image == "scratch" or "$" in image:
                continue
            found += file.evidence(index.images(image), line, image, NAME, 0.9)
        elif keyword == "RUN":
            for program, words in command_words(exec_form(arguments)):
                for package in pip_packages(words):
                    found += file.evidence(index.packages(package), line, package, NAME, 0.9)
                found += file.evidence(index.commands(program), line, program, NAME, 0.7)
        elif keyword in ("ENTRYPOINT", "CMD"):
            for program, _ in command_words(exec_form(arguments)):
                matches = index.commands(program) + index.imports(program)
                found += file.evidence(matches, line, program, NAME, 0.85, hint=serving)
    return found
