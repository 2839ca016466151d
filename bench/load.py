"""Load: many readers on the dashboard at once, measured at Streamlit's protocol level, not with a browser each.

Every reader is a bench/protocol.py session: it GETs the page (keeping the sticky-routing cookie), opens the
websocket, runs the main view, then switches to one other view over the same socket (rotating through
--views), as a reader clicking in the sidebar does. A load's time runs from the request (the first HTTP GET,
or the switch's rerun_script) to `script_finished`.

First a warm-up (every view on every replica: the first run of a view scores the bundled data), then one
reader at a time through every view (the baseline, in this same run), then --at-once readers started
together and --spread readers started evenly over --window seconds. For each: p50, p95 and max seconds,
errors, server CPU-seconds per session (utime+stime of the server processes from /proc), and p95 over the
single reader's p95 (the same mix of views). Then each server process's peak RSS (VmHWM) and the targets.

    python bench/load.py [--replicas 2 --port 8600]     # starts `deploy/serve`, measures it, stops it
    python bench/load.py --url http://127.0.0.1:8501 --pid 1234 [--pid 1235]   # a server already running

A --pid counts with all its descendants; the streamlit processes among them are the replicas.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import math
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from protocol import PageLoad, Session  # bench/ is not a package: found through the path set above

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ["map", "moments", "speakers", "lag", "shift", "explorer"]
RUN_STATS = "RHETORIC_RUN_STATS"  # the file the app appends each script run's CPU seconds to (dashboard/runstats.py)
REPLICA_HEADER = "x-rhetoric-replica"  # deploy/serve's nginx names the replica that answered
_TICK = os.sysconf("SC_CLK_TCK")


# --- the server's processes, from /proc ---------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def family(pids: list[int]) -> list[int]:
    """The processes and all their live descendants (by parent, or by session for a process that left home)."""
    parent, session = {}, {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat(int(entry.name))
        if fields and fields[0] != "Z":  # fields: state, ppid, pgrp, session, ...
            parent[int(entry.name)], session[int(entry.name)] = int(fields[1]), int(fields[3])
    found = [p for p in pids if p in parent]
    for pid in found:  # grows while it is walked
        found += [c for c, pp in parent.items() if (pp == pid or session[c] == pid) and c not in found]
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """utime+stime of each live process."""
    out = {}
    for pid in pids:
        fields = _stat(pid)
        if fields:
            out[pid] = (int(fields[11]) + int(fields[12])) / _TICK
    return out


def alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def status_mb(pid: int, key: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def role(pid: int) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "gone"
    text = " ".join(a.decode(errors="replace") for a in args if a)
    if "streamlit" in text or "replica.py" in text:  # deploy/serve starts each replica as deploy/replica.py
        return "streamlit"
    if "nginx" in text:
        return "nginx"
    return Path(args[0].decode(errors="replace")).name if args and args[0] else "?"


# --- readers ------------------------------------------------------------------------------------------------


@dataclass
class Reader:
    loads: list[PageLoad] = field(default_factory=list)
    replica: str | None = None  # which replica answered, when the proxy says
    cookies: dict[str, str] = field(default_factory=dict)


async def reader(
    url: str, view: str, delay: float = 0.0, timeout: float = 120.0, cookies: dict[str, str] | None = None
) -> Reader:
    """A reader who opens the main view, then clicks on `view`; `cookies` from an earlier reader pin a replica."""
    await asyncio.sleep(delay)
    async with Session(url, cookies, timeout=timeout) as session:
        result = Reader([await session.load()])
        if result.loads[0].seconds is not None:  # the page came, an error on it or not: the reader clicks on
            result.loads.append(await session.switch(view))
    return Reader(result.loads, session.headers.get(REPLICA_HEADER), session.cookies)


@dataclass
class Scenario:
    name: str
    readers: list[Reader]
    wall: float
    server_cpu: float | None  # seconds, all server processes together; None when none is watched
    script_cpu: float | None  # seconds, the script runs' own CPU (RHETORIC_RUN_STATS); None when not recorded
    client_cpu: float  # this bench's own CPU seconds: the instrument's share of the machine
    gone: list[int] = field(default_factory=list)  # server processes that ended during the scenario

    @property
    def loads(self) -> list[PageLoad]:
        return [load for r in self.readers for load in r.loads]

    @property
    def times(self) -> list[float]:
        return [load.seconds for load in self.loads if load.seconds is not None]

    @property
    def errors(self) -> list[str]:
        return [e for load in self.loads for e in load.errors] + [f"server process {p} ended" for p in self.gone]

    @property
    def cpu_ms_per_session(self) -> float | None:
        return None if self.server_cpu is None or not self.readers else 1000 * self.server_cpu / len(self.readers)

    @property
    def script_ms_per_session(self) -> float | None:
        return None if self.script_cpu is None or not self.readers else 1000 * self.script_cpu / len(self.readers)


async def run(
    name: str, url: str, pids: list[int], plan: list[tuple[str, float]], timeout: float, together: bool = True
) -> Scenario:
    """One reader per (view, start delay) in `plan`, all together or one after another, measured from the
    first start until the last reader is done."""
    stats = Path(os.environ[RUN_STATS]) if os.environ.get(RUN_STATS) else None
    offset = stats.stat().st_size if stats and stats.exists() else 0
    cpu0, client0, start = cpu_seconds(pids), time.process_time(), time.perf_counter()
    if together:
        readers = list(await asyncio.gather(*(reader(url, view, delay, timeout) for view, delay in plan)))
    else:
        readers = [await reader(url, view, delay, timeout) for view, delay in plan]
    wall, client = time.perf_counter() - start, time.process_time() - client0
    cpu1 = cpu_seconds(pids)
    server = sum(cpu1[p] - cpu0[p] for p in cpu0 if p in cpu1) if pids else None
    script = script_seconds(stats, offset) if stats else None
    return Scenario(name, readers, wall, server, script, client, gone=[p for p in cpu0 if p not in cpu1])


def script_seconds(path: Path, offset: int) -> float:
    """The CPU seconds of the script runs the app recorded (dashboard/runstats.py) after `offset` in `path`."""
    with path.open("rb") as f:
        f.seek(offset)
        return sum(float(line.split()[0]) for line in f.read().decode().splitlines() if line.strip())


async def warm_up(url: str, views: list[str], replicas: int, timeout: float) -> Scenario:
    """Every view once on every replica, one reader after another (a view's first run scores the bundled data).
    Behind deploy/serve a reader lands on a random replica: fresh readers come until one has landed on each,
    then each one's cookie pins its replica. Without that header, views × replicas fresh readers."""
    start, client0 = time.perf_counter(), time.process_time()
    readers: list[Reader] = []
    pinned: dict[str, dict[str, str]] = {}  # replica -> the cookies that lead to it
    for _ in range(10 * replicas):
        readers.append(await reader(url, views[0], timeout=timeout))
        if not readers[-1].replica:
            break
        pinned.setdefault(readers[-1].replica, readers[-1].cookies)
        if len(pinned) == replicas:
            break
    jars: list[dict[str, str] | None] = list(pinned.values()) or [None] * replicas
    readers += [await reader(url, view, timeout=timeout, cookies=jar) for jar in jars for view in views]
    return Scenario("warm-up", readers, time.perf_counter() - start, None, None, time.process_time() - client0)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


# --- the server, when this bench starts it ------------------------------------------------------------------


class Serve:
    """`deploy/serve --replicas N --port P` in its own session; `stop` sends SIGTERM and checks nothing is left."""

    def __init__(self, replicas: int, port: int) -> None:
        script = ROOT / "deploy" / "serve"
        if not script.exists():
            sys.exit(f"{script} not found: start a server yourself and pass --url and --pid")
        self.log = tempfile.NamedTemporaryFile("w+", prefix="serve-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen(
            # this Python, the project's venv, so that serve starts its replicas with it
            [sys.executable, str(script), "--replicas", str(replicas), "--port", str(port)],
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        self.pids: list[int] = []

    def wait_healthy(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit(f"deploy/serve exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        self.pids = family([self.proc.pid])
                        return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        sys.exit(f"deploy/serve did not answer {self.url}/_stcore/health in {timeout:.0f} s:\n{self.tail()}")

    def tail(self) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-20:])

    def stop(self) -> list[int]:
        """Stop serve as a supervisor would; returns the processes it left behind (they are then killed)."""
        known = family([self.proc.pid]) or self.pids
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        left = [p for p in known if p != self.proc.pid and alive(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        Path(self.log.name).unlink(missing_ok=True)
        return left


# --- the report ---------------------------------------------------------------------------------------------


HEADER = (
    f"{'scenario':<18} {'sessions':>8} {'loads':>6} {'p50 s':>6} {'p95 s':>6} {'max s':>6} {'p95/one':>8} "
    f"{'errors':>6} {'server ms/session':>17} {'script ms/session':>17} {'client cpu s':>12} {'wall s':>7}"
)


def row(s: Scenario, base: float | None) -> str:
    t = s.times
    p50, p95, top = (f"{v:.2f}" for v in (pct(t, 0.5), pct(t, 0.95), max(t))) if t else ("–", "–", "–")
    ratio = f"{pct(t, 0.95) / base:.2f}" if t and base else "–"
    cpu = "–" if s.cpu_ms_per_session is None else f"{s.cpu_ms_per_session:.0f}"
    script = "–" if s.script_ms_per_session is None else f"{s.script_ms_per_session:.1f}"
    return (
        f"{s.name:<18} {len(s.readers):>8} {len(s.loads):>6} {p50:>6} {p95:>6} {top:>6} {ratio:>8} "
        f"{len(s.errors):>6} {cpu:>17} {script:>17} {s.client_cpu:>12.1f} {s.wall:>7.1f}"
    )


def verdict(ok: bool, figure: str) -> str:
    return f"{'PASS' if ok else 'MISS'} ({figure})"


def latency_target(s: Scenario | None, base: float | None, limit: float) -> str | None:
    if s is None or base is None:
        return None
    ratio = pct(s.times, 0.95) / base if s.times else math.inf
    ok = ratio <= limit and not s.errors
    return f"{s.name} p95 ≤ {limit:g}× one reader, 0 errors: {verdict(ok, f'{ratio:.2f}×, {len(s.errors)} errors')}"


async def main(args: argparse.Namespace) -> int:
    serve = None
    if args.run_stats:
        os.environ[RUN_STATS] = args.run_stats
    elif not args.url:  # serve's replicas inherit this, and record their script runs there
        os.environ[RUN_STATS] = tempfile.NamedTemporaryFile(prefix="runstats-", delete=False).name  # noqa: SIM115
    if args.url:
        url, pids = args.url.rstrip("/"), family(args.pid)
        if args.pid and not pids:
            sys.exit(f"none of the processes {args.pid} is running")
    else:
        serve = Serve(args.replicas, args.port)
        serve.wait_healthy()
        url, pids = serve.url, serve.pids
    try:
        return await measure(args, url, pids)
    finally:
        if serve:
            left = serve.stop()
            print("deploy/serve stopped; " + (f"it left {left} behind (killed)" if left else "nothing left behind"))


async def measure(args: argparse.Namespace, url: str, pids: list[int]) -> int:
    roles = {p: role(p) for p in pids}
    replicas = [p for p in pids if roles[p] == "streamlit"] or pids
    start_rss = {p: status_mb(p, "VmRSS") for p in pids}
    views = args.views
    print(f"server {url}; processes watched: {', '.join(f'{p} {roles[p]}' for p in pids) or 'none'}")

    warm = await warm_up(url, views, len([p for p in pids if roles[p] == "streamlit"]) or 1, args.timeout)
    if not warm.times:
        print("warm-up: nothing loaded:", *sorted(set(warm.errors))[:5], sep="\n  ")
        return 1
    single = await run("one reader", url, pids, [(v, 0.0) for v in views] * args.repeats, args.timeout, False)
    base = pct(single.times, 0.95) if single.times else None
    at_once = spread = None
    if args.at_once:
        plan = [(views[i % len(views)], 0.0) for i in range(args.at_once)]
        at_once = await run(f"{args.at_once} at once", url, pids, plan, args.timeout)
    if args.spread:
        plan = [(views[i % len(views)], i * args.window / args.spread) for i in range(args.spread)]
        spread = await run(f"{args.spread} over {args.window:g} s", url, pids, plan, args.timeout)
    scenarios = [s for s in (single, at_once, spread) if s]

    print(f"\neach session: the main view, then one of {', '.join(views)} over the same socket")
    print("seconds: request to script_finished, per load; p95/one: p95 over the one reader's p95 (same views)")
    print(HEADER)
    print(row(warm, None))  # first runs: no ratio to compare
    for s in scenarios:
        print(row(s, base))
    for s in [warm, *scenarios]:
        for error, count in collections.Counter(s.errors).most_common(8):
            print(f"  {s.name}: {count}× {error[:160]}")
    for s in scenarios:
        by_replica = collections.Counter(r.replica for r in s.readers if r.replica)
        if by_replica:
            print(f"  {s.name}: sessions by replica:", ", ".join(f"{k} {v}" for k, v in sorted(by_replica.items())))

    peaks = {p: status_mb(p, "VmHWM") for p in pids}
    if pids:
        print(f"\n{'pid':>8} {'process':<10} {'RSS at start MB':>16} {'peak RSS MB':>12}")
    for p in pids:
        print(f"{p:>8} {roles[p]:<10} {start_rss[p] or 0:>16.0f} {peaks[p] or 0:>12.0f}")

    targets = [latency_target(at_once, base, 3.0), latency_target(spread, base, 1.5)]
    script = [s.script_ms_per_session for s in (at_once, spread) if s and s.script_ms_per_session is not None]
    if script:
        targets.append(
            f"server CPU per session (script work) ≤ 20 ms: {verdict(max(script) <= 20, f'{max(script):.1f} ms')}"
        )
    cpu = [s.cpu_ms_per_session for s in (at_once, spread) if s and s.cpu_ms_per_session is not None]
    if cpu:
        targets.append(f"(not a target: all server CPU per session, sockets and sessions included: {max(cpu):.0f} ms)")
    if pids:
        rss = max(peaks[p] or 0 for p in replicas)
        targets.append(f"RSS per replica ≤ 400 MB: {verdict(rss <= 400, f'{rss:.0f} MB')}")
    met = [t for t in targets if t]
    print("\ntargets: " + ("; ".join(met) or "none measured"))
    judged = [t for t in met if not t.startswith("(")]
    return 0 if judged and all("PASS" in t for t in judged) else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server's address (its root, base path included)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="a server process (with --url)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas for deploy/serve (without --url)")
    parser.add_argument("--port", type=int, default=8600, help="deploy/serve's port (without --url)")
    parser.add_argument("--at-once", type=int, default=25, help="readers started together (0: skip)")
    parser.add_argument("--spread", type=int, default=100, help="readers started evenly over --window (0: skip)")
    parser.add_argument("--window", type=float, default=20.0, help="seconds over which --spread readers start")
    parser.add_argument("--views", nargs="+", default=VIEWS, help="url paths of the views readers switch to")
    parser.add_argument("--repeats", type=int, default=2, help="passes of the single reader through the views")
    parser.add_argument(
        "--run-stats",
        help="with --url: the file the server appends script CPU to (start it with RHETORIC_RUN_STATS=that file)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a load may take before it is an error")
    sys.exit(asyncio.run(main(parser.parse_args())))
