"""rhetoric installs as a package: pins agree, the wheel carries its data, the command works from any folder."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(lines: list[str]) -> dict[str, str]:
    """name -> version of each `name==version` line, names lower-cased as pip compares them."""
    found = {}
    for line in lines:
        spec = line.split("#")[0].strip()
        if spec:
            name, _, version = spec.partition("==")
            assert version, f"not pinned: {spec}"
            found[name.strip().lower()] = version.strip()
    return found


def test_requirements_txt_has_exactly_the_pins_of_pyproject():
    declared = pins(PYPROJECT["project"]["dependencies"])
    required = pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert required == declared
    assert {"streamlit", "polars", "plotly", "vadersentiment"} <= declared.keys()


def test_every_dev_tool_is_pinned_too():
    assert all("==" in spec for spec in PYPROJECT["project"]["optional-dependencies"]["dev"])


def test_the_readme_notebook_example_runs_as_written(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"### From a notebook.*?```python\n(.*?)```", readme, flags=re.S)
    assert len(example.strip().splitlines()) <= 10
    monkeypatch.chdir(tmp_path)  # from another folder, as a notebook would be
    names: dict[str, object] = {}
    exec(compile(example, "README example", "exec"), names)
    assert isinstance(names["fig"], go.Figure)
    assert names["gaps"].height > 0 and names["by_year"].height >= 3


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip install .` would build (built here without a network: hatchling is a dev dependency)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("rhetoric-*.whl")
    return built


def test_the_wheel_carries_the_bundled_data_and_the_lexicons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {p.name for p in (ROOT / "quotes").glob("*.csv")}
    assert {f"rhetoric/_quotes/{n}" for n in bundled} <= names
    assert {"rhetoric/scoring/lexicons/warmth.csv", "rhetoric/scoring/lexicons/substance.csv"} <= names
    assert {"rhetoric/scoring/heads/heads.json", "rhetoric/scoring/heads/scores.parquet"} <= names  # the learned heads
    assert not any(n.startswith(("tests/", "bench/", "views/", "dashboard/")) for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "rhetoric = rhetoric.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_installed_command_works_from_another_folder(wheel, tmp_path):
    """Installed apart from the checkout, `rhetoric` reads the bundled data through importlib.resources."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    (elsewhere / "mine.csv").write_text("date,speaker,quote\n2019-02-28,Trump,We fell in love.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)

    where = run(
        sys.executable, "-c", "import rhetoric, rhetoric.io.bundled as b; print(rhetoric.__file__); print(b.DIRECTORY)"
    )
    module_file, data_dir = where.stdout.split()
    assert module_file.startswith(str(target)) and data_dir == str(target / "rhetoric" / "_quotes")
    validated = run(str(target / "bin" / "rhetoric"), "validate", "mine.csv")
    assert validated.returncode == 0, validated.stderr
    assert "1 row accepted" in validated.stdout + validated.stderr
    scored = run(str(target / "bin" / "rhetoric"), "score", "mine.csv", "-o", "out.csv")
    assert scored.returncode == 0, scored.stderr
    assert "warmth" in (elsewhere / "out.csv").read_text(encoding="utf-8").splitlines()[0]
    bundled = run(sys.executable, "-c", "import rhetoric; print(rhetoric.bundled_quotes().height)")
    from rhetoric.io import bundled as checkout  # the same data, read from the checkout's quotes/

    assert int(bundled.stdout) == checkout.quotes().height
