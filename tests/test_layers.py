"""Project rules that code review would otherwise have to remember."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = sorted((ROOT / "rhetoric").rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_library_never_imports_streamlit_or_the_app_side():
    offenders = [p.name for p in LIBRARY if imported_modules(p) & {"streamlit", "dashboard", "views"}]
    assert offenders == []


def test_every_library_module_says_what_it_is_for_in_one_line():
    missing = [p.name for p in LIBRARY if not (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").strip()]
    assert missing == []


def test_library_modules_stay_small():
    assert {p.name: n for p in LIBRARY if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450} == {}


def test_no_unsafe_html_anywhere_in_the_app():
    app_files = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "dashboard").glob("*.py"))]
    assert [p.name for p in app_files if "unsafe_allow_html" in p.read_text(encoding="utf-8")] == []


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)\n```", readme.split("\n## ")[0], flags=re.S)
    assert len(blocks) == 2, "the README's first screen has exactly two commands"
    assert blocks[1].strip() in ci.splitlines()


def test_requirements_are_pinned():
    lines = [l.split("#")[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    assert all("==" in l for l in lines if l)
