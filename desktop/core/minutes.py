"""The minutes pipeline: transcript -> chunks -> extraction -> merge -> grounding -> summaries.

Small models do better with short, focused prompts than with one call over a whole meeting,
so the transcript is cut into chunks measured with the model's own tokenizer, each chunk is
asked for candidates under a JSON schema, and the code merges, de-duplicates and checks every
candidate against the lines it cites (desktop.core.grounding) before it reaches the minutes.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

import jsonschema

from . import grounding, paths
from .errors import MinutesGenerationError
from .jobs import CancelToken, ProgressCallback, check, report
from .llm import ContextOverflow, LlamaChat, TruncatedReply
from .types import ActionItem, AgendaItem, Item, Meeting, Minutes, Segment, Transcript

# A claim must share this much of its wording with the lines it cites, or it is not grounded.
MIN_SUPPORT = 0.35


def _load(name: str) -> str:
    return paths.resource(*name.split("/")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class MinutesOptions:
    chunk_tokens: int = 1100       # transcript tokens per extraction call
    overlap_segments: int = 2      # lines repeated at the start of the next chunk, for context
    extract_reply_tokens: int = 900
    summary_reply_tokens: int = 300
    summaries: bool = True


@dataclass
class Candidates:
    """Everything extracted from all chunks, before merging."""

    topics: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    action_items: list[dict[str, Any]] = field(default_factory=list)
    open_issues: list[dict[str, Any]] = field(default_factory=list)
    next_meeting: list[dict[str, Any]] = field(default_factory=list)


class MinutesWriter:
    def __init__(self, chat: LlamaChat, options: MinutesOptions = MinutesOptions()):
        self.chat = chat
        self.options = options
        self.system = _load("prompts/system.txt").strip()
        self.extract_prompt = _load("prompts/extract.txt")
        self.summary_prompt = _load("prompts/summary.txt")
        self.extract_schema = json.loads(_load("schemas/extract.schema.json"))
        self.summary_schema = json.loads(_load("schemas/summary.schema.json"))

    # ---- public ----------------------------------------------------------------------------
    def write(self, transcript: Transcript, meeting: Meeting, on_progress: Optional[ProgressCallback] = None,
              cancel: Optional[CancelToken] = None) -> Minutes:
        segments = [s for s in transcript.segments if s.text.strip()]
        chunks = self.chunk(segments)
        steps = len(chunks) + 1
        candidates = Candidates()
        for i, chunk in enumerate(chunks):
            check(cancel)
            report(on_progress, "minutes", i, steps)
            self._extract_into(candidates, chunk, meeting, cancel)
        minutes = assemble(candidates, segments, meeting)
        report(on_progress, "minutes", len(chunks), steps)
        if self.options.summaries:
            self._summarise(minutes, segments, meeting, cancel)
        report(on_progress, "minutes", steps, steps)
        validate_minutes(minutes.to_json())
        return minutes

    def chunk(self, segments: list[Segment]) -> list[list[Segment]]:
        """Consecutive lines whose token count (the model's own tokenizer) fits the chunk budget."""
        chunks: list[list[Segment]] = []
        current: list[Segment] = []
        used = 0
        for seg in segments:
            cost = self.chat.count_tokens(format_line(seg)) + 1
            if current and used + cost > self.options.chunk_tokens:
                chunks.append(current)
                current = current[-self.options.overlap_segments:] if self.options.overlap_segments else []
                used = sum(self.chat.count_tokens(format_line(s)) + 1 for s in current)
            current.append(seg)
            used += cost
        if current:
            chunks.append(current)
        return chunks

    # ---- extraction ------------------------------------------------------------------------
    def _extract_into(self, out: Candidates, chunk: list[Segment], meeting: Meeting,
                      cancel: Optional[CancelToken]) -> None:
        prompt = self.extract_prompt.format(title=meeting.title or "（未設定）",
                                            attendees="、".join(meeting.attendees) or "（未設定）",
                                            lines="\n".join(format_line(s) for s in chunk))
        try:
            data = self._ask(prompt, self.extract_schema, self.options.extract_reply_tokens, cancel)
        except (ContextOverflow, TruncatedReply):
            if len(chunk) < 2:
                raise MinutesGenerationError("a single line does not fit the model's context")
            half = len(chunk) // 2  # too much for one reply: ask about each half
            self._extract_into(out, chunk[:half], meeting, cancel)
            self._extract_into(out, chunk[half:], meeting, cancel)
            return
        ids = {s.id for s in chunk}
        for key in ("topics", "decisions", "action_items", "open_issues"):
            for entry in data.get(key, []):
                entry["chunk_ids"] = sorted(ids)
                getattr(out, key).append(entry)
        nm = data.get("next_meeting") or {}
        if nm.get("text"):
            nm["chunk_ids"] = sorted(ids)
            out.next_meeting.append(nm)

    def _ask(self, prompt: str, schema: dict[str, Any], max_tokens: int, cancel: Optional[CancelToken]) -> Any:
        """One schema-constrained call, validated; one retry on invalid output, then a clear error."""
        messages = [{"role": "system", "content": self.system}, {"role": "user", "content": prompt}]
        last_error = ""
        for attempt in range(2):
            try:
                data = self.chat.complete_json(messages, schema, max_tokens, cancel=cancel,
                                               temperature=0.0 if attempt == 0 else 0.3)
                jsonschema.validate(data, schema)
                return data
            except (ValueError, jsonschema.ValidationError) as exc:
                last_error = str(exc)[:200]
        raise MinutesGenerationError(f"invalid model output twice: {last_error}")

    # ---- summaries -------------------------------------------------------------------------
    def _summarise(self, minutes: Minutes, segments: list[Segment], meeting: Meeting,
                   cancel: Optional[CancelToken]) -> None:
        by_id = {s.id: s for s in segments}
        for item in minutes.agenda:
            check(cancel)
            lines = [by_id[r] for r in item.refs if r in by_id]
            if not lines:
                continue
            text = "\n".join(format_line(s) for s in lines)
            while self.chat.count_tokens(text) > self.options.chunk_tokens and len(lines) > 1:
                lines = lines[: max(1, len(lines) * 3 // 4)]
                text = "\n".join(format_line(s) for s in lines)
            prompt = self.summary_prompt.format(title=meeting.title or "（未設定）", topic=item.title, lines=text)
            try:
                data = self._ask(prompt, self.summary_schema, self.options.summary_reply_tokens, cancel)
            except (ContextOverflow, TruncatedReply, MinutesGenerationError):
                continue  # a missing summary is better than no minutes; the clerk writes it
            item.summary = str(data.get("summary", "")).strip()


def format_line(seg: Segment) -> str:
    who = f"{seg.speaker}: " if seg.speaker else ""
    return f"[{seg.id}] {who}{seg.text}"


# ---- merge and grounding (pure, tested without a model) --------------------------------------
def assemble(c: Candidates, segments: list[Segment], meeting: Meeting) -> Minutes:
    by_id = {s.id: s for s in segments}
    meeting_date = grounding.parse_iso_date(meeting.date)

    def source(entry: dict[str, Any], claim: str) -> list[int]:
        """The cited lines that support the claim; if none do, the best line of its chunk that does."""
        refs = [int(r) for r in entry.get("refs", []) if isinstance(r, (int, float)) and int(r) in by_id]
        good = [r for r in refs if grounding.support(claim, by_id[r].text) >= MIN_SUPPORT]
        if good:
            return sorted(set(good))
        pool = [i for i in entry.get("chunk_ids", []) if i in by_id]
        scored = sorted(((grounding.support(claim, by_id[i].text), i) for i in pool), reverse=True)
        return [scored[0][1]] if scored and scored[0][0] >= MIN_SUPPORT else []

    decisions: list[Item] = []
    open_issues: list[Item] = []
    for d in c.decisions:
        text = clean_sentence(d.get("text", ""))
        refs = source(d, text)
        if not text or not refs:
            continue  # not supported by what was said: dropped
        decided = [r for r in refs if grounding.states_decision(by_id[r].text)]
        if decided and not grounding.states_deferral(text):
            decisions.append(Item(text, decided))
        else:
            open_issues.append(Item(text, refs))  # a proposal or a deferral is not a decision
    for o in c.open_issues:
        text = clean_sentence(o.get("text", ""))
        refs = source(o, text)
        if text and refs:
            open_issues.append(Item(text, refs))

    actions: list[ActionItem] = []
    for a in c.action_items:
        task = clean_sentence(a.get("task", ""), period=False)
        refs = source(a, task)
        if not task or not refs:
            continue
        src = "".join(by_id[r].text for r in refs)
        owner = grounding.match_owner(str(a.get("owner", "")), meeting.attendees, src)
        due = grounding.normalize_due(str(a.get("due", "")), src, meeting_date)
        actions.append(ActionItem(owner=owner, task=task, due=due, refs=refs))

    agenda: list[AgendaItem] = []
    for t in c.topics:
        title = clean_sentence(t.get("title", ""), period=False)
        refs = [int(r) for r in t.get("refs", []) if isinstance(r, (int, float)) and int(r) in by_id]
        if title and refs:
            agenda.append(AgendaItem(title=title, refs=sorted(set(refs))))

    next_meeting = ""
    for n in c.next_meeting:
        refs = source(n, n.get("text", ""))
        src = "".join(by_id[r].text for r in refs) if refs else ""
        if src and "次回" in src:
            next_meeting = describe_next_meeting(src, meeting_date) or clean_sentence(n["text"], period=False)
            break

    decisions = dedupe_items(decisions)
    open_issues = [o for o in dedupe_items(open_issues)
                   if not any(grounding.similar(o.text, d.text) > 0.6 for d in decisions)]
    return Minutes(title=meeting.title, date=meeting.date, place=meeting.place, attendees=list(meeting.attendees),
                   agenda=spread_agenda(dedupe_agenda(agenda), segments), decisions=decisions,
                   action_items=dedupe_actions(actions), open_issues=open_issues, next_meeting=next_meeting,
                   start_time=meeting.start_time, end_time=meeting.end_time)


def clean_sentence(text: str, period: bool = True) -> str:
    text = " ".join(str(text).split()).strip(" 　・-")
    for lead in ("それでは、", "それでは", "では、", "そこで、"):
        if text.startswith(lead):
            text = text[len(lead):]
    if period and text and not text.endswith(("。", "．", ".")):
        text += "。"
    return text


def describe_next_meeting(source_text: str, meeting_date) -> str:
    """'次回の会議は、一月三十日金曜日の午前十時から' -> '2026年1月30日(金) 午前10時から'."""
    norm = grounding.normalize_text(source_text)
    dates = grounding.find_dates(norm)
    if not dates:
        return ""
    year, month, day = dates[0]
    text = grounding.format_date(year or grounding.infer_year(month, meeting_date), month, day)
    wd = next((w for w in "月火水木金土日" if f"{w}曜" in norm), "")
    if wd:
        text += f"({wd})"
    t = re.search(r"(午前|午後)?\s*(\d{1,2})時(?:(\d{1,2})分|半)?", norm)
    if t:
        text += " " + t.group(0) + ("から" if "から" in norm[t.end():t.end() + 3] else "")
    return text


def dedupe_items(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for it in items:
        twin = next((o for o in out if grounding.similar(o.text, it.text) > 0.6 or set(o.refs) == set(it.refs)), None)
        if twin is None:
            out.append(it)
        else:
            twin.refs = sorted(set(twin.refs) | set(it.refs))
            if len(it.text) < len(twin.text):
                twin.text = it.text  # keep the more concise wording
    return out


def dedupe_actions(items: list[ActionItem]) -> list[ActionItem]:
    out: list[ActionItem] = []
    for it in items:
        twin = next((o for o in out if (o.owner == it.owner or not o.owner or not it.owner)
                     and (set(o.refs) & set(it.refs) or grounding.similar(o.task, it.task) > 0.6)), None)
        if twin is None:
            out.append(it)
        else:
            twin.refs = sorted(set(twin.refs) | set(it.refs))
            twin.owner = twin.owner or it.owner
            twin.due = twin.due or it.due
    return out


def dedupe_agenda(items: list[AgendaItem]) -> list[AgendaItem]:
    out: list[AgendaItem] = []
    for it in items:
        twin = next((o for o in out if grounding.similar(o.title, it.title) > 0.5), None)
        if twin is None:
            out.append(it)
        else:
            twin.refs = sorted(set(twin.refs) | set(it.refs))
    return out


def spread_agenda(agenda: list[AgendaItem], segments: list[Segment]) -> list[AgendaItem]:
    """Each topic owns the lines from its first mention to the next topic's first mention."""
    if not agenda:
        return agenda
    order = [s.id for s in segments]
    agenda.sort(key=lambda a: min(a.refs))
    starts = [min(a.refs) for a in agenda]
    for i, item in enumerate(agenda):
        lo = starts[i]
        hi = starts[i + 1] if i + 1 < len(agenda) else order[-1] + 1
        item.refs = sorted(set(item.refs) | {sid for sid in order if lo <= sid < hi})
    return agenda


def validate_minutes(data: dict[str, Any]) -> None:
    schema = json.loads(_load("schemas/minutes.schema.json"))
    jsonschema.validate(data, schema)
