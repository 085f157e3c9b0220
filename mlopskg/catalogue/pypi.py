"""Read one package's metadata from PyPI's JSON API: latest release, its date, its licence.

Only ``https://pypi.org/pypi/<name>/json`` is read, for names taken from the graph's
signatures (never from user input to a server).

>>> normalise("Great_Expectations")
'great-expectations'
>>> spdx_for("Apache Software License")
('Apache-2.0', True)
>>> spdx_for("Proprietary")
(None, False)
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from mlopskg.errors import MlopsKGError

PYPI_JSON = "https://pypi.org/pypi/{name}/json"

#: licence text as PyPI gives it (lowercased) -> (SPDX id, OSI-approved); only unambiguous names
_SPDX = {
    "apache-2.0": ("Apache-2.0", True),
    "apache 2.0": ("Apache-2.0", True),
    "apache 2": ("Apache-2.0", True),
    "apache license 2.0": ("Apache-2.0", True),
    "apache license, version 2.0": ("Apache-2.0", True),
    "apache license version 2.0": ("Apache-2.0", True),
    "apache software license": ("Apache-2.0", True),
    "apache software license 2.0": ("Apache-2.0", True),
    "apache software license (apache 2.0)": ("Apache-2.0", True),
    "apache software license (apache-2.0)": ("Apache-2.0", True),
    "mit": ("MIT", True),
    "mit license": ("MIT", True),
    "bsd": ("BSD-3-Clause", True),
    "bsd-3-clause": ("BSD-3-Clause", True),
    "bsd license": ("BSD-3-Clause", True),
    "bsd-2-clause": ("BSD-2-Clause", True),
    "agpl-3.0": ("AGPL-3.0", True),
    "agpl-3.0-only": ("AGPL-3.0-only", True),
    "agpl-3.0-or-later": ("AGPL-3.0-or-later", True),
    "gnu affero general public license v3": ("AGPL-3.0", True),
    "gnu affero general public license v3 or later (agplv3+)": ("AGPL-3.0-or-later", True),
    "gpl-3.0": ("GPL-3.0", True),
    "gpl-3.0-only": ("GPL-3.0-only", True),
    "gpl-3.0-or-later": ("GPL-3.0-or-later", True),
    "lgpl-3.0": ("LGPL-3.0", True),
    "mpl-2.0": ("MPL-2.0", True),
    "mozilla public license 2.0 (mpl 2.0)": ("MPL-2.0", True),
    "isc": ("ISC", True),
    "isc license (iscl)": ("ISC", True),
    "apache v2": ("Apache-2.0", True),
    "apache 2.0 license": ("Apache-2.0", True),
    "apache-2.0 license": ("Apache-2.0", True),
    "https://www.apache.org/licenses/license-2.0": ("Apache-2.0", True),
    "http://www.apache.org/licenses/license-2.0": ("Apache-2.0", True),
    "https://opensource.org/license/mit/": ("MIT", True),
    "bsd3": ("BSD-3-Clause", True),
    "bsd 3 clause": ("BSD-3-Clause", True),
    "bsd 3-clause": ("BSD-3-Clause", True),
    "gnu general public license v3 (gplv3)": ("GPL-3.0", True),
    "gnu general public license v3 or later (gplv3+)": ("GPL-3.0-or-later", True),
    "gnu/lgplv3": ("LGPL-3.0", True),
    "busl-1.1": ("BUSL-1.1", False),
    "elastic license 2.0": ("Elastic-2.0", False),
    "business source license 1.1": ("BUSL-1.1", False),
    "elastic-2.0": ("Elastic-2.0", False),
    "sspl-1.0": ("SSPL-1.0", False),
}


class RegistryError(MlopsKGError):
    """The package registry could not be read for a package."""


@dataclass(frozen=True)
class PackageRelease:
    """What the registry says about a package's latest release."""

    package: str
    version: str
    released: str | None  # ISO date of the latest release's first upload
    licence: str  # as PyPI words it ('' when it gives none)
    licence_field: str  # license_expression, license, classifier or none
    homepage: str | None
    summary: str


def normalise(name: str) -> str:
    """A package name as PEP 503 normalises it."""
    return re.sub(r"[-_.]+", "-", name).lower()


#: licence texts that say the package is not open source, without an SPDX id
_PROPRIETARY = ("other/proprietary license", "proprietary")


def spdx_for(licence: str) -> tuple[str | None, bool]:
    """(SPDX id, OSI-approved) for a licence text when it is unambiguous, else (None, False)."""
    return _SPDX.get(licence.strip().lower(), (None, False))


def licence_kind(licence: str) -> str | None:
    """The broad kind (local name of an mlo:LicenceKind) a licence text states, if it does.

    >>> licence_kind("MIT"), licence_kind("BUSL-1.1"), licence_kind("Proprietary"), licence_kind("")
    ('openSource', 'sourceAvailable', 'commercial', None)
    """
    text = licence.strip().lower()
    spdx, osi = spdx_for(text)
    if osi:
        return "openSource"
    if spdx:
        return "sourceAvailable"
    if text in _PROPRIETARY:
        return "commercial"
    if "source-available" in text:
        return "sourceAvailable"
    return None


def _licence(info: dict[str, object]) -> tuple[str, str]:
    expression = str(info.get("license_expression") or "").strip()
    if expression:
        return expression, "license_expression"
    text = str(info.get("license") or "").strip()
    if text and len(text) <= 60 and "\n" not in text:
        return text, "license"
    classifiers = info.get("classifiers")
    found = [
        str(c).split(" :: ")[-1]
        for c in (classifiers if isinstance(classifiers, list) else [])
        if str(c).startswith("License ::")
    ]
    if found:
        return "; ".join(found), "classifier"
    return "", "none"


def _homepage(info: dict[str, object]) -> str | None:
    urls = info.get("project_urls") or {}
    if isinstance(urls, dict):
        for key in ("Homepage", "homepage", "Home", "Documentation", "documentation"):
            value = urls.get(key)
            if isinstance(value, str) and value.startswith("https://"):
                return value
    home = info.get("home_page")
    return home if isinstance(home, str) and home.startswith("https://") else None


def parse_metadata(package: str, document: dict[str, object]) -> PackageRelease:
    """The release facts in a PyPI JSON document (separate from fetching, for tests)."""
    info = document.get("info")
    if not isinstance(info, dict):
        raise RegistryError(f"{PYPI_JSON.format(name=package)}: no 'info' object in the answer")
    licence, field = _licence(info)
    files = document.get("urls")
    uploads = [
        str(u.get("upload_time_iso_8601") or u.get("upload_time") or "")
        for u in (files if isinstance(files, list) else [])
        if isinstance(u, dict)
    ]
    uploads = sorted(u for u in uploads if u)
    return PackageRelease(
        package=normalise(str(info.get("name") or package)),
        version=str(info.get("version") or ""),
        released=uploads[0][:10] if uploads else None,
        licence=licence,
        licence_field=field,
        homepage=_homepage(info),
        summary=str(info.get("summary") or "").strip(),
    )


def fetch_release(package: str, *, timeout: float = 30.0) -> PackageRelease:
    """Read a package's latest release from PyPI; RegistryError names the URL on failure."""
    url = PYPI_JSON.format(name=normalise(package))
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            document = json.load(response)
    except urllib.error.HTTPError as error:
        raise RegistryError(f"{url}: HTTP {error.code} (no such package?)") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise RegistryError(f"{url}: {getattr(error, 'reason', error)}") from None
    except json.JSONDecodeError as error:
        raise RegistryError(f"{url}: not JSON ({error})") from None
    return parse_metadata(package, document)
