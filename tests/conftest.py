"""Shared fixtures: a private copy of the shipped data root that a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_8dbbdfc2a546922b"


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A copy of the shipped seeds and annotations in a temporary data root."""
    root = tmp_path / "data"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(
        REPO / "annotations", root / "annotations", ignore=shutil.ignore_patterns("agreement")
    )
    return root
