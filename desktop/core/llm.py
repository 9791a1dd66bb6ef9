"""The on-device language model through llama-cpp-python: the only module that imports llama_cpp.

Pitfalls handled here (FIELD-NOTES): the context size is set explicitly (llama.cpp defaults to
512); the output is constrained by a JSON schema grammar but still parsed and validated by the
caller, since an unconvertible schema silently falls back to free JSON; a reply cut by
max_tokens (finish_reason "length") is reported, never returned as if complete; prompts are
measured with the model's own tokenizer.

llama.cpp reuses the start of the previous prompt (its KV cache), which makes a run of the same
kind of question cheap: the long constant instructions are read once. Different questions
interleaved (a line's kind, then a decision's sentence, then the next line's kind) would read
them again every time: 5-6 s each for the classification instructions on two cores. So after
each call the KV of that kind of question is kept (`lane`), and put back before the next
question of that kind: ~16 MB each for the 1.5B model, a memcpy instead of seconds of prefill.

A question whose answer is one word out of a list (a line's kind: {"kind": "decision"|...}) is
answered from one forward pass: the prompt is read up to the opening quote of the answer, and
the word whose first token the model rates highest is the answer. Decoding it under the grammar
would cost one forward pass per token of `{"kind": "other"}` and its end, six more passes that
the grammar forces anyway: on two cores about half a second for each of the hundreds of lines a
meeting's model classifies.
"""
from __future__ import annotations

import ctypes
import json
import logging
import time
from pathlib import Path
from typing import Any, Optional

import numpy as np

from .chat import ContextOverflow, LlmUsage, TruncatedReply
from .cores import CoreMeter
from .cpu import missing_features, require_llm_baseline
from .errors import ModelCorrupt
from .nativelog import native_stderr_to_log
from .jobs import CancelToken, check


log = logging.getLogger("gijiroku.llm")
__all__ = ["ContextOverflow", "LlamaChat", "LlmUsage", "TruncatedReply", "inspect_gguf", "preload"]


