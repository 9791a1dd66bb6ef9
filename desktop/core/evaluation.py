"""Measuring quality against a reference: character error rate and fact recall of minutes.

Used by the tests (regression thresholds) and the benchmarks; the reference format is the one
of tests/fixtures/*.ref.json (utterances with text, and the facts the minutes must contain).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np

from .grounding import normalize_text
from .types import Minutes

_PUNCT = re.compile(r"[\s、。，．,.!?！？「」『』（）()・:：;；…ー―-]")


def normalize_for_cer(text: str) -> str:
    """NFKC, numerals as digits, punctuation and spaces removed."""
    return _PUNCT.sub("", normalize_text(unicodedata.normalize("NFKC", text)))


def edit_distance(a: str, b: str) -> int:
    if not a:
        return len(b)
    if not b:
        return len(a)
    prev = np.arange(len(b) + 1)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    for i, ch in enumerate(a, 1):
        cost = (bb != ord(ch)).astype(np.int64)
        cur = np.empty_like(prev)
        cur[0] = i
        # substitution/deletion first, then insertion as a running minimum along the row
        np.minimum(prev[1:] + 1, prev[:-1] + cost, out=cur[1:])
        for j in range(1, len(cur)):
            if cur[j - 1] + 1 < cur[j]:
                cur[j] = cur[j - 1] + 1
        prev = cur
    return int(prev[-1])


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    return edit_distance(ref, hyp) / max(1, len(ref))


def _has_any(text: str, keywords: list[str]) -> bool:
    norm = normalize_text(text)
    return any(normalize_text(k) in norm for k in keywords)


def score_facts(minutes: Minutes, facts: dict[str, Any]) -> dict[str, Any]:
    """Which reference facts the minutes contain, and which false claims they make."""
    found: dict[str, list[bool]] = {"agenda": [], "decisions": [], "action_items": [], "next_meeting": []}
    titles = [a.title for a in minutes.agenda]
    for group in facts.get("agenda", []):
        found["agenda"].append(any(_has_any(t, group) for t in titles))
    for d in facts.get("decisions", []):
        found["decisions"].append(any(all(_has_any(x.text, g) for g in d["all_of"]) for x in minutes.decisions))
    for a in facts.get("action_items", []):
        found["action_items"].append(any(_has_any(x.owner, a["owner"]) and _has_any(x.task, a["task"])
                                         and _has_any(x.due, a["due"]) for x in minutes.action_items))
    if facts.get("next_meeting"):
        found["next_meeting"].append(_has_any(minutes.next_meeting, facts["next_meeting"]))
    false_claims = []
    for rule in facts.get("must_not_claim", []):
        for x in getattr(minutes, rule["field"]):
            text = x.text if hasattr(x, "text") else x.task
            if all(_has_any(text, g) for g in rule["all_of"]) and not _has_any(text, rule.get("unless_any", [])):
                false_claims.append(rule["about"])
    key = ["decisions", "action_items", "next_meeting"]
    hits = sum(sum(found[k]) for k in key)
    total = sum(len(found[k]) for k in key)
    return {"found": found, "recall": hits / total if total else 1.0, "hits": hits, "total": total,
            "false_claims": false_claims}
