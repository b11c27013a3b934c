"""A normal install (`pip install .`, not editable) holds every file of the package: the wheel built from the
sources lists each template and asset, those in sub-folders (templates/site/) too (issue 21, item 14). `make
wheel-check` (called by `make test`) then installs it into a fresh virtual environment and runs a case."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_holds_every_file_of_the_package(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "ranking", source / "ranking", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"),
                    str(source)], check=True, capture_output=True, timeout=600)
    [wheel] = (tmp_path / "wheel").glob("dti-*.whl")
    with zipfile.ZipFile(wheel) as z:
        packed = {name for name in z.namelist() if name.startswith("ranking/")}
    files = {p.relative_to(source).as_posix() for p in (source / "ranking").rglob("*") if p.is_file()}
    assert files - packed == set()
    site = {name for name in packed if name.startswith("ranking/templates/site/")}
    assert {"ranking/templates/site/index.html", "ranking/templates/site/unit.html",
            "ranking/templates/site/methodology.html"} <= site
    assert {"ranking/assets/report.css", "ranking/assets/site.css", "ranking/assets/site.js"} <= packed