class LlamaChat:
    """One loaded GGUF chat model. Not thread-safe: one job at a time uses it."""

    def __init__(self, model_path: Path, n_ctx: int = 4096, n_threads: int = 2, seed: int = 0,
                 cores: Optional[CoreMeter] = None):
        """`n_threads` is the most threads a call uses; with `cores` each call uses no more than the
        cores other programs leave free at that moment (desktop.core.cores)."""
        require_llm_baseline()
        from llama_cpp import Llama

        self.model_path = Path(model_path)
        self.n_ctx = n_ctx
        try:
            with native_stderr_to_log("llama.cpp"):
                self._llm = Llama(model_path=str(self.model_path), n_ctx=n_ctx, n_threads=n_threads,
                                  n_threads_batch=n_threads, seed=seed, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelCorrupt(str(exc), name=self.model_path.name, path=str(self.model_path)) from exc
        self.usage = LlmUsage()
        self.max_threads = self.threads = n_threads
        self._cores = cores
        self._lanes: dict[str, tuple[Any, np.ndarray]] = {}  # lane -> (token ids, sequence state)
        self._lane = ""                                    # the lane whose state is loaded now
        self._formatter = _own_template_formatter(self._llm)
        self.choices = 0                                   # answers chosen in one pass (for benchmarks)
        log.info("one-word answers (a line's kind): %s", "one forward pass" if self._formatter is not None
                 else "decoded (llama-cpp-python renders this model's chats with a format of its own)")

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def prompt_tokens(self, messages: list[dict[str, str]]) -> int:
        # The chat template adds a few tokens per message around the content.
        return sum(self.count_tokens(m["content"]) + 8 for m in messages) + 8

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int,
                      cancel: Optional[CancelToken] = None, temperature: float = 0.0, lane: str = "") -> Any:
        """The model's reply parsed as JSON, constrained to `schema`; raises ValueError if unparsable.

        `lane` names the kind of question (calls of one lane share their instructions)."""
        n_prompt = self.prompt_tokens(messages)
        if n_prompt + max_tokens > self.n_ctx:
            raise ContextOverflow(f"{n_prompt}+{max_tokens}>{self.n_ctx}")
        if lane and lane != self._lane:
            self._load_lane(lane)
        self._follow_free_cores()
        choice = self._one_word_choice(schema) if temperature == 0.0 else None
        if choice is not None:
            try:
                return self._choose(messages, *choice, n_prompt=n_prompt, cancel=cancel)
            finally:
                if lane:
                    self._save_lane(lane)
        started = time.perf_counter()
        first = None
        parts: list[str] = []
        finish = None
        stream = self._llm.create_chat_completion(
            messages=messages, response_format={"type": "json_object", "schema": schema},
            max_tokens=max_tokens, temperature=temperature, stream=True)
        try:
            for chunk in stream:
                check(cancel)  # between stream chunks: cancel stops the engine within a token
                choice = chunk["choices"][0]
                piece = choice.get("delta", {}).get("content")
                if piece:
                    if first is None:
                        first = time.perf_counter() - started
                    parts.append(piece)
                finish = choice.get("finish_reason") or finish
        finally:
            stream.close()
            if lane:
                self._save_lane(lane)
        text = "".join(parts)
        elapsed = time.perf_counter() - started
        self.usage.add(n_prompt, self.count_tokens(text), elapsed, first or elapsed)
        if finish == "length":
            raise TruncatedReply(text[-80:])
        return json.loads(text)

    # ---- one word out of a list, in one pass -----------------------------------------------
    def _one_word_choice(self, schema: dict[str, Any]) -> Optional[tuple[str, dict[str, int]]]:
        """(key, {word: its first token}) when `schema` asks for one word of a list, under a chat
        template this class renders itself; None when the answer must be decoded (two words that
        begin with the same token could only be told apart by decoding on)."""
        if self._formatter is None:
            return None
        props = schema.get("properties") or {}
        if schema.get("type") != "object" or len(props) != 1 or list(schema.get("required", [])) != list(props):
            return None
        key, prop = next(iter(props.items()))
        words = prop.get("enum") or []
        if prop.get("type") != "string" or not words or not all(isinstance(w, str) and w for w in words):
            return None
        firsts = {w: self._llm.tokenize(w.encode("utf-8"), add_bos=False, special=False)[0] for w in words}
        return (key, firsts) if len(set(firsts.values())) == len(firsts) else None

    def _choose(self, messages: list[dict[str, str]], key: str, firsts: dict[str, int], n_prompt: int,
                cancel: Optional[CancelToken]) -> dict[str, str]:
        import numpy as np

        check(cancel)
        llm = self._llm
        started = time.perf_counter()
        # The reply as the model writes it under the grammar ({"kind": "other"}) up to the word.
        text = self._formatter(messages=messages).prompt + json.dumps({key: ""}, ensure_ascii=False)[:-2]
        tokens = llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        # The start already in the KV (the instructions, kept by the lane) is not read again; at
        # least one token is, so that the logits are this prompt's.
        kept, limit = 0, min(llm.n_tokens, len(tokens) - 1)
        while kept < limit and llm.input_ids[kept] == tokens[kept]:
            kept += 1
        llm.n_tokens = kept
        llm.eval(tokens[kept:])
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
        word = max(firsts, key=lambda w: logits[firsts[w]])
        elapsed = time.perf_counter() - started
        self.usage.add(n_prompt, 1, elapsed, elapsed)
        self.choices += 1
        return {key: word}

    def _follow_free_cores(self) -> None:
        if self._cores is None:
            return
        threads = max(1, min(self.max_threads, self._cores.free_cores()))
        if threads != self.threads:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self._llm.ctx, threads, threads)
            log.info("threads %d -> %d (cores free: %d of %d)", self.threads, threads,
                     self._cores.free_cores(), self._cores.cores)
            self.threads = threads
            self.usage.thread_changes += 1

    # ---- lanes: the KV of each kind of question, kept between calls ---------------------------
    def _save_lane(self, lane: str) -> None:
        import llama_cpp

        llm = self._llm
        size = llama_cpp.llama_state_seq_get_size(llm.ctx, 0)
        # The KV of a lane is tens of MB. Copies made by ctypes (a zero-filled array, string_at) hold
        # the interpreter lock while they touch every page: 50-120 ms a call, the window's event loop
        # stood still that long. numpy's empty array touches nothing; llama.cpp fills it (and the
        # kernel maps its pages) inside a ctypes call, which releases the lock; it is kept as it is.
        state = np.empty(size, dtype=np.uint8)
        written = llama_cpp.llama_state_seq_get_data(llm.ctx, _bytes_pointer(state), size, 0)
        if written:
            self._lanes[lane] = (llm.input_ids[:llm.n_tokens].copy(), state[:written])
        self._lane = lane

    def _load_lane(self, lane: str) -> None:
        """Put back the lane's KV; without one (or if llama.cpp refuses it) start from empty."""
        import llama_cpp

        llm = self._llm
        saved = self._lanes.get(lane)
        llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(llm.ctx), 0, 0, -1)
        llm.n_tokens = 0
        self._lane = lane
        if saved is None:
            return
        tokens, state = saved
        if llama_cpp.llama_state_seq_set_data(llm.ctx, _bytes_pointer(state), len(state), 0) != len(state):
            llama_cpp.llama_memory_seq_rm(llama_cpp.llama_get_memory(llm.ctx), 0, 0, -1)
            return
        llm.input_ids[:len(tokens)] = tokens
        llm.n_tokens = len(tokens)
        # The logits in memory belong to another prompt: the next call must decode before sampling.
        llm._requires_eval = True


