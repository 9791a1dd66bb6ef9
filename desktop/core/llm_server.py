"""The minutes model on an inference server the office runs: the only module that opens a socket.

Department mode (issue 19): llama.cpp's server, llama-cpp-python's server or vLLM, all speaking
the OpenAI-compatible chat API, on the office's own network, named by the user. Nothing else
is ever contacted: every request goes to the one configured host and port.

- Output is constrained as far as the server allows: `json_schema` (vLLM, llama.cpp's server),
  else `json_object` with a schema (llama-cpp-python's server), else plain JSON. The answer is
  validated and grounded by the caller exactly as a local one.
- A dropped connection, a timeout or a 5xx/429 is retried with backoff (1, 2, 4 s); then one
  LlmServerUnavailable. 401/403/404 are not retried: LlmServerRefused.
- Replies are streamed; Cancel closes the connection (the server stops generating) within a
  tenth of a second, even while the server is still reading the prompt.
- The bearer token travels in a header only: never in a log line, an error or a meeting file.
"""
from __future__ import annotations

import http.client
import json
import logging
import queue
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urlsplit

from .chat import ContextOverflow, LlmUsage, TruncatedReply
from .errors import Cancelled, InvalidServerUrl, LlmServerRefused, LlmServerUnavailable, LlmServerUntrusted
from .jobs import CancelToken, check

log = logging.getLogger("gijiroku.llm_server")

# Response formats, most constrained first; the first one the server accepts is kept.
_FORMATS = ("json_schema", "json_object+schema", "json_object")
_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class ServerSettings:
    """Where the server is. `token` is a secret: kept out of repr, logs and files."""

    url: str
    token: Optional[str] = field(default=None, repr=False)
    model: Optional[str] = None           # the server's model name; its first model when not given
    ca_file: Optional[Path] = None        # the office's own certificate authority, for https
    timeout_s: float = 300.0              # no byte from the server for this long: the request failed
    retries: int = 3
    backoff_s: float = 1.0                # waits 1, 2, 4 s between tries

    @property
    def address(self) -> tuple[str, str, int, str]:
        """(scheme, host, port, path prefix) of the URL; InvalidServerUrl if it is not one."""
        return parse_url(self.url)

    @property
    def host(self) -> str:
        """host:port, for messages (never the token, never the path)."""
        _scheme, host, port, _prefix = self.address
        return f"{host}:{port}"


def parse_url(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise InvalidServerUrl(str(exc), value=url) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.query:
        raise InvalidServerUrl("scheme, host, no credentials or query", value=url)
    prefix = parts.path.rstrip("/")
    if prefix.endswith("/v1"):
        prefix = prefix[:-3]
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), prefix


class _HttpError(Exception):
    def __init__(self, status: int, body: str):
        super().__init__(status)
        self.status, self.body = status, body


