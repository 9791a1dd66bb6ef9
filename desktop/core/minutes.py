"""The minutes pipeline: transcript lines -> kinds -> items -> agenda and summaries.

Small models do better with short, focused questions than with one call over a whole meeting
(one schema call over the sample found about 4 in 10 facts). So the work is split:

1. Each line gets a kind (decision, action, deferral, next meeting, agenda, proposal, other).
   The wording of Japanese meetings often states it outright (「〜とします」「〜してください」
   「次回改めて検討します」); those cues decide (desktop.core.grounding.cue_kind). The model
   classifies the remaining lines, one short call each; the instructions and examples form a
   constant prefix, so llama.cpp's prompt cache makes each call cost only the line's tokens.
2. Each decision, deferral and action line is turned into a minutes sentence, or owner/task/due,
   by a short call that sees only that line and the one before it.
3. Agenda topics come from the line that announces them, and own the lines up to the next one;
   each topic's lines are summarised in 議事録 style.

Every model answer is checked against the line it came from before it is used: an owner must
be an attendee or named in the line, a due date must be said in the line, a sentence must share
its wording with the line, and a decision must be stated as decided there.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Optional

import jsonschema

from . import grounding, paths
from .errors import MinutesGenerationError
from .jobs import CancelToken, ProgressCallback, check, report
from .llm import ContextOverflow, LlamaChat, TruncatedReply
from .reading import plain_request
from .types import ActionItem, AgendaItem, Item, Meeting, Minutes, Segment, Transcript

# A sentence the model wrote must share this much of its wording with its source line.
MIN_SUPPORT = 0.35


def _load(name: str) -> str:
    return paths.resource(*name.split("/")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class MinutesOptions:
    chunk_tokens: int = 1100        # transcript tokens per call that reads many lines
    summaries: bool = True
    summary_reply_tokens: int = 320


class MinutesWriter:
    def __init__(self, chat: LlamaChat, options: MinutesOptions = MinutesOptions()):
        self.chat = chat
        self.options = options
        self.system = _load("prompts/system.txt").strip()
        self.prompts = {name: _load(f"prompts/{name}.txt") for name in
                        ("classify", "classify_line", "action", "statement", "agenda", "topic", "summary")}
        self.schemas = json.loads(_load("schemas/steps.json"))
        # Every checked model answer, by its question: a draft made while the meeting is recorded
        # (desktop.core.draft) asks the same questions the final run asks, so after Stop only the
        # questions about new lines, and the summary of the open topic, reach the model.
        self.answers: dict[tuple, Any] = {}

    # ---- public ----------------------------------------------------------------------------
    def write(self, transcript: Transcript, meeting: Meeting, on_progress: Optional[ProgressCallback] = None,
              cancel: Optional[CancelToken] = None) -> Minutes:
        segments = [s for s in transcript.segments if s.text.strip()]
        total = max(1, len(segments))

        def progress(fraction: float) -> None:
            report(on_progress, "minutes", fraction, 1.0)

        kinds = self.classify(segments, cancel, lambda i: progress(0.5 * i / total))
        minutes = Minutes(title=meeting.title, date=meeting.date, place=meeting.place,
                          attendees=list(meeting.attendees), start_time=meeting.start_time, end_time=meeting.end_time)
        self.extract_items(minutes, segments, kinds, meeting, cancel)
        progress(0.7)
        minutes.agenda = self.agenda(segments, kinds, cancel)
        progress(0.8)
        if self.options.summaries:
            self.summarise(minutes, segments, meeting, cancel)
        progress(1.0)
        validate_minutes(minutes.to_json())
        return minutes

    def prepare(self, transcript: Transcript, meeting: Meeting, cancel: Optional[CancelToken] = None) -> None:
        """Ask now what `write` will ask about this part of a meeting still being recorded.

        Lines already said do not change, so their kinds and items are final; topics that are over
        get their title and summary. The topic still under discussion is left for `write`, unless
        its lines already fill a call (then its prompt no longer changes)."""
        segments = [s for s in transcript.segments if s.text.strip()]
        if not segments:
            return
        kinds = self.classify(segments, cancel)
        self.extract_items(Minutes(), segments, kinds, meeting, cancel)
        scratch = Minutes(agenda=self.agenda(segments, kinds, cancel, settled_only=True))
        if self.options.summaries:
            self.summarise(scratch, segments, meeting, cancel)

    # ---- 1. kinds --------------------------------------------------------------------------
    def classify(self, segments: list[Segment], cancel: Optional[CancelToken] = None,
                 step=lambda i: None) -> dict[int, str]:
        kinds: dict[int, str] = {}
        for i, seg in enumerate(segments):
            check(cancel)
            kinds[seg.id] = grounding.cue_kind(seg.text) or self._classify_by_model(seg.text, cancel, seg.id)
            step(i + 1)
        return kinds

    def _classify_by_model(self, text: str, cancel: Optional[CancelToken], seg_id: int = 0) -> str:
        prompt = self.prompts["classify"] + self.prompts["classify_line"].format(text=text)
        try:
            kind = self._ask(prompt, "classify", 24, cancel, key=seg_id)["kind"]
        except MinutesGenerationError:
            return "other"
        return accept_model_kind(kind, text)

    # ---- 2. items --------------------------------------------------------------------------
    def extract_items(self, minutes: Minutes, segments: list[Segment], kinds: dict[int, str], meeting: Meeting,
                      cancel: Optional[CancelToken]) -> None:
        meeting_date = grounding.parse_iso_date(meeting.date)
        for i, seg in enumerate(segments):
            kind = kinds[seg.id]
            context = segments[max(0, i - 1): i + 1]
            if kind in ("decision", "deferral"):
                check(cancel)
                text = self._statement(seg, cancel)
                target = minutes.decisions if kind == "decision" and not grounding.states_deferral(text) \
                    else minutes.open_issues
                target.append(Item(text, [seg.id]))
            elif kind == "action":
                check(cancel)
                item = self._action(seg, context, meeting, meeting_date, cancel)
                if item is not None:
                    minutes.action_items.append(item)
            elif kind == "next_meeting" and not minutes.next_meeting:
                minutes.next_meeting = describe_next_meeting(seg.text, meeting_date) or clean_sentence(seg.text, False)
        minutes.decisions = dedupe_items(minutes.decisions)
        minutes.open_issues = [o for o in dedupe_items(minutes.open_issues)
                               if not any(set(o.refs) & set(d.refs) for d in minutes.decisions)]
        minutes.action_items = dedupe_actions(minutes.action_items)

    def _statement(self, seg: Segment, cancel: Optional[CancelToken]) -> str:
        # Only the line itself: given its neighbour too, small models merge both into one "decision".
        prompt = self.prompts["statement"].format(line=seg.text)
        try:
            text = clean_sentence(self._ask(prompt, "statement", 160, cancel, key=seg.id)["text"])
        except MinutesGenerationError:
            text = ""
        if not text or grounding.support(text, seg.text) < MIN_SUPPORT or not grounding.numbers_grounded(text, seg.text):
            text = clean_sentence(seg.text)  # the model strayed from the line: the line itself is safer
        return text

    def _action(self, seg: Segment, context: list[Segment], meeting: Meeting, meeting_date,
                cancel: Optional[CancelToken]) -> Optional[ActionItem]:
        prompt = self.prompts["action"].format(lines=_lines(context),
                                               attendees="、".join(meeting.attendees) or "（不明）")
        try:
            data = self._ask(prompt, "action", 160, cancel)
        except MinutesGenerationError:
            data = {"owner": "", "task": "", "due": ""}
        # The addressee opens the request's line, or the line before it when Whisper split the sentence.
        owner = next((o for o in (grounding.owner_in_line(s.text, meeting.attendees) for s in reversed(context)) if o), "") \
            or grounding.match_owner(str(data.get("owner", "")), meeting.attendees, seg.text)
        spoken = "".join(s.text for s in context)
        if not owner or (grounding.strip_title(owner) not in spoken
                         and not any(grounding.owner_in_line(s.text, [owner]) for s in context)):
            return None  # nobody is addressed in what was said (a quoted request, an aside): no task
        task = without_due(clean_sentence(str(data.get("task", "")), period=False))
        said = task_from_line(seg.text, owner)
        if (not task or grounding.support(task, seg.text) < MIN_SUPPORT or not grounding.numbers_grounded(task, seg.text)
                or len(task) < min(8, len(said) // 2)):
            task = said  # the model strayed, or kept only the verb (「送付する」): the line's own words
        task = _REQUEST_TAIL.sub("する", plain_request(task))
        due = grounding.normalize_due(str(data.get("due", "")), seg.text, meeting_date)
        return ActionItem(owner=owner, task=task, due=due, refs=[seg.id])

    # ---- 3. agenda -------------------------------------------------------------------------
    def agenda(self, segments: list[Segment], kinds: dict[int, str], cancel: Optional[CancelToken],
               settled_only: bool = False) -> list[AgendaItem]:
        """`settled_only`: leave out the last topic while its lines may still grow (a draft)."""
        if not segments:
            return []
        intro = next((s for s in segments if kinds[s.id] == "agenda" and "議題" in s.text), None)
        titles: list[str] = []
        if intro is not None:
            check(cancel)
            try:
                proposed = self._ask(self.prompts["agenda"].format(lines=_lines([intro])), "agenda", 200, cancel)["titles"]
            except MinutesGenerationError:
                proposed = []
            titles = [clean_sentence(t, False) for t in proposed
                      if t.strip() and grounding.support(t, intro.text) >= 0.5]
        starts = topic_starts(titles, segments, intro)
        if not titles:
            # No announced agenda: each line that moves to a new matter starts a topic, titled by the model.
            starts = [s.id for s in segments if kinds[s.id] == "agenda"] or [segments[0].id]
        blocks = _blocks(segments, starts)
        if settled_only and blocks and self._growing(blocks[-1]):
            blocks = blocks[:-1]
            titles = titles[:len(blocks)]
        if not titles:
            titles = [self._topic_title(block, cancel) for block in blocks]
        return [AgendaItem(title=title, refs=[s.id for s in block]) for title, block in zip(titles, blocks) if title]

    def _growing(self, block: list[Segment]) -> bool:
        """The last topic of a meeting still going on, while a call about it would see new lines."""
        return len(self._fit(block)) == len(block)

    def _topic_title(self, block: list[Segment], cancel: Optional[CancelToken]) -> str:
        lines = self._fit(block)
        try:
            title = self._ask(self.prompts["topic"].format(lines=_lines(lines)), "topic", 60, cancel)["title"]
        except MinutesGenerationError:
            return ""
        title = clean_sentence(title, False)
        return title if grounding.support(title, "".join(s.text for s in block)) >= 0.5 else ""

    # ---- summaries -------------------------------------------------------------------------
    def summarise(self, minutes: Minutes, segments: list[Segment], meeting: Meeting,
                  cancel: Optional[CancelToken]) -> None:
        by_id = {s.id: s for s in segments}
        for item in minutes.agenda:
            check(cancel)
            lines = self._fit([by_id[r] for r in item.refs if r in by_id])
            if not lines:
                continue
            prompt = self.prompts["summary"].format(title=meeting.title or "（未設定）", topic=item.title,
                                                    lines=_lines(lines))
            try:
                summary = self._ask(prompt, "summary", self.options.summary_reply_tokens, cancel)["summary"]
            except MinutesGenerationError:
                continue  # a missing summary is better than no minutes; the clerk writes it
            source = meeting.title + "".join(s.text for s in lines)
            if grounding.support(summary, source) >= MIN_SUPPORT and grounding.numbers_grounded(summary, source):
                item.summary = summary.strip()

    def _fit(self, lines: list[Segment]) -> list[Segment]:
        """The first lines of a block that fit one call's budget (the model's own token count)."""
        out, used = [], 0
        for s in lines:
            cost = self.chat.count_tokens(format_line(s)) + 1
            if out and used + cost > self.options.chunk_tokens:
                break
            out.append(s)
            used += cost
        return out

    # ---- the one way we talk to the model --------------------------------------------------
    def _ask(self, prompt: str, step: str, max_tokens: int, cancel: Optional[CancelToken], key: Any = None) -> Any:
        """One schema-constrained call, validated; one retry on invalid or cut output, then an error.

        `key` tells apart questions whose prompt does not show the line's id: the same words said
        twice in a meeting are two questions (the answer may be reused, never shared by accident)."""
        memo = (step, key, prompt)
        if memo in self.answers:
            answer = self.answers[memo]
            if isinstance(answer, MinutesGenerationError):
                raise answer
            return copy.deepcopy(answer)
        try:
            answer = self._ask_model(prompt, step, max_tokens, cancel)
        except MinutesGenerationError as exc:
            self.answers[memo] = exc
            raise
        self.answers[memo] = answer
        return copy.deepcopy(answer)

    def _ask_model(self, prompt: str, step: str, max_tokens: int, cancel: Optional[CancelToken]) -> Any:
        schema = self.schemas[step]
        messages = [{"role": "system", "content": self.system}, {"role": "user", "content": prompt}]
        last = ""
        for attempt in range(2):
            try:
                data = self.chat.complete_json(messages, schema, max_tokens * (attempt + 1), cancel=cancel,
                                               temperature=0.0 if attempt == 0 else 0.3, lane=step)
                jsonschema.validate(data, schema)
                return data
            except (ValueError, jsonschema.ValidationError, TruncatedReply, ContextOverflow) as exc:
                last = type(exc).__name__  # never the model's text: it quotes the meeting, and this reaches the log
        raise MinutesGenerationError(f"{step}: invalid model output twice ({last})")


# ---- pure parts, tested without a model ---------------------------------------------------------
def format_line(seg: Segment) -> str:
    who = f"{seg.speaker}: " if seg.speaker else ""
    return f"[{seg.id}] {who}{seg.text}"


def _lines(segments: list[Segment]) -> str:
    return "\n".join(format_line(s) for s in segments)


def accept_model_kind(kind: str, text: str) -> str:
    """The model's kind for a line without clear cues, kept only where the line can bear it."""
    norm = grounding.normalize_text(text)
    if kind == "decision":
        # A decision must be stated as decided: a proposal, a question or an opinion is not one.
        return "proposal" if any(c in norm for c in grounding.NOT_DECIDED) or norm.endswith("か。") else "decision"
    if kind == "next_meeting":
        return kind if grounding.find_dates(norm) else "other"
    return kind if kind in grounding.KINDS else "other"


