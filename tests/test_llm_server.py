"""The server backend's own behaviour, against a small stand-in HTTP server on 127.0.0.1.

The stand-in answers like llama-cpp-python's server (SSE chunks, `json_object` with a schema,
422 for a `json_schema` format it does not know) or fails on purpose. The real server is run by
tests/test_department_mode.py."""
from __future__ import annotations

import json
import logging
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop import messages
from desktop.core.errors import (Cancelled, InvalidServerUrl, LlmServerRefused, LlmServerUnavailable,
                                 LlmServerUntrusted)
from desktop.core.jobs import CancelToken
from desktop.core.llm_server import ServerChat, ServerSettings, parse_url

SCHEMA = {"type": "object", "properties": {"kind": {"type": "string"}}, "required": ["kind"]}
TOKEN = "s3cret-token-XYZ"


class StandIn:
    """Scripted replies: `fail` is a list of statuses to answer before succeeding."""

    def __init__(self, tls: tuple | None = None):
        self.requests: list[dict] = []
        self.fail: list[int] = []
        self.formats_refused = {"json_schema"}
        self.delay_s = 0.0
        self.hung_up = threading.Event()
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                stand_in.requests.append({"path": self.path, "auth": self.headers.get("Authorization")})
                self._reply(200, {"data": [{"id": "stand-in-model"}]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stand_in.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                if self.path == "/extras/tokenize/count":
                    return self._reply(200, {"count": len(body["input"]) // 2})
                if stand_in.fail:
                    return self._reply(stand_in.fail.pop(0), {"error": "scripted"})
                if body["response_format"]["type"] in stand_in.formats_refused:
                    return self._reply(422, {"detail": "response_format"})
                if stand_in.delay_s:
                    try:
                        self.send_response(200)
                        self.send_header("Content-Type", "text/event-stream")
                        self.end_headers()
                        deadline = time.monotonic() + stand_in.delay_s
                        while time.monotonic() < deadline:  # the server "reads the prompt"
                            time.sleep(0.05)
                            self.wfile.write(b": waiting\n\n")
                            self.wfile.flush()
                    except OSError:
                        stand_in.hung_up.set()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in ('{"kind"', ': "decision"', "}"):
                    chunk = {"choices": [{"delta": {"content": piece}, "finish_reason": None}]}
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                last = {"choices": [{"delta": {}, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 11, "completion_tokens": 3}}
                self.wfile.write(b"data: " + json.dumps(last).encode() + b"\n\ndata: [DONE]\n\n")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def stand_in():
    s = StandIn()
    yield s
    s.close()


def settings(url: str, **kw) -> ServerSettings:
    return ServerSettings(url=url, token=TOKEN, **{"backoff_s": 0.05, **kw})


MESSAGES = [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]


def test_addresses_are_checked():
    assert parse_url("http://gpu01:8080/v1") == ("http", "gpu01", 8080, "")
    assert parse_url("https://llm.example.lg.jp/api/") == ("https", "llm.example.lg.jp", 443, "/api")
    for bad in ("gpu01:8080", "ftp://x", "http://user:pw@x:1", "http://", "http://x:99999"):
        with pytest.raises(InvalidServerUrl):
            parse_url(bad)


def test_answer_in_the_format_the_server_takes_kept_for_the_next_question(stand_in):
    chat = ServerChat(settings(stand_in.url))
    assert chat.model == "stand-in-model"
    assert chat.complete_json(MESSAGES, SCHEMA, 50, lane="classify") == {"kind": "decision"}
    assert chat.complete_json(MESSAGES, SCHEMA, 50, lane="classify") == {"kind": "decision"}
    formats = [r["body"]["response_format"]["type"] for r in stand_in.requests if r["path"] == "/v1/chat/completions"]
    assert formats == ["json_schema", "json_object", "json_object"]  # refused once, then kept
    sent = [r for r in stand_in.requests if r["path"] == "/v1/chat/completions"][-1]["body"]
    assert sent["response_format"]["schema"] == SCHEMA and sent["model"] == "stand-in-model"
    assert chat.usage.calls == 2 and chat.usage.prompt_tokens == 22
    assert all(r["auth"] == "Bearer " + TOKEN for r in stand_in.requests)
    assert chat.count_tokens("議事録の作成") == 3  # the server's tokenizer, not a guess


def test_server_errors_are_retried_then_said_in_one_sentence(stand_in):
    chat = ServerChat(settings(stand_in.url))
    stand_in.fail = [503, 500]
    assert chat.complete_json(MESSAGES, SCHEMA, 50) == {"kind": "decision"}
    assert chat.usage.retries == 2
    stand_in.fail = [503] * 10
    with pytest.raises(LlmServerUnavailable) as err:
        chat.complete_json(MESSAGES, SCHEMA, 50)
    text = messages.describe(err.value, "ja")
    assert "127.0.0.1:" in text and "接続できません" in text and TOKEN not in text


def test_a_refusal_is_not_retried(stand_in):
    chat = ServerChat(settings(stand_in.url))
    stand_in.fail = [401]
    before = len(stand_in.requests)
    with pytest.raises(LlmServerRefused) as err:
        chat.complete_json(MESSAGES, SCHEMA, 50)
    assert len(stand_in.requests) == before + 1
    assert "アクセストークン" in messages.describe(err.value, "ja")


def test_a_server_that_is_down_is_found_before_any_work():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    started = time.monotonic()
    with pytest.raises(LlmServerUnavailable) as err:
        ServerChat(settings(f"http://127.0.0.1:{port}", retries=2))
    assert time.monotonic() - started < 5
    assert f"127.0.0.1:{port}" in messages.describe(err.value, "en")


def test_a_model_the_server_does_not_serve_is_refused(stand_in):
    with pytest.raises(LlmServerRefused):
        ServerChat(settings(stand_in.url, model="qwen-72b"))


def test_cancel_hangs_up_while_the_server_is_still_reading(stand_in):
    chat = ServerChat(settings(stand_in.url))
    stand_in.formats_refused = set()
    stand_in.delay_s = 30
    token = CancelToken()
    threading.Timer(0.3, token.cancel).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        chat.complete_json(MESSAGES, SCHEMA, 50, cancel=token)
    assert time.monotonic() - started < 1.5
    assert stand_in.hung_up.wait(5)  # the server saw the connection close and can stop generating


def test_the_token_never_reaches_the_log(stand_in, caplog):
    caplog.set_level(logging.DEBUG)
    chat = ServerChat(settings(stand_in.url))
    stand_in.fail = [503]
    chat.complete_json(MESSAGES, SCHEMA, 50)
    assert caplog.records and TOKEN not in caplog.text
    assert TOKEN not in repr(chat.settings)


def test_https_with_the_office_s_own_authority(tmp_path):
    """An https server whose certificate the office issued: trusted with --llm-ca, refused in one
    sentence (not retried) without it."""
    cert, key = tmp_path / "server.pem", tmp_path / "server.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    served = StandIn(tls=(str(cert), str(key)))
    try:
        chat = ServerChat(settings(served.url, ca_file=cert))
        assert chat.complete_json(MESSAGES, SCHEMA, 50) == {"kind": "decision"}
        assert served.requests[-1]["auth"] == "Bearer " + TOKEN  # over TLS
        started = time.monotonic()
        with pytest.raises(LlmServerUntrusted) as err:
            ServerChat(settings(served.url, retries=3, backoff_s=1.0))
        assert time.monotonic() - started < 1.0  # not retried
        assert "--llm-ca" in messages.describe(err.value, "ja")
    finally:
        served.close()
