"""The package's structure (README, "Layout"): modules import each other without a cycle, a `ranking`
module is imported inside a function only where it is one of the documented heavy ones, and `dti diff`
loads no workbook or PDF library (`dti validate`: test_scoring.py)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from ranking.ranking import Ranking
from ranking.tables import write_csv_tables
from tests.conftest import ROOT

PACKAGE = ROOT / "ranking"

# (importing module, imported module): imported inside a function because it loads a heavy library that most
# commands never need (openpyxl for the workbooks, pydantic for the criteria format, the report stack).
LAZY = {
    ("cli", "forms"), ("cli", "collect"),  # openpyxl: only `dti forms` and `dti collect`
    ("cli", "schema"),  # pydantic: `dti schema`
    ("cli", "tasks"),  # jinja2, weasyprint and openpyxl: only `dti tasks`
    ("criteria", "schema"),  # pydantic: only when a criteria file is loaded
    ("pipeline", "report"), ("pipeline", "site"),  # jinja2 and weasyprint: only when a PDF is made
    ("pipeline", "views"),  # jinja2: only when the PDFs and the site are made
}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """The `ranking` modules a source file imports (short names), each with whether it is inside a function."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module is not None:
                if child.module == "ranking":
                    found.extend((alias.name, inner) for alias in child.names if alias.name != "__version__")
                elif child.module.startswith("ranking."):
                    found.append((child.module.split(".")[1], inner))
            elif isinstance(child, ast.Import):
                found.extend((a.name.split(".")[1], inner) for a in child.names if a.name.startswith("ranking."))
            visit(child, inner)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


def _graph() -> dict[str, set[str]]:
    """Every module of the package → the package's modules it imports, at any level (types only too)."""
    return {path.stem: {name for name, _ in _imports(path)} for path in sorted(PACKAGE.glob("*.py"))}


def test_the_import_graph_has_no_cycle() -> None:
    """Depth-first search; a module met again on the current path closes a cycle, which the message lists."""
    graph = _graph()
    assert {"syntax", "yamlread", "csvio"} <= graph.keys()
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module):], module]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            walk(imported, [*path, module])
        done.add(module)

    for module in graph:
        walk(module, [])


def test_the_leaves_import_no_other_module_but_errors() -> None:
    """The syntax, the YAML reader and the CSV module stay near the bottom: whatever reads or writes a file
    can use them (the CSV writer replaces a file through output.write_file, which needs no workbook)."""
    graph = _graph()
    assert graph["syntax"] == {"errors"}
    assert graph["yamlread"] == {"errors", "syntax"}
    assert graph["csvio"] == {"errors", "output", "syntax"}
    assert graph["output"] <= {"errors", "system"}
    assert graph["schema"] == {"syntax"}  # not the criteria tree: criteria.py builds its tree from the schema


def test_only_the_documented_heavy_modules_are_imported_inside_functions() -> None:
    lazy = {(path.stem, name) for path in PACKAGE.glob("*.py") for name, inner in _imports(path) if inner}
    assert lazy == LAZY


def _loaded(args: list[str], cwd: Path) -> dict[str, object]:
    """Run `dti ARGS` in a fresh interpreter; its exit code and which heavy libraries it loaded."""
    code = (
        "import json, runpy, sys\n"
        f"sys.argv = ['dti', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('ranking', run_name='__main__')\n"
        "    status = 0\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "heavy = ('openpyxl', 'weasyprint', 'jinja2', 'skcriteria')\n"
        "print(json.dumps({'status': status, 'loaded': sorted({m.split('.')[0] for m in sys.modules} & set(heavy))}),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return result


def test_diff_loads_no_workbook_and_no_pdf_library(tiny: Ranking, tmp_path: Path) -> None:
    """The diff of two runs reads two CSVs and writes one: neither openpyxl nor weasyprint."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        folder.mkdir()
        write_csv_tables(tiny, folder, {})
    found = _loaded(["diff", str(old), str(new), "--out", str(tmp_path / "diff.csv")], tmp_path)
    assert found == {"status": 0, "loaded": []}
    assert (tmp_path / "diff.csv").read_text(encoding="utf-8").startswith("group,unit,name,indicator,")
