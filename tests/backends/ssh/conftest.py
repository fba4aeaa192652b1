"""The real sshd the SFTP store tests run against (one per test module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._sshd import Sshd, running_sshd


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sshd]:
    with running_sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server
