"""site-gen serve: a live preview on 127.0.0.1 that rebuilds whenever an input changes.

The preview serves the project's build/site, so it shows exactly what `site-gen build` makes. Each
page it sends gets a small script that reloads it after every rebuild, and, while the plan has
errors, a banner listing them: the site under it stays the last good one, because a build with
errors never replaces it.
"""

from __future__ import annotations

import html
import mimetypes
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from site_gen.build import build
from site_gen.findings import Finding, Severity, format_text, has_errors
from site_gen.pdf.render import stop_worker
from site_gen.project import Project

EVENTS_PATH = "/__site-gen__/events"
# Checking a few dozen files' times costs well under a millisecond, so a short interval keeps an edit
# quick to show. Polling, unlike file-system events, also works on network and shared folders.
POLL_SECONDS = 0.1
KEEPALIVE_SECONDS = 15.0

Snapshot = dict[str, tuple[int, int]]


def snapshot(project: Project) -> Snapshot:
    """Each input file's modification time and size: two snapshots differ when anything was edited,
    added or removed."""
    out: Snapshot = {}
    for path in project.input_files():
        try:
            stat = path.stat()
        except OSError:  # removed between listing and reading: the next look will see it gone
            continue
        out[project.relative(path)] = (stat.st_mtime_ns, stat.st_size)
    return out


@dataclass
class PreviewState:
    """What the server knows of the latest build: its number and its findings."""

    generation: int = 0
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, findings: list[Finding], seconds: float) -> None:
        with self.changed:
            self.generation += 1
            self.findings = findings
            self.seconds = seconds
            self.changed.notify_all()

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen, timeout)
            return self.generation


def _reload_script(generation: int) -> str:
    return (
        f"<script>(function(){{var seen={generation};var events=new EventSource('{EVENTS_PATH}');"
        "events.onmessage=function(e){if(Number(e.data)!==seen){location.reload();}};})();</script>")


def findings_banner(findings: list[Finding]) -> str:
    """The problems that stop the plan building, each with where it is and what to do, as HTML."""
    problems = [f for f in findings if f.severity is Severity.ERROR and f.location.file]
    problems = problems or [f for f in findings if f.severity is Severity.ERROR]
    items = "".join(
        f"<li><strong>{html.escape(str(f.location))}</strong>: {html.escape(f.message)}"
        f"{'<br>Fix: ' + html.escape(f.hint) if f.hint else ''}</li>" for f in problems)
    count = len(problems)
    return (
        '<section class="preview-findings" role="alert" aria-labelledby="preview-findings-title" style="'
        "position:relative;z-index:10;margin:0;padding:1rem 1.5rem;background:#fff;color:#212b32;"
        'border:6px solid #d5281b;font:1rem/1.5 Arial,\'Liberation Sans\',sans-serif">'
        f'<h2 id="preview-findings-title" style="margin:0 0 .5rem;font-size:1.25rem">'
        "The plan has errors, so this preview still shows the last version that built.</h2>"
        f"<p style=\"margin:0 0 .5rem\">Fix {'this' if count == 1 else f'these {count}'} and the page "
        "updates by itself:</p>"
        f'<ul style="margin:0;padding-left:1.25rem">{items}</ul></section>')


def decorate(page: str, state_generation: int, findings: list[Finding]) -> str:
    """A built page as the preview sends it: with the reload script, and the banner while there are errors."""
    banner = findings_banner(findings) if has_errors(findings) else ""
    script = _reload_script(state_generation)
    head, marker, tail = page.partition("<body")
    if marker:
        open_end = tail.find(">") + 1
        page = head + marker + tail[:open_end] + banner + tail[open_end:]
    elif banner:
        page = banner + page
    before, marker, after = page.rpartition("</body>")
    return before + script + marker + after if marker else page + script


def _no_site_page(findings: list[Finding]) -> str:
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No preview yet</title></head><body>'
            "<main><h1>No preview yet</h1><p>The plan has not built yet. Fix the problems below; the preview "
            "updates by itself.</p></main></body></html>") if has_errors(findings) else (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Building</title></head><body>'
            "<main><h1>Building the preview</h1></main></body></html>")


