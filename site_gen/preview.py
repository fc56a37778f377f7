"""site-gen serve: a live preview on 127.0.0.1 that rebuilds whenever an input changes.

The preview serves the project's build/site, so it shows exactly what `site-gen build` makes. Each
page it sends gets a small script that reloads it after every rebuild, and, while the plan has
errors, a banner listing them: the site under it stays the last good one, because a build with
errors never replaces it.
"""

from __future__ import annotations

import gc
import html
import mimetypes
import re
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_gen.build import build
from site_gen.findings import Finding, Severity, format_text, has_errors
from site_gen.pdf.worker import stop_worker
from site_gen.project import Project

EVENTS_PATH = "/__site-gen__/events"
# Checking a small plan's few dozen files costs well under a millisecond, so a short interval keeps an edit
# quick to show. Polling, unlike file-system events, also works on network and shared folders.
POLL_SECONDS = 0.05
KEEPALIVE_SECONDS = 15.0
# How long a connection may sit silent while its request is read, before it is closed: a browser sends
# its request at once, so a few seconds is plenty, and a silent connection must not hold a thread.
IDLE_SECONDS = 5.0
# At most this many connections are answered at once, each by its own thread; further ones are turned
# away at once. A browser opens no more than six to one address, and an open page holds one of them.
MAX_CONNECTIONS = 32
# How often an open event stream looks whether its page has gone, so that it frees its thread.
CLOSED_CHECK_SECONDS = 1.0
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
BUSY_REPLY = (b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
              b"Retry-After: 1\r\nConnection: close\r\n\r\n"
              b"The preview is busy answering other requests. Reload the page in a moment.\n")

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


_FONT = "font:1rem/1.5 Arial,'Liberation Sans',sans-serif"


def findings_banner(findings: list[Finding], built: bool = True) -> str:
    """The problems that stop the plan building, each with where it is and what to do, as HTML, in the words
    the authoring guide quotes. built: whether an earlier version built, which the preview still shows."""
    problems = [f for f in findings if f.severity is Severity.ERROR and f.location.file]
    problems = problems or [f for f in findings if f.severity is Severity.ERROR]
    items = "".join(
        f"<li><strong>{html.escape(str(f.location))}</strong>: {html.escape(f.message)}"
        f"{'<br>Fix: ' + html.escape(f.hint) if f.hint else ''}</li>" for f in problems)
    count = len(problems)
    shown = ("This preview still shows the last version that built." if built else
             "There is no preview yet: the plan has not built.")
    return (
        '<section class="preview-findings" role="alert" aria-labelledby="preview-findings-title" style="'
        "position:relative;z-index:10;margin:0;padding:1rem 1.5rem;background:#fff;color:#212b32;"
        f'border:6px solid #d5281b;{_FONT}">'
        f'<h2 id="preview-findings-title" style="margin:0 0 .5rem;font-size:1.25rem">'
        f"The plan has {count} error{'' if count == 1 else 's'}. {shown}</h2>"
        f'<ul style="margin:0;padding-left:1.25rem">{items}</ul>'
        '<p style="margin:.5rem 0 0">Fix them and save: the page updates by itself.</p></section>')


def page_source(site_path: str) -> str:
    """The page file a built page is made from: money.html and priorities/x.html from content/money.md and
    content/priorities/x.md. A page made only from the data has no such file, and so no warnings box."""
    return "content/" + site_path.removesuffix(".html") + ".md"


def warnings_box(findings: list[Finding], source: str) -> str:
    """The warnings about one page, shown on the page in the preview: authors look at the page, not only the
    terminal. Each at its line; a warning found in several files is listed at its place in this one."""
    here = sorted({(place.line, f.message) for f in findings if f.severity is Severity.WARNING
                   for place in f.places if place.file == source})
    if not here:
        return ""
    items = "".join(f"<li><strong>Line {line}</strong>: {html.escape(message)}</li>" for line, message in here)
    count = len(here)
    return (
        '<section class="preview-warnings" role="region" aria-labelledby="preview-warnings-title" style="'
        "position:relative;z-index:10;margin:0;padding:1rem 1.5rem;background:#fff9e0;color:#212b32;"
        f'border-left:8px solid #ffb81c;{_FONT}">'
        f'<h2 id="preview-warnings-title" style="margin:0 0 .5rem;font-size:1.25rem">'
        f"{count} warning{'' if count == 1 else 's'} on this page ({html.escape(source)})</h2>"
        f'<ul style="margin:0;padding-left:1.25rem">{items}</ul>'
        '<p style="margin:.5rem 0 0">Warnings do not stop the preview. Deal with each one before the plan goes '
        "to the governing body: an approved plan is built only with none left.</p></section>")


_QUOTED = re.compile(r"^'([^']{1,60})'")
_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED_ELEMENTS = ("script", "style", "svg", "textarea", "title")


