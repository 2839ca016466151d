"""Load: N readers open the dashboard at once against one app server; how long until their charts draw?

Starts `streamlit run app.py` on a free loopback port, then in Debian's chromium (one browser, one
context per reader) times navigation → every chart drawn with data, first for a single reader (the
baseline, in the same run), then for each N. Prints p50, p95, the p95 ratio to the single reader and
every error. Target: 25 readers, no errors, p95 at most 4× the single reader.

    python bench/load.py [--readers 10 25] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))

from conftest import CHROMIUM, CHROMIUM_ARGS, AppServer
from playwright.async_api import async_playwright

CHARTS_DRAWN = (
    "() => { const c = document.querySelectorAll('.js-plotly-plot');"
    " return c.length > 0 && Array.from(c).every(el => el.data && el.data.length > 0); }"
)
TIMEOUT_MS = 240_000  # generous: a reader still waiting is slow, not failed
_TICK = os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as handle:
        fields = [int(v) for v in handle.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / _TICK, sum(fields) / _TICK


def process_cpu(pid: int) -> float:
    """CPU seconds the app server process has used so far."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICK


async def one_reader(browser, url: str) -> tuple[float | None, str | None]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    try:
        page = await context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        start = time.perf_counter()
        await page.goto(url, timeout=TIMEOUT_MS)
        await page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)
        elapsed = time.perf_counter() - start
        if await page.locator("[data-testid='stException']").count():
            errors.append("the app showed an exception")
        return elapsed, "; ".join(errors) or None
    except Exception as exc:  # a timeout or a crash is a result to report, not a reason to stop
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    finally:
        await context.close()


async def wave(browser, url: str, readers: int) -> tuple[list[float], list[str]]:
    results = await asyncio.gather(*(one_reader(browser, url) for _ in range(readers)))
    times = [t for t, _ in results if t is not None]
    errors = [e for _, e in results if e]
    return times, errors


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def main(readers: list[int], repeats: int) -> int:
    server = AppServer()
    failed = False
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            await wave(browser, server.url, 1)  # warm the cache: the first reader scores the bundled data
            single: list[float] = []
            for _ in range(repeats):
                times, errors = await wave(browser, server.url, 1)
                single += times
                if errors:
                    print("single-reader errors:", errors)
                    failed = True
            base = statistics.median(single)
            print(f"single reader: median {base:.2f} s over {len(single)} runs")
            print(
                f"{'readers':>8} {'p50 s':>7} {'p95 s':>7} {'p95/single':>11} {'errors':>7} "
                f"{'machine busy':>13} {'app server cpu':>15}"
            )
            for n in readers:
                busy0, total0 = machine_cpu()
                app0 = process_cpu(server.proc.pid)
                times, errors = await wave(browser, server.url, n)
                busy1, total1 = machine_cpu()
                busy = f"{100 * (busy1 - busy0) / max(total1 - total0, 1e-9):.0f}%"
                app_cpu = f"{process_cpu(server.proc.pid) - app0:.1f} s"
                if not times:
                    print(f"{n:>8} {'–':>7} {'–':>7} {'–':>11} {len(errors):>7} {busy:>13} {app_cpu:>15}")
                    failed = True
                    continue
                ratio = p(times, 0.95) / base
                print(
                    f"{n:>8} {p(times, 0.5):7.2f} {p(times, 0.95):7.2f} {ratio:11.2f} {len(errors):>7} "
                    f"{busy:>13} {app_cpu:>15}"
                )
                for e in sorted(set(errors)):
                    print(f"         error: {e}")
                failed |= bool(errors) or (n == max(readers) and ratio > 4.0)
            await browser.close()
    finally:
        server.stop()
    print("target (25 readers, no errors, p95 <= 4x single):", "met" if not failed else "NOT met")
    print("machine busy: both cores, browser and server together; app server cpu: the streamlit process alone")
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[10, 25])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.readers, args.repeats)))
