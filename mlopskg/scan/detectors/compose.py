"""Docker Compose files: each service's image, and the program of its command or entry
point (what the service runs, so it hints the prediction-service kind).

Confidence: 0.9 for a service image; 0.85 for the program a service runs.
"""

from __future__ import annotations

import re

from mlopskg.scan.detectors.commands import command_words
from mlopskg.scan.files import ScannedFile
from mlopskg.scan.index import kind_iri
from mlopskg.scan.model import Evidence
from mlopskg.scan.parsing import get, items, scalar, strings

NAME = "compose"

_COMPOSE = re.compile(r"^(?:docker-)?compose[^/]*\.ya?ml$")


def wants(rel: str, name: str) -> bool:
    return bool(_COMPOSE.match(name))


def detect(file: ScannedFile) -> list[Evidence]:
    index = file.index
    budget = file.budget
    serving = kind_iri("PredictionService")
    found: list[Evidence] = []
    for document in file.yaml():
        for _, service in items(get(document, "services", budget), budget):
            image_node = get(service, "image", budget)
            image = scalar(image_node)
            if image and image_node is not None and "$" not in image:
                found += file.evidence(
                    index.images(image), image_node.start_mark.line + 1, image, NAME, 0.9
                )
            for key in ("entrypoint", "command"):
                parts = strings(get(service, key, budget), budget)
                if not parts:
                    continue
                line = parts[0][1]
                command = " ".join(text for text, _ in parts)
                for program, _ in list(command_words(command))[:1]:
                    matches = index.commands(program) + index.imports(program)
                    found += file.evidence(matches, line, program, NAME, 0.85, hint=serving)
    return found
