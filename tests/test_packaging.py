"""The installed package carries every rule list, model and asset the code reads (an editable install would
hide a miss)."""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # standard library from Python 3.11

ROOT = Path(__file__).resolve().parents[1]


def _matches(path: str, pattern: str) -> bool:
    """setuptools' glob: '*' stays within one path part."""
    parts, wanted = path.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, wanted, strict=True))


@pytest.mark.parametrize("folder", ["rules", "models", "report/assets"])
def test_every_data_file_is_declared_as_package_data(folder):
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["quotes"]
    files = [
        p.relative_to(ROOT / "quotes").as_posix()
        for p in (ROOT / "quotes" / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    assert files
    missing = [f for f in files if not any(_matches(f, pattern) for pattern in patterns)]
    assert not missing, f"not installed with the package: {missing}"
