"""The live preview at its edges: odd addresses, other hosts, idle and crowded connections, and links into
build/ (defects D19, D20 and D21 of the security review)."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_plan
from test_preview import WAIT_SECONDS, _until

from site_gen import preview
from site_gen.fingerprint import fingerprint
from site_gen.load.loader import load_project
from site_gen.preview import EVENTS_PATH, PreviewState, make_server, snapshot
from site_gen.project import Project

IDLE_SECONDS = 0.5  # short, so that a silent connection is closed quickly in these tests
CAP = 8


@dataclass
class Running:
    base: str
    port: int
    state: PreviewState


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    """A preview server in this process over a small built site, with a short idle time and a low cap."""
    site = tmp_path / "plan" / "build" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html><body><main>Front page</main></body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><body><main>Page not found</main></body></html>", encoding="utf-8")
    state = PreviewState()
    server = make_server(Project(tmp_path / "plan"), 0, state, idle_seconds=IDLE_SECONDS, max_connections=CAP)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    serving.start()
    port = server.server_address[1]
    try:
        yield Running(f"http://127.0.0.1:{port}", port, state)
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=WAIT_SECONDS)


def _raw_reply(port: int, path: bytes) -> bytes:
    """The whole reply to a GET of path sent as it is, without any client tidying the address."""
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_SECONDS) as conn:
        conn.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1:" + str(port).encode() + b"\r\n\r\n")
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    return reply


def _status(port: int, host: str, path: str = "/index.html") -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_SECONDS)
    try:
        conn.request("GET", path, headers={"Host": host})
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        conn.close()


def test_addresses_the_file_system_cannot_look_up_get_a_404(running, capsys):
    """D19: a path part over 255 characters, or a path 3,000 folders deep, gets the 404 page, not a dropped
    connection and a traceback in the terminal."""
    for path in (b"/" + b"x" * 300, b"/" + b"a/" * 3000 + b"index.html", b"/" + b"y" * 300 + b"/index.html"):
        reply = _raw_reply(running.port, path)
        assert reply.startswith(b"HTTP/1.0 404 "), reply[:80]
        assert b"Page not found" in reply
    assert "Traceback" not in capsys.readouterr().err
    assert _status(running.port, f"127.0.0.1:{running.port}")[0] == 200


def test_only_this_computers_own_names_are_answered(running):
    """D20: a request whose Host is another name (a page using DNS rebinding) is refused with 421 and a
    plain explanation; this computer's own names, with the preview's port or none, are served."""
    port = running.port
    for host in ("evil.example", f"evil.example:{port}", "localhost:1", f"127.0.0.2:{port}", f"localhost.evil:{port}"):
        status, body = _status(port, host)
        assert status == 421, host
        assert "Front page" not in body and f"http://127.0.0.1:{port}/" in body
    assert _status(port, "evil.example", EVENTS_PATH)[0] == 421  # nor can it follow the rebuilds
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost", "LOCALHOST", "127.0.0.1"):
        status, body = _status(port, host)
        assert status == 200 and "Front page" in body, host


def test_many_idle_connections_do_not_make_a_thread_each(running):
    """D20: 200 connections that never send a request take at most the cap of threads, each is closed by
    the preview, and afterwards a page is served as usual."""
    before = threading.active_count()
    most = before
    idle = []
    try:
        for _ in range(200):
            idle.append(socket.create_connection(("127.0.0.1", running.port), timeout=WAIT_SECONDS))
            time.sleep(0)  # lets the server's thread, in this same process, accept it before the next
            most = max(most, threading.active_count())
        for conn in idle:
            while conn.recv(4096):  # a "busy" reply for those turned away, then the end; nothing for the rest
                most = max(most, threading.active_count())
    finally:
        for conn in idle:
            conn.close()
    assert most - before <= CAP
    _until(lambda: _status(running.port, f"localhost:{running.port}")[0] == 200, "a page to be served again")


def test_the_reload_stream_outlives_the_idle_time(running):
    """D20: the idle timeout is for a request to arrive; the live-reload stream stays open past it and still
    tells the page about the next build."""
    with urllib.request.urlopen(running.base + EVENTS_PATH, timeout=WAIT_SECONDS) as events:
        assert events.readline().decode().strip() == "data: 0"
        events.readline()
        threading.Event().wait(IDLE_SECONDS * 3)  # longer than a silent request may take
        running.state.publish([], 0.1)
        assert events.readline().decode().strip() == "data: 1"


def test_a_closed_reload_stream_frees_its_thread(running):
    """D20: when a page is closed or reloaded, its event stream gives its thread back soon, rather than at
    the next keep-alive or build, so reloads cannot use up the connections the preview allows."""
    before = threading.active_count()
    stream = socket.create_connection(("127.0.0.1", running.port), timeout=WAIT_SECONDS)
    stream.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n\r\n".encode())
    received = b""
    while b"data: 0" not in received:
        received += stream.recv(4096)
    assert threading.active_count() > before
    stream.close()
    _until(lambda: threading.active_count() <= before, "the stream's thread to end")


class _Polls:
    """Stands in for the watcher's stop event: does `between` before each of a few polls, then stops."""

    def __init__(self, polls: int, between) -> None:
        self.left, self.between = polls, between

    def wait(self, timeout: float) -> bool:
        self.left -= 1
        if self.left < 0:
            return True
        self.between(self.left)
        return False


def test_a_link_into_build_is_not_an_input_and_never_triggers_a_rebuild(tmp_path, monkeypatch):
    """D21: content/loop.md, a link to a file the build itself rewrites, is no input of the plan: the
    fingerprint and the preview's watcher leave it out, so the preview does not rebuild for ever, and the
    check says the link is not read."""
    project = Project(copy_plan(FIXTURES / "good-minimal", tmp_path / "plan"))
    made = project.build_dir / ".work" / "docs" / "robots.txt"
    made.parent.mkdir(parents=True)
    made.write_text("User-agent: *\n", encoding="utf-8")
    (project.content_dir / "loop.md").symlink_to("../build/.work/docs/robots.txt")

    assert "content/loop.md" not in {project.relative(p) for p in project.input_files()}
    findings = [f for f in load_project(project).findings if f.location.file == "content/loop.md"]
    assert [f.code for f in findings] == ["file-unreadable"] and "build folder" in findings[0].message

    before = fingerprint(project)
    rebuilds: list[int] = []
    monkeypatch.setattr(preview, "rebuild", lambda *args: rebuilds.append(1))

    def build_rewrites_its_output(left: int) -> None:
        made.write_text("User-agent: *\nDisallow: /\n" + "#\n" * left, encoding="utf-8")

    preview.watch(project, PreviewState(), print, _Polls(5, build_rewrites_its_output), snapshot(project))
    assert rebuilds == [] and fingerprint(project) == before

    def author_edits_a_page(left: int) -> None:
        page = project.content_dir / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\nEdit {left}.\n", encoding="utf-8")

    preview.watch(project, PreviewState(), print, _Polls(1, author_edits_a_page), snapshot(project))
    assert rebuilds == [1]  # the watcher does see a real edit
