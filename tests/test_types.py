"""The package type-checks, so its annotations stay true as the code changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import REPO

mypy_api = pytest.importorskip("mypy.api")


def test_the_package_type_checks(tmp_path: Path) -> None:
    report, errors, status = mypy_api.run([
        "--config-file", str(REPO / "pyproject.toml"),
        "--cache-dir", str(tmp_path / "mypy-cache"),
        str(REPO / "assistant"),
    ])
    assert status == 0, report + errors