def _bytes_pointer(array: np.ndarray) -> Any:
    return array.ctypes.data_as(ctypes.POINTER(ctypes.c_uint8))


def _own_template_formatter(llm: Any) -> Any:
    """The formatter llama-cpp-python renders chats with when it uses the GGUF's own template, or
    None when it uses another (a built-in format it guessed): a prompt rendered here must be the
    very prompt a decoded call reads."""
    from llama_cpp import llama_chat_format

    template = (llm.metadata or {}).get("tokenizer.chat_template")
    if llm.chat_format != "chat_template.default" or not template or llm.chat_handler is not None:
        return None

    def text(token: int) -> str:
        return llm._model.token_get_text(token) if token != -1 else ""

    return llama_chat_format.Jinja2ChatFormatter(template=template, eos_token=text(llm.token_eos()),
                                                 bos_token=text(llm.token_bos()))


def inspect_gguf(path: Path) -> dict[str, Any]:
    """Load only the vocabulary and metadata of a GGUF: proves it loads, and tells if it can chat."""
    require_llm_baseline()
    from llama_cpp import Llama

    try:
        with native_stderr_to_log("llama.cpp"):
            llm = Llama(model_path=str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError, OSError) as exc:
        raise ModelCorrupt(str(exc), name=Path(path).name, path=str(path)) from exc
    meta = dict(llm.metadata or {})
    info = {
        "chat_template": meta.get("tokenizer.chat_template", ""),
        "architecture": meta.get("general.architecture", ""),
        "name": meta.get("general.name", ""),
        "context_length": _context_length(meta),
    }
    del llm
    return info


def _context_length(meta: dict[str, Any]) -> int:
    arch = meta.get("general.architecture", "")
    try:
        return int(meta.get(f"{arch}.context_length", 0))
    except (TypeError, ValueError):
        return 0


def preload() -> None:
    """Import llama-cpp-python now. Its first import holds the interpreter lock for 0.05-0.25 s; done in a
    worker thread in the middle of a job, that would freeze a window for as long. Not on a CPU below
    the build's baseline: there the first model load says so instead."""
    if missing_features():
        return
    import llama_cpp  # noqa: F401
