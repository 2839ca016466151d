"""Bench: how long the dashboard takes to draw its first chart from a cold start, against an earlier commit.

For each tree (this one, and a git worktree of BASELINE made here), RUNS times: start `streamlit run app.py`
in a fresh process, open the main view in headless chromium, and wait until the first plotly chart has data.
The time runs from the process start (a cold start: imports, data, scores and chart). Prints the median of
each and the difference (target from issue #15: at most 1 s slower than before the learned scorer).

    python bench/first_chart.py [--baseline COMMIT] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from conftest import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402  (the path must be set first)
from playwright.sync_api import sync_playwright  # noqa: E402


def first_chart_seconds(tree: Path, browser, env: dict[str, str]) -> float:
    start = time.monotonic()
    server = AppServer(env=env, cwd=tree, timeout=120)  # the server process starts here: a cold start
    try:
        page = browser.new_page()
        page.goto(server.url, timeout=60_000)
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.js-plotly-plot')).some(el => el.data && el.data.length)",
            timeout=120_000,
        )
        took = time.monotonic() - start
        page.close()
        return took
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="c7d8f08", help="the commit to compare with (before issue #15)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "baseline"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            env = {**os.environ, "RHETORIC_STORE_DIR": str(Path(folder) / "store")}
            results: dict[str, list[float]] = {"baseline": [], "this tree": []}
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for _ in range(args.runs):  # alternate, so that a busy moment hits both
                    results["baseline"].append(first_chart_seconds(old, browser, env))
                    results["this tree"].append(first_chart_seconds(ROOT, browser, env))
                browser.close()
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
    base, now = statistics.median(results["baseline"]), statistics.median(results["this tree"])
    for name, times in results.items():
        print(
            f"{name:<10} first chart after {statistics.median(times):5.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)})"
        )
    print(f"difference: {now - base:+.2f} s (target: at most +1.00 s: {'met' if now - base <= 1.0 else 'NOT met'})")


if __name__ == "__main__":
    main()