class ServerChat:
    """A model on an OpenAI-compatible server. One job at a time uses one instance."""

    def __init__(self, settings: ServerSettings, cancel: Optional[CancelToken] = None):
        self.settings = settings
        self.usage = LlmUsage()
        self._scheme, self._host, self._port, self._prefix = settings.address
        self._format = 0
        self._tokenizer: Optional[str] = None   # which tokenize endpoint answers; "" for none
        self._counts: dict[str, int] = {}
        self.model = self._check_model(cancel)
        log.info("minutes model on a server: %s (model %s)", settings.host, self.model)

    # ---- the interface the minutes writer uses ------------------------------------------------
    def count_tokens(self, text: str) -> int:
        if text not in self._counts:
            self._counts[text] = self._count(text)
        return self._counts[text]

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int,
                      cancel: Optional[CancelToken] = None, temperature: float = 0.0, lane: str = "") -> Any:
        while True:
            body = {"model": self.model, "messages": messages, "max_tokens": max_tokens,
                    "temperature": temperature, "stream": True,
                    "response_format": _response_format(_FORMATS[self._format], schema, lane)}
            try:
                return self._stream_json(body, cancel)
            except _HttpError as exc:
                if exc.status == 400 and "context" in exc.body.lower():
                    raise ContextOverflow(f"{self.settings.host}: {exc.status}") from None
                if _format_refused(exc) and self._format + 1 < len(_FORMATS):
                    log.info("server refused response format %s (%d); trying %s", _FORMATS[self._format],
                             exc.status, _FORMATS[self._format + 1])
                    self._format += 1
                    continue
                raise self._failed(exc) from None

    # ---- requests --------------------------------------------------------------------------
    def _check_model(self, cancel: Optional[CancelToken]) -> str:
        """Ask the server which models it serves: a server that is down fails here, before hours
        of transcription, not after. The named model must be one of them; else its first."""
        try:
            data = self._request("GET", "/v1/models", None, cancel)
        except _HttpError as exc:
            raise self._failed(exc) from None
        models = [m.get("id") for m in data.get("data", []) if isinstance(m, dict) and m.get("id")]
        wanted = self.settings.model
        if wanted and (wanted in models or not models):
            return wanted
        if not models or wanted:
            raise LlmServerRefused("model not served", host=self.settings.host,
                                   status=f"model {wanted}" if wanted else "no model")
        return models[0]

    def _count(self, text: str) -> int:
        # llama-cpp-python's server, llama.cpp's server, vLLM: each names tokenizing its own way.
        tries = {"extras": ("/extras/tokenize/count", {"input": text}),
                 "llama.cpp": ("/tokenize", {"content": text}),
                 "vllm": ("/tokenize", {"model": self.model, "prompt": text})}
        names = [self._tokenizer] if self._tokenizer else list(tries) if self._tokenizer is None else []
        for name in names:
            path, body = tries[name]
            try:
                data = self._request("POST", path, body, None, retries=0)
            except (_HttpError, LlmServerUnavailable):
                continue
            count = data.get("count", len(data.get("tokens", [])) if isinstance(data.get("tokens"), list) else None)
            if isinstance(count, int):
                self._tokenizer = name
                return count
        if self._tokenizer is None:
            log.info("server offers no tokenizer: counting one token per character")
            self._tokenizer = ""
        # Japanese text is at most about one token per character in the tokenizers of chat models.
        return len(text)

    def _request(self, method: str, path: str, body: Optional[dict], cancel: Optional[CancelToken],
                 retries: Optional[int] = None) -> dict:
        """One JSON request with retries; the decoded reply."""
        for attempt in self._attempts(cancel, retries):
            try:
                with self._open(method, path, body) as (_conn, resp):
                    text = resp.read().decode("utf-8", "replace")
                return json.loads(text) if text else {}
            except _HttpError as exc:
                if exc.status not in _RETRY_STATUS or attempt.last:
                    raise
            except ssl.SSLCertVerificationError:
                raise self._untrusted() from None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if attempt.last:
                    raise LlmServerUnavailable(type(exc).__name__, host=self.settings.host) from None
        raise AssertionError("unreachable")

    def _stream_json(self, body: dict, cancel: Optional[CancelToken]) -> Any:
        """Send a streamed chat request; collect the content; parse it."""
        for attempt in self._attempts(cancel, None):
            started = time.perf_counter()
            parts: list[str] = []
            first, finish, usage = None, None, {}
            try:
                with self._open("POST", "/v1/chat/completions", body) as (exchange, resp):
                    for chunk in _events(exchange, resp, cancel):
                        if chunk.get("usage"):
                            usage = chunk["usage"]
                        for choice in chunk.get("choices", [])[:1]:
                            piece = (choice.get("delta") or {}).get("content")
                            if piece:
                                first = first or time.perf_counter() - started
                                parts.append(piece)
                            finish = choice.get("finish_reason") or finish
            except _HttpError as exc:
                if exc.status not in _RETRY_STATUS or attempt.last or _format_refused(exc):
                    raise
                continue
            except ssl.SSLCertVerificationError:
                raise self._untrusted() from None
            except (OSError, http.client.HTTPException, ValueError) as exc:
                if attempt.last:
                    raise LlmServerUnavailable(type(exc).__name__, host=self.settings.host) from None
                continue
            text = "".join(parts)
            elapsed = time.perf_counter() - started
            self.usage.add(int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0),
                           elapsed, first or elapsed)
            if finish == "length":
                raise TruncatedReply(text[-80:])
            return json.loads(text)
        raise AssertionError("unreachable")

    def _untrusted(self) -> LlmServerUntrusted:
        # Not retried: a certificate does not become trusted by asking again.
        return LlmServerUntrusted("certificate not verified", host=self.settings.host)

    def _failed(self, exc: _HttpError) -> Exception:
        """An HTTP error for the caller: a server that kept failing is unavailable; one that said
        no (token, model, path, request) refused."""
        if exc.status in _RETRY_STATUS:
            return LlmServerUnavailable(f"HTTP {exc.status}", host=self.settings.host)
        return LlmServerRefused(f"HTTP {exc.status}", host=self.settings.host, status=f"HTTP {exc.status}")

    def _attempts(self, cancel: Optional[CancelToken], retries: Optional[int]) -> Iterator["_Attempt"]:
        total = 1 + (self.settings.retries if retries is None else retries)
        for i in range(total):
            if i:
                self.usage.retries += 1
                _sleep(self.settings.backoff_s * 2.0 ** (i - 1), cancel)
            check(cancel)
            yield _Attempt(last=i == total - 1)

    def _open(self, method: str, path: str, body: Optional[dict]) -> "_Exchange":
        return _Exchange(self, method, self._prefix + path, body)

    def _connection(self) -> http.client.HTTPConnection:
        timeout = self.settings.timeout_s
        if self._scheme == "https":
            context = ssl.create_default_context(cafile=str(self.settings.ca_file) if self.settings.ca_file else None)
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout, context=context)
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)

    def _headers(self, body: Optional[bytes]) -> dict[str, str]:
        headers = {"Accept": "application/json, text/event-stream"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.settings.token:
            headers["Authorization"] = "Bearer " + self.settings.token
        return headers


@dataclass
class _Attempt:
    last: bool


class _Exchange:
    """One request on a fresh connection; the response is open inside the `with`."""

    def __init__(self, chat: ServerChat, method: str, path: str, body: Optional[dict]):
        self.chat, self.method, self.path = chat, method, path
        self.data = json.dumps(body, ensure_ascii=False).encode("utf-8") if body is not None else None
        self.conn: Optional[http.client.HTTPConnection] = None
        self.sock: Optional[socket.socket] = None

    def __enter__(self) -> tuple["_Exchange", http.client.HTTPResponse]:
        self.conn = self.chat._connection()
        try:
            self.conn.request(self.method, self.path, body=self.data, headers=self.chat._headers(self.data))
            # Kept: http.client hands the socket to a response it reads to the close, and forgets it.
            self.sock = self.conn.sock
            resp = self.conn.getresponse()
            if resp.status >= 300:
                raise _HttpError(resp.status, resp.read(2000).decode("utf-8", "replace"))
        except BaseException:
            self.conn.close()
            raise
        return self, resp

    def hang_up(self) -> None:
        """Close the connection under a reader blocked on it (from another thread)."""
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.__exit__()

    def __exit__(self, *exc) -> None:
        if self.conn is not None:
            self.conn.close()


def _format_refused(exc: _HttpError) -> bool:
    """The server does not take this response format: a 400/422, or (llama-cpp-python's server
    answers its own validation errors with 500) an error that names the format."""
    return exc.status in (400, 422) or "response_format" in exc.body or "json_schema" in exc.body


def _response_format(kind: str, schema: dict, name: str) -> dict:
    if kind == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name or "answer", "schema": schema, "strict": True}}
    if kind == "json_object+schema":
        return {"type": "json_object", "schema": schema}
    return {"type": "json_object"}


def _events(exchange: _Exchange, resp: http.client.HTTPResponse, cancel: Optional[CancelToken]) -> Iterator[dict]:
    """The server-sent events of a streamed reply, read on a thread of their own so that Cancel
    (checked every 0.1 s) closes the connection even while the server is still thinking."""
    lines: queue.SimpleQueue = queue.SimpleQueue()
    end = object()

    def read() -> None:
        try:
            for raw in resp:
                lines.put(raw)
            lines.put(end)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            lines.put(exc)

    threading.Thread(target=read, name="llm-server-stream", daemon=True).start()
    while True:
        if cancel is not None and cancel.cancelled:
            exchange.hang_up()
            raise Cancelled()
        try:
            item = lines.get(timeout=0.1)
        except queue.Empty:
            continue
        if item is end:
            return
        if isinstance(item, BaseException):
            raise item
        line = item.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        event = json.loads(data)
        if isinstance(event, dict) and event.get("error"):
            raise _HttpError(500, str(event["error"])[:200])
        yield event


def _sleep(seconds: float, cancel: Optional[CancelToken]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        check(cancel)
        time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))
