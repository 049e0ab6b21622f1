"""Shared helpers of the Python tests: where the source tree and its test data are."""

from __future__ import annotations

import os
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("GOVDISCLOSE_SOURCE_DIR") or Path(__file__).resolve().parents[2])
"""The source tree (CTest sets GOVDISCLOSE_SOURCE_DIR; otherwise two levels up)."""

DATA_DIR = SOURCE_DIR / "tests" / "data"
"""tests/data: the seed report and its JSON fixture."""

SEED_JSON = DATA_DIR / "zhengzhou-bigdata-2022.json"
"""The seed report in canonical JSON."""

SEED_TEXT = DATA_DIR / "zhengzhou-bigdata-2022.txt"
"""The seed report as published (a tab-separated copy of the web page)."""

PACKAGE_DIR = SOURCE_DIR / "bindings" / "python" / "govdisclose"
"""The Python package's sources (stubs included)."""