def _warned_words(findings: list[Finding], source: str) -> dict[str, str]:
    """The words the warnings about a page quote first ('TBC', an unexplained 'PLT'), each with its warning."""
    words: dict[str, str] = {}
    for f in findings:
        quoted_word = _QUOTED.match(f.message)
        if f.severity is Severity.WARNING and quoted_word and any(p.file == source for p in f.places):
            words.setdefault(quoted_word.group(1), f.message)
    return words


def mark_words(page: str, words: dict[str, str]) -> str:
    """The page with each warned word in its article's text marked: highlighted, and with the warning said
    to screen readers. Only text between tags is touched, never a tag, a script or a drawing."""
    start, end = page.find("<article"), page.rfind("</article>")
    if not words or start < 0 or end < start:
        return page
    pattern = re.compile("|".join(rf"(?<![\w&]){re.escape(html.escape(w, quote=False))}(?![\w&])"
                                  for w in sorted(words, key=len, reverse=True)))
    by_text = {html.escape(w, quote=False): message for w, message in words.items()}
    parts, skipping = _TAG.split(page[start:end]), None
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if skipping is None and name in _SKIPPED_ELEMENTS:
                skipping = name
            elif skipping is not None and name == f"/{skipping}":
                skipping = None
            continue
        if skipping is None and part:
            parts[index] = pattern.sub(lambda m: (
                f'<mark class="preview-mark" style="background:#ffeb3b;color:#212b32">{m.group(0)}'
                '<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)"> '
                f"(warning: {html.escape(by_text[m.group(0)])})</span></mark>"), part)
    return page[:start] + "".join(parts) + page[end:]


def decorate(page: str, state_generation: int, findings: list[Finding], banner_needed: bool = True,
             source: str | None = None) -> str:
    """A built page as the preview sends it: with the reload script, the banner while there are errors (not on
    the page shown before any build, which holds the list itself), and the warnings about the page's own file."""
    banner = findings_banner(findings) if has_errors(findings) and banner_needed else ""
    if source:
        banner += warnings_box(findings, source)
        page = mark_words(page, _warned_words(findings, source))
    script = _reload_script(state_generation)
    head, marker, tail = page.partition("<body")
    if marker:
        open_end = tail.find(">") + 1
        page = head + marker + tail[:open_end] + banner + tail[open_end:]
    elif banner:
        page = banner + page
    before, marker, after = page.rpartition("</body>")
    return before + script + marker + after if marker else page + script


def no_site_page(findings: list[Finding]) -> str:
    """The page the preview shows before the plan has ever built: the errors in the box every preview page
    uses, or, while the first build runs, a word saying so. Styled like the box, with no file from the site."""
    head = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            'content="width=device-width,initial-scale=1"><title>{title}</title></head>'
            f'<body style="margin:0;background:#f0f4f5;color:#212b32;{_FONT}"><main style="max-width:60rem;'
            'margin:0 auto;padding:1.5rem">')
    if has_errors(findings):
        return (head.format(title="No preview yet") + '<h1 style="font-size:2rem;margin:0 0 1rem">No preview yet</h1>'
                + findings_banner(findings, built=False) + "</main></body></html>")
    return (head.format(title="Building the preview") + '<h1 style="font-size:2rem;margin:0 0 1rem">Building the '
            "preview</h1><p>The first build of the plan is running. The page updates by itself when it is ready.</p>"
            "</main></body></html>")


def host_allowed(hosts: list[str], port: int) -> bool:
    """True when a request names this computer, and the preview's port if any, as its one Host. A page
    elsewhere that points its own name at 127.0.0.1 (DNS rebinding) still sends that name, so it is
    refused and cannot read the draft."""
    allowed = {name + suffix for name in LOCAL_HOSTS for suffix in ("", f":{port}")}
    return len(hosts) == 1 and hosts[0].strip().lower() in allowed


