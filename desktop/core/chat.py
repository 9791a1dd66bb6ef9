"""What the minutes writer needs from a language model, whichever runs it.

Two backends answer it: the model in this process (desktop.core.llm, llama.cpp) and an
inference server the office runs on its own network (desktop.core.llm_server). The writer asks
the same questions of both and checks every answer the same way (schema, grounding).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional, Protocol

from .jobs import CancelToken


class ContextOverflow(Exception):
    """The prompt plus the reply budget does not fit the context window."""


class TruncatedReply(Exception):
    """The model stopped because it ran out of reply tokens."""


@dataclass
class LlmUsage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    prompt_seconds: float = 0.0
    seconds: float = 0.0
    thread_changes: int = 0      # times the thread count followed the free cores
    retries: int = 0             # requests sent again after a server error or a dropped connection

    def add(self, prompt_tokens: int, completion_tokens: int, seconds: float, first_token_s: float) -> None:
        self.calls += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.seconds += seconds
        self.prompt_seconds += first_token_s


class ChatModel(Protocol):
    usage: LlmUsage

    def count_tokens(self, text: str) -> int:
        """Tokens of `text` in the model's own tokenizer (or a safe over-estimate)."""

    def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int,
                      cancel: Optional[CancelToken] = None, temperature: float = 0.0, lane: str = "") -> Any:
        """The reply parsed as JSON, constrained to `schema` where the backend can; ValueError if
        unparsable, TruncatedReply if cut by `max_tokens`, ContextOverflow if it cannot fit."""
