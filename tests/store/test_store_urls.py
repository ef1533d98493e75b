"""``legation ingest URL``: a non-public address is refused before anything is coded,
with the reason; ``--allow-private-urls`` lets an intranet feed through. Only loopback
addresses are used here: nothing leaves the machine."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from legation.cli import main
from legation.cli.urls import address_kind, check_urls
from legation.errors import InputError

PAGE = (
    "<html><head><title>Intranet note</title></head><body><article>"
    "<h1>Intranet note</h1>"
    + "<p>RUSGOV visited PRK on a long trip that the staff wrote up in detail today.</p>" * 6
    + "</article></body></html>"
)


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/note.html"
    finally:
        server.shutdown()
        server.server_close()


def _ingest(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(["ingest", *args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def test_a_loopback_url_is_refused_before_coding(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    corpus = tmp_path / "a.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "RUSGOV visited PRK."}) + "\n")
    db = tmp_path / "s.db"
    url = "http://127.0.0.1:9/feed.xml"  # port 9 (discard): nothing is contacted
    code, err = _ingest([str(corpus), url, "--db", str(db), "--coder", "store_fakes:FakeCoder"],
                        capsys)  # fmt: skip
    assert code == 2
    assert "refused: 127.0.0.1 is a loopback address; pass --allow-private-urls" in err
    assert not db.exists()  # nothing was coded or stored


def test_allow_private_urls_fetches_an_intranet_page(
    tmp_path: Path,
    local_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    db = tmp_path / "s.db"
    args = [local_url, "--db", str(db), "--coder", "store_fakes:FakeCoder", "--date", "2024-01-02"]
    code, err = _ingest([*args, "--allow-private-urls"], capsys)
    assert code == 0, err
    assert "1 article read: 1 stored" in err


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://localhost/x", "loopback"),
        ("http://[::1]:8080/", "loopback"),
        ("https://10.0.0.7/feed", "private"),
        ("http://192.168.1.1/", "private"),
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
    ],
)
def test_non_public_addresses_are_named(url: str, kind: str) -> None:
    with pytest.raises(InputError, match=f"is a {kind} address"):
        check_urls([url])
    check_urls([url], allow_private=True)  # no error, no lookup of a public name


def test_files_and_public_literals_pass() -> None:
    import ipaddress

    check_urls(["corpus.jsonl", "-", "news/*.html"])
    assert address_kind(ipaddress.ip_address("8.8.8.8")) is None