def topic_starts(titles: list[str], segments: list[Segment], intro: Optional[Segment]) -> list[int]:
    """Where each announced topic's discussion starts: its ordinal (「二点目」) or its first mention."""
    if not titles or intro is None:
        return []
    after = [s for s in segments if s.id > intro.id]
    starts: list[int] = []
    for n, title in enumerate(titles, 1):
        lo = starts[-1] if starts else intro.id
        ordinal = (f"{n}点目", f"{n}つ目", f"第{n}", f"{n}番目")
        found = next((s.id for s in after if s.id > lo and any(o in grounding.normalize_text(s.text) for o in ordinal)),
                     None)
        if found is None:
            found = next((s.id for s in after if s.id > lo and grounding.support(title, s.text) >= 0.5), None)
        if found is None:
            found = lo + 1 if n > 1 else intro.id
        starts.append(found)
    # The first topic's discussion begins right after the announcement if nothing says otherwise.
    return starts


def _blocks(segments: list[Segment], starts: list[int]) -> list[list[Segment]]:
    blocks = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else None
        blocks.append([s for s in segments if s.id >= start and (end is None or s.id < end)])
    return blocks


def clean_sentence(text: str, period: bool = True) -> str:
    text = " ".join(str(text).split()).strip(" 　・-")
    for lead in ("それでは、", "それでは", "では、", "そこで、", "じゃあ、"):
        if text.startswith(lead):
            text = text[len(lead):]
    if period and text and not text.endswith(("。", "．", ".")):
        text += "。"
    return text


