"""A private Virtuoso for the remote-store tests (:mod:`support.virtuoso`), one per session.

On a machine without ``virtuoso-t`` the tests skip and say why; ``make deps`` installs the
package (CI runs as root, so nothing is skipped there).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.virtuoso import VIRTUOSO, Virtuoso

needs_virtuoso = pytest.mark.skipif(
    VIRTUOSO is None,
    reason="needs Debian's virtuoso-opensource (virtuoso-t); `make deps` installs it as root",
)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    if VIRTUOSO is None:
        pytest.skip("needs Debian's virtuoso-opensource (virtuoso-t); `make deps` installs it")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
