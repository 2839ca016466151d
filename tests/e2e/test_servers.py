"""The browser tests' servers: a start that fails or is interrupted leaves no process behind."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from e2e_support import AppServer, Process


def in_session(sid: int) -> list[int]:
    """Every live process whose session id is `sid` (a Process starts its child as a session leader)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # fields: state, ppid, pgrp, session, ...
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def started(monkeypatch) -> list[Process]:
    """Records every Process the app server starts."""
    module = sys.modules[AppServer.__module__]
    seen: list[Process] = []

    class Recorded(Process):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            seen.append(self)

    monkeypatch.setattr(module, "Process", Recorded)
    return seen


def test_a_start_killed_while_waiting_for_health_leaves_no_process(started, monkeypatch):
    """Ctrl-C (or a killed fixture) during the health wait stops the server before the interrupt goes on."""
    module = sys.modules[AppServer.__module__]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(module.urllib.request, "urlopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        AppServer()
    [process] = started
    assert process.proc.returncode is not None
    assert in_session(process.pid) == []


def test_a_start_that_times_out_leaves_no_process(started):
    with pytest.raises(TimeoutError):
        AppServer(timeout=0.3)
    [process] = started
    assert process.proc.returncode is not None
    assert in_session(process.pid) == []


def test_stop_ends_the_children_of_the_process_too():
    """A shell that starts a child: stopping the shell's group ends both."""
    shell = Process(["sh", "-c", "sleep 60 & sleep 60"])
    assert len(in_session(shell.pid)) >= 1
    shell.stop()
    assert in_session(shell.pid) == []
    shell.stop()  # twice is harmless
    assert os.path.exists("/proc") and shell.proc.returncode is not None