_REQUEST_TAIL = re.compile(r"(して(ください|下さい|いただけますか|もらえますか)|をお願い(します|いたします))。?$")


def task_from_line(line: str, owner: str = "") -> str:
    """The requested work as said: 「松本主任は、周知文を作成してください。」-> 「周知文を作成する」."""
    text = clean_sentence(line, period=False).rstrip("。")
    m = re.match(r"^.{1,14}?(?:は|には)、", text)
    if m is None and owner:
        # 「小林主任は要求資料を…」 without the comma: the addressee is the opening words up to は.
        m = re.match(r"^.{0,6}?" + re.escape(grounding.strip_title(owner)[:1]) + r".{0,8}?(?:は|には)、?", text)
    if m:
        text = text[m.end():]
    return _REQUEST_TAIL.sub("する", plain_request(without_due(text))).strip("、 ") or clean_sentence(line, False)


_DUE_PHRASE = re.compile(r"(も)?、?(?:\d{1,2}月\d{1,2}日|[〇一二三四五六七八九十]+月[〇一二三四五六七八九十]+日|\d{1,2}/\d{1,2}"
                         r"|月末|来週中|今週中|週明け)(?:頃|ごろ)?まで(?:に)?、?")


def without_due(task: str) -> str:
    """The deadline has its own column: 「周知文も12月12日までに作成する」-> 「周知文を作成する」."""
    def cut(m: re.Match) -> str:
        if m.group(1):
            return "を"  # 「案内文も七月三十一日までに送付」: the も belonged to the deadline's phrasing
        # "届き次第、一月十六日までに報告" keeps its clause comma; "周知文を、十二月十二日までに" does not.
        before = task[:m.start()]
        return "、" if m.group(0).startswith("、") and before and not before.endswith(("を", "は", "も")) else ""

    out = _DUE_PHRASE.sub(cut, task).strip("、 ")
    return out or task


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
        twin = next((o for o in out if grounding.similar(o.text, it.text) > 0.6), None)
        if twin is None:
            out.append(it)
        else:
            twin.refs = sorted(set(twin.refs) | set(it.refs))
    return out


def dedupe_actions(items: list[ActionItem]) -> list[ActionItem]:
    out: list[ActionItem] = []
    for it in items:
        twin = next((o for o in out if o.owner == it.owner and grounding.similar(o.task, it.task) > 0.6), None)
        if twin is None:
            out.append(it)
        else:
            twin.refs = sorted(set(twin.refs) | set(it.refs))
            twin.due = twin.due or it.due
    return out


def validate_minutes(data: dict[str, Any]) -> None:
    jsonschema.validate(data, json.loads(_load("schemas/minutes.schema.json")))
