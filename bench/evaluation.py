"""Measuring quality against a reference: character error rate and fact recall of minutes.

Used by the benchmarks and the tests; the reference format is the one of tests/fixtures/*.ref.json
(utterances with text, and the facts the minutes must contain). Not part of the app.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from desktop.core.japanese import normalize_text
from desktop.core.types import Minutes

_PUNCT = re.compile(r"[\s、。，．,.!?！？「」『』（）()・:：;；…ー―-]")


def normalize_for_cer(text: str) -> str:
    """NFKC, numerals as digits, punctuation and spaces removed."""
    return _PUNCT.sub("", normalize_text(unicodedata.normalize("NFKC", text)))


def cer(reference: str, hypothesis: str) -> float:
    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


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
        # A matter the meeting formally kept open (継続審査) is a decision on it, listed with the open
        # issues: such a fact names that field.
        listed = getattr(minutes, d.get("field", "decisions"))
        found["decisions"].append(any(all(_has_any(x.text, g) for g in d["all_of"]) for x in listed))
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


def speaker_accuracy(true_speakers: list[str], labels: list[Any]) -> float:
    """Share of utterances whose label maps to their true speaker, labels mapped one-to-one onto
    the true speakers in the way that scores best (an unlabelled utterance counts as wrong)."""
    from itertools import permutations

    if not true_speakers:
        return 1.0
    names = sorted(set(true_speakers))
    found = sorted({x for x in labels if x is not None}, key=str)
    best = 0
    slots = names + [None] * max(0, len(found) - len(names))
    for chosen in permutations(slots, len(found)):
        mapping = dict(zip(found, chosen))
        best = max(best, sum(1 for t, x in zip(true_speakers, labels) if x is not None and mapping[x] == t))
    return best / len(true_speakers)


def line_speaker_at(segments: list, start: float, end: float) -> Any:
    """The label of the transcript lines that overlap [start, end] longest (None when none does)."""
    overlap: dict[Any, float] = {}
    for s in segments:
        o = min(end, s.end) - max(start, s.start)
        if o > 0 and s.speaker:
            overlap[s.speaker] = overlap.get(s.speaker, 0.0) + o
    return max(overlap, key=lambda k: overlap[k]) if overlap else None


def audio_of(ref_path: Path, ref: dict[str, Any]) -> Path:
    """A fixture meeting's recording: `audio` in its reference (a long meeting is kept as Opus, as a
    voice recorder would give it), else the WAV named after its id."""
    return ref_path.with_name(ref.get("audio") or ref["id"] + ".wav")

