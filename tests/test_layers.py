"""Who may import what, and project rules that code review would otherwise have to remember.

The library is built in layers, each importing only the layers below it (and itself):

    schema, errors, version  column names and dtypes, the one error type, the version
    io                    bytes of files in, validated frames out
    scoring               sentiment, warmth, substance, the lexicons, evaluation (reads labelled files through io)
    analysis              filters, rolling warmth, progress, moments, lead and lag, word shift
    figures               pure plotly builders over analysis frames
    sharing               exports, the HTML report (figures and analysis), the store
    cli, rhetoric/__init__ the front ends of the library: may import everything

`dashboard/` imports rhetoric and streamlit; `views/` import both; `app.py` imports only streamlit.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = sorted((ROOT / "rhetoric").rglob("*.py"))

LAYERS = ["base", "io", "scoring", "analysis", "figures", "sharing", "front"]
MAY_IMPORT = {layer: set(LAYERS[: i + 1]) for i, layer in enumerate(LAYERS)}
MAY_IMPORT["analysis"] -= {"io", "scoring"}  # analysis works on frames that are already scored
MAY_IMPORT["figures"] -= {"io", "scoring"}


def layer(module: str) -> str:
    """The layer of a dotted rhetoric module name, e.g. rhetoric.io.ingest -> io."""
    parts = module.split(".")
    if parts[:1] != ["rhetoric"]:
        raise ValueError(module)
    if len(parts) == 1 or parts[1] in ("cli", "__main__"):
        return "front"
    if parts[1] in ("schema", "errors", "version"):
        return "base"
    return parts[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it, as written; `from a import b` gives a and a.b."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def imports(path: Path) -> set[str]:
    """The rhetoric modules a file imports, as dotted names: `from rhetoric import schema` is rhetoric.schema,
    `from rhetoric.io.ingest import read_quotes` is rhetoric.io.ingest."""
    found = {name for name in all_imports(path) if name == "rhetoric" or name.startswith("rhetoric.")}
    modules = {name for name in found if known(name)}
    # a package counts only where nothing under it was named (`import rhetoric`, not `from rhetoric import x`)
    return {m for m in modules if not any(other.startswith(m + ".") for other in modules)}


def known(name: str) -> bool:
    """Whether a dotted name is a rhetoric module or package (rather than a function imported from one)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations(module: str, imported: set[str]) -> set[str]:
    """The imported rhetoric modules that sit in a layer `module` may not import."""
    own = layer(module)
    return {m for m in imported if layer(m) not in MAY_IMPORT[own]}


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_library_module_imports_only_its_own_layer_and_those_below(path):
    module = module_name(path)
    assert violations(module, {m for m in imports(path) if known(m)}) == set(), (
        f"{layer(module)} may import {sorted(MAY_IMPORT[layer(module)])}"
    )


def test_an_upward_import_is_a_violation():
    """The rule can fail: input importing figures, or analysis importing scoring, is refused."""
    assert violations("rhetoric.io.ingest", {"rhetoric.figures.quotes", "rhetoric.schema"}) == {
        "rhetoric.figures.quotes"
    }
    assert violations("rhetoric.analysis.wordshift", {"rhetoric.scoring.score"}) == {"rhetoric.scoring.score"}
    assert violations("rhetoric.sharing.report", {"rhetoric.io.bundled", "rhetoric.figures"}) == set()


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan's algorithm): each one is an import cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_the_library_has_no_import_cycles():
    # Importing rhetoric.x.y runs the package files rhetoric/__init__ and rhetoric/x/__init__ first: those
    # re-export for users and are not part of a cycle of the modules' own making, so only module edges count.
    packages = {module_name(p) for p in LIBRARY if p.name == "__init__.py"}
    graph = {
        module_name(p): {m for m in imports(p) if known(m) and m not in packages}
        for p in LIBRARY
        if p.name != "__init__.py"
    }
    assert cycles(graph) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_folder_tree_is_the_readme_table_of_parts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subpackages = sorted(
        p.parent.name for p in (ROOT / "rhetoric").glob("*/__init__.py") if p.parent.name != "lexicons"
    )
    named = sorted(set(re.findall(r"^\| `rhetoric/(\w+)/` \|", readme, flags=re.M)))
    assert named == subpackages


def test_the_library_never_imports_streamlit_or_the_app_side():
    offenders = [
        str(p) for p in LIBRARY if {m.split(".")[0] for m in all_imports(p)} & {"streamlit", "dashboard", "views"}
    ]
    assert offenders == []


def test_every_library_module_says_what_it_is_for_in_one_line():
    missing = [
        str(p) for p in LIBRARY if not (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").strip()
    ]
    assert missing == []


def test_library_modules_stay_small():
    assert {str(p): n for p in LIBRARY if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450} == {}


def test_no_unsafe_html_anywhere_in_the_app():
    app_files = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "dashboard").glob("*.py"))]
    assert [p.name for p in app_files if "unsafe_allow_html" in p.read_text(encoding="utf-8")] == []


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)\n```", readme.split("\n## ")[0], flags=re.S)
    assert len(blocks) == 2, "the README's first screen has exactly two commands"
    assert blocks[1].strip() in ci.splitlines()


def test_tests_mirror_the_library():
    """Every test file of a library module sits in the folder of that module's subpackage."""
    modules = {p.stem: p.parent.name for p in LIBRARY if p.parent.name != "rhetoric"}
    misplaced = {
        t.name: modules[t.stem[5:]]
        for t in (ROOT / "tests").rglob("test_*.py")
        if t.stem[5:] in modules and t.parent.name != modules[t.stem[5:]]
    }
    assert misplaced == {}