def _handler(project: Project, state: PreviewState) -> type[BaseHTTPRequestHandler]:
    site_root = project.build_dir / "site"

    class Handler(BaseHTTPRequestHandler):
        server_version = "site-gen-preview"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name is the base class's
            pass  # the terminal is for the plan's findings, not for every request

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == EVENTS_PATH:
                self._events()
                return
            self._file(path)

        def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _file(self, path: str) -> None:
            # A rebuild may swap in a new site, and remove the old one, while a request is being answered:
            # a file that vanished meanwhile is looked for again in the site that replaced it.
            for _ in range(3):
                try:
                    if self._send_file(path):
                        return
                except FileNotFoundError:
                    continue
            self._send_file(path, last_try=True)

        def _send_file(self, path: str, last_try: bool = False) -> bool:
            """Send the file at path, or the 404 page; False when the site changed under the request."""
            root = site_root.resolve()
            try:
                target = (root / path.lstrip("/")).resolve()
            except (ValueError, OSError):  # a NUL byte or a name the file system refuses
                target = root / "no such page"
            if target.is_dir():
                target = target / "index.html"
            status = HTTPStatus.OK
            if not target.is_relative_to(root) or not target.is_file():
                if not last_try and site_root.resolve() != root:
                    return False
                target, status = root / "404.html", HTTPStatus.NOT_FOUND
            generation, findings = state.generation, list(state.findings)
            if not target.is_file():
                page = decorate(_no_site_page(findings), generation, findings)
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, page.encode(), "text/html; charset=utf-8")
                return True
            body = target.read_bytes()
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".html":
                body = decorate(body.decode("utf-8"), generation, findings).encode("utf-8")
                content_type = "text/html; charset=utf-8"
            self._send(status, body, content_type)
            return True

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = state.generation
            try:
                self.wfile.write(f"data: {seen}\n\n".encode())
                self.wfile.flush()
                while True:
                    now = state.wait_for_change(seen, KEEPALIVE_SECONDS)
                    self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": still here\n\n")
                    self.wfile.flush()
                    seen = now
            except (BrokenPipeError, ConnectionResetError):
                return  # the page was closed or reloaded

    return Handler


def rebuild(project: Project, state: PreviewState, report: Callable[[str], None]) -> None:
    from site_gen.load.excerpts import line_reader

    started = time.monotonic()
    findings = build(project, full_pdf=False)
    seconds = time.monotonic() - started
    state.publish(findings, seconds)
    outcome = "Rebuilt" if not has_errors(findings) else "Not rebuilt: the preview keeps the last good version"
    report(f"{time.strftime('%H:%M:%S')} {outcome} ({seconds:.2f} s).\n{format_text(findings, line_reader(project.root))}")


def watch(project: Project, state: PreviewState, report: Callable[[str], None], stop: threading.Event,
          seen: Snapshot) -> None:
    """Rebuild after every change to the plan's inputs since `seen`, until stopped."""
    while not stop.wait(POLL_SECONDS):
        now = snapshot(project)
        if now != seen:
            seen = now
            rebuild(project, state, report)


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the preview from stopping

    def handle_error(self, request, client_address) -> None:
        # A browser closing a page mid-response is normal; anything else is a fault worth seeing.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(project: Project, port: int, state: PreviewState) -> ThreadingHTTPServer:
    server = _PreviewServer(("127.0.0.1", port), _handler(project, state))
    return server


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(project: Project, port: int, report: Callable[[str], None]) -> None:
    """Build once, then serve and rebuild on change until interrupted."""
    state = PreviewState()
    server = make_server(project, port, state)  # fails early, before building, when the port is taken
    # Stopped by the system (a closed terminal, a service manager) as by Ctrl+C: tidily, worker included.
    signal.signal(signal.SIGTERM, _interrupt)
    # Taken before the first build, so that an edit made while it runs, or before the watcher starts, is
    # still seen as a change.
    seen = snapshot(project)
    rebuild(project, state, report)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(project, state, report, stop, seen), daemon=True)
    watcher.start()
    report(f"Previewing at http://127.0.0.1:{server.server_address[1]}/ (press Ctrl+C to stop).")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
        stop_worker()