def site_file(root: Path, path: str) -> Path | None:
    """The file of the site at root that a request's path names, or None when there is none. An address
    the file system cannot even look up (a NUL byte, a name over 255 characters, thousands of folders
    deep) names no page: it is a 404, never a fault."""
    try:
        target = (root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_relative_to(root) and target.is_file() else None
    except (ValueError, OSError, RuntimeError):  # RuntimeError: Python 3.11's word for a loop of links
        return None


def _handler(project: Project, state: PreviewState, idle_seconds: float) -> type[BaseHTTPRequestHandler]:
    site_root = project.build_dir / "site"

    class Handler(BaseHTTPRequestHandler):
        server_version = "site-gen-preview"
        timeout = idle_seconds  # set on the connection before its request is read

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - the name is the base class's
            pass  # the terminal is for the plan's findings, not for every request

        def do_GET(self) -> None:
            port = self.server.server_address[1]
            if not host_allowed(self.headers.get_all("Host", []), port):
                self._send(HTTPStatus.MISDIRECTED_REQUEST,
                           f"This preview only answers to this computer's own address. Open "
                           f"http://127.0.0.1:{port}/ in your browser.\n".encode(), "text/plain; charset=utf-8")
                return
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
            target = site_file(root, path)
            status = HTTPStatus.OK
            if target is None:
                if not last_try and site_root.resolve() != root:
                    return False
                target, status = root / "404.html", HTTPStatus.NOT_FOUND
            generation, findings = state.generation, list(state.findings)
            if not target.is_file():
                page = decorate(no_site_page(findings), generation, findings, banner_needed=False)
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, page.encode(), "text/html; charset=utf-8")
                return True
            body = target.read_bytes()
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".html":
                source = page_source(target.relative_to(root).as_posix())
                body = decorate(body.decode("utf-8"), generation, findings, source=source).encode("utf-8")
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
                while (now := self._next_event(seen)) is not None:
                    self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": still here\n\n")
                    self.wfile.flush()
                    seen = now
            except (BrokenPipeError, ConnectionResetError):
                return  # the page was closed or reloaded

        def _next_event(self, seen: int) -> int | None:
            """The build number to send once it changes, or after KEEPALIVE_SECONDS to keep the stream open;
            None as soon as the page has gone, so that its thread is freed for others."""
            deadline = time.monotonic() + KEEPALIVE_SECONDS
            while not self._page_gone():
                now = state.wait_for_change(seen, min(CLOSED_CHECK_SECONDS, max(0.0, deadline - time.monotonic())))
                if now != seen or time.monotonic() >= deadline:
                    return now
            return None

        def _page_gone(self) -> bool:
            # A browser sends nothing more on an event stream, so the connection becomes readable only
            # when the page closes it: reading then finds its end.
            if not select.select([self.connection], [], [], 0)[0]:
                return False
            try:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

    return Handler


def rebuild(project: Project, state: PreviewState, report: Callable[[str], None]) -> None:
    from site_gen.load.excerpts import line_reader

    started = time.monotonic()
    findings = build(project, full_pdf=False, incremental=True)
    seconds = time.monotonic() - started
    state.publish(findings, seconds)
    outcome = "Rebuilt" if not has_errors(findings) else "Not rebuilt: the preview keeps the last good version"
    report(f"{time.strftime('%H:%M:%S')} {outcome} ({seconds:.2f} s).\n{format_text(findings, line_reader(project.root))}")


# How long after a build the preview tidies up (below): by then a browser has fetched the new page.
TIDY_AFTER_SECONDS = 0.1


def _tidy_between_builds() -> None:
    """Collect the last build's garbage while the reader looks at the page, then set aside everything still
    kept (the caches the next build reads), so that Python's collector does not walk through it all again
    during the next build: that made a large plan's rebuild about a third slower."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def watch(project: Project, state: PreviewState, report: Callable[[str], None], stop: threading.Event,
          seen: Snapshot) -> None:
    """Rebuild after every change to the plan's inputs since `seen`, until stopped. Looking takes longer the
    more files a plan has: the pause between looks is at least three times as long, so that watching takes no
    more than a quarter of the computer's time."""
    pause, built = POLL_SECONDS, time.monotonic()  # the first build was made just before
    while not stop.wait(pause):
        started = time.monotonic()
        now = snapshot(project)
        pause = max(POLL_SECONDS, 3 * (time.monotonic() - started))
        if now != seen:
            seen = now
            rebuild(project, state, report)
            built = time.monotonic()
        elif built is not None and time.monotonic() - built > TIDY_AFTER_SECONDS:
            _tidy_between_builds()
            built = None


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # open event streams must not keep the preview from stopping
    request_queue_size = MAX_CONNECTIONS  # a page's burst of requests waits to be accepted, not dropped

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], max_connections: int) -> None:
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address) -> None:
        """Answer the connection in a thread of its own while there are fewer than the cap; else turn it
        away at once, so a flood of connections cannot make a thread each."""
        if not self.slots.acquire(blocking=False):
            self._turn_away(request)
            return
        try:
            super().process_request(request, client_address)
        except Exception:  # no thread started (none could be made), so none will give the place back
            self.slots.release()
            raise
        # Ctrl+C while the thread starts is not caught: the thread may have started, and gives the place back
        # itself; releasing it here too would count it twice, and the preview would fail as it stops.

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def _turn_away(self, request: socket.socket) -> None:
        try:
            request.setblocking(False)  # the reply fits a fresh connection's buffer; never wait to send it
            request.send(BUSY_REPLY)
        except OSError:
            pass  # the other end has already gone: nobody to tell
        self.shutdown_request(request)

    def handle_error(self, request, client_address) -> None:
        # A browser closing a page mid-response is normal; anything else is a fault worth seeing.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(project: Project, port: int, state: PreviewState, idle_seconds: float = IDLE_SECONDS,
                max_connections: int = MAX_CONNECTIONS) -> ThreadingHTTPServer:
    return _PreviewServer(("127.0.0.1", port), _handler(project, state, idle_seconds), max_connections)


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

