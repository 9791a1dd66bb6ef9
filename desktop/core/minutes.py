"""The minutes pipeline: transcript lines -> kinds -> items -> agenda and summaries.

Small models do better with short, focused questions than with one call over a whole meeting
(one schema call over the sample found about 4 in 10 facts). So the work is split:

1. Each line gets a kind (decision, action, deferral, next meeting, agenda, proposal, other).
   The wording of Japanese meetings often states it outright (「〜とします」「〜してください」
   「次回改めて検討します」); those cues decide (desktop.core.cues.cue_kind). A line whose kind
   could not change the minutes whatever the model said (no date, no one named, nothing decided or
   put off: desktop.core.triage) is "other" without a call. The model classifies the rest, one
   short call each; the instructions and examples form a constant prefix, so llama.cpp's prompt
   cache makes each call cost only the line's tokens.
2. Each decision, deferral and action line becomes a minutes sentence (a formal decision as said), or
   owner/task/due, by a short call on that line and the one before it.
3. Agenda topics come from the lines that announce them, and own the lines up to the next; each is
   summarised in 議事録 style (desktop.core.topics).

Every model answer is checked against the line it came from before it is used: an owner must
be an attendee or named in the line, a due date must be said in the line, a sentence must share
its wording with the line, and a decision must be stated as decided there.
"""
from __future__ import annotations

import copy
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Optional

import jsonschema

from . import cues, grounding, japanese, names, paths, settling, triage
from .errors import MinutesGenerationError
from .jobs import CancelToken, ProgressCallback, check, report
from .chat import ChatModel, ContextOverflow, TruncatedReply
from .coverage import heard
from .orthography import respell_minutes
from .reading import plain_request
from .topics import MIN_SUPPORT, TopicWriter
from .wording import (accept_model_kind, clean_sentence, dedupe_actions, dedupe_items, describe_next_meeting,
                      lines_text, own_task, reply_to, requested_part, task_from_line, without_addressee,
                      without_due)
from .types import ActionItem, Item, Meeting, Minutes, Segment, Transcript

log = logging.getLogger("gijiroku.minutes")



def _load(name: str) -> str:
    return paths.resource(*name.split("/")).read_text(encoding="utf-8")


@dataclass(frozen=True)
class MinutesOptions:
    summary_tokens: int = 700       # transcript tokens a topic's summary reads (the topic's gist beyond that)
    title_tokens: int = 300         # transcript tokens a topic's title is made from (its opening lines)
    summaries: bool = True
    summary_reply_tokens: int = 320


_NUMBERED_ITEM = re.compile(r"第\s*[\d〇一二三四五六七八九十百]+\s*号")


# A sentence Whisper cut at a pause runs on within this many seconds. The two halves may carry
# different voices: a short piece gives the voice model little to go on, and on the tuning meeting
# toshi the chair's 「よって、議案第52号は、」 (three seconds) was put to another voice five times of five,
# 0.0-0.7 s before the chair's 「原案のとおり可決すべきものと決しました」.
_RUNS_ON_S = 1.0


def _cut_before(before: Segment, line: Segment) -> bool:
    """`before` is the opening of `line`'s sentence: the same voice or no pause between, no sentence
    end between, and the line itself names no numbered item (議案第13号) that the opening would be
    needed for."""
    return ((before.speaker == line.speaker or line.start - before.end <= _RUNS_ON_S)
            and not re.search(r"[。？！?!]$", before.text.strip())
            and not _NUMBERED_ITEM.search(line.text) and bool(_NUMBERED_ITEM.search(before.text)))


class MinutesWriter:
    def __init__(self, chat: ChatModel, options: MinutesOptions = MinutesOptions()):
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
        self.classified: dict[str, int] = {}  # how the last run's lines got their kind (for benchmarks)
        self.topics = TopicWriter(self._ask, chat.count_tokens, self.prompts, options.summary_tokens,
                                  options.title_tokens, options.summary_reply_tokens)

    # ---- public ----------------------------------------------------------------------------
    def write(self, transcript: Transcript, meeting: Meeting, on_progress: Optional[ProgressCallback] = None,
              cancel: Optional[CancelToken] = None) -> Minutes:
        segments = [s for s in heard(transcript.segments) if s.text.strip()]
        total = max(1, len(segments))

        def progress(fraction: float) -> None:
            report(on_progress, "minutes", fraction, 1.0)

        kinds = self.classify(segments, meeting, cancel, lambda i: progress(0.5 * i / total))
        minutes = Minutes(title=meeting.title, date=meeting.date, place=meeting.place,
                          attendees=list(meeting.attendees), recorder=meeting.recorder,
                          start_time=meeting.start_time, end_time=meeting.end_time,
                          absentees=list(meeting.absentees), materials=list(meeting.materials))
        # Every phase reports as it goes: a bar that stood still through the summaries (the longest
        # calls) looked frozen at 50%.
        self.extract_items(minutes, segments, kinds, meeting, cancel, lambda i: progress(0.5 + 0.2 * i / total))
        minutes.agenda = self.topics.agenda(segments, kinds, cancel)
        progress(0.75)
        if self.options.summaries:
            topics = max(1, len(minutes.agenda))
            self.topics.summarise(minutes, segments, kinds, meeting, cancel,
                                  lambda i: progress(0.75 + 0.25 * i / topics))
        progress(1.0)
        # The model writes 「ご報告致します」 where the transcript it read says 「ご報告いたします」.
        respell_minutes(minutes)
        self.validate(minutes)
        return minutes

    @staticmethod
    def validate(minutes: Minutes) -> None:
        """The minutes as a whole match their schema (the last check before they are saved)."""
        jsonschema.validate(minutes.to_json(), json.loads(_load("schemas/minutes.schema.json")))

    def prepare(self, transcript: Transcript, meeting: Meeting, cancel: Optional[CancelToken] = None) -> None:
        """Ask now what `write` will ask about this part of a meeting still being recorded.

        Lines already said do not change, so their kinds and items are final; topics that are over
        get their title and summary. The topic still under discussion is left for `write`: its
        summary's lines change with every decision or request said in it."""
        segments = [s for s in heard(transcript.segments) if s.text.strip()]
        if not segments:
            return
        kinds = self.classify(segments, meeting, cancel)
        self.extract_items(Minutes(), segments, kinds, meeting, cancel)
        scratch = Minutes(agenda=self.topics.agenda(segments, kinds, cancel, settled_only=True))
        if self.options.summaries:
            self.topics.summarise(scratch, segments, kinds, meeting, cancel)

    # ---- 1. kinds --------------------------------------------------------------------------
    def classify(self, segments: list[Segment], meeting: Meeting, cancel: Optional[CancelToken] = None,
                 step=lambda i: None) -> dict[int, str]:
        """Each line's kind: by its wording where that settles it, else by the model. A line no kind
        could come of (desktop.core.triage) is "other" without a call: most of a meeting."""
        kinds: dict[int, str] = {}
        by = {"wording": 0, "left": 0, "model": 0}
        for i, seg in enumerate(segments):
            check(cancel)
            kind = cues.cue_kind(seg.text)
            if kind:
                by["wording"] += 1
            elif not triage.needs_model(seg.text, [s.text for s in segments[max(0, i - 1):i]], meeting.attendees):
                kind = "other"
                by["left"] += 1
            else:
                kind = self._classify_by_model(seg.text, cancel, seg.id)
                by["model"] += 1
            kinds[seg.id] = kind
            step(i + 1)
        self.classified = by
        log.info("line kinds: %d by wording, %d left as other, %d by the model", by["wording"], by["left"], by["model"])
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
                      cancel: Optional[CancelToken], step=lambda i: None) -> None:
        meeting_date = japanese.parse_iso_date(meeting.date)
        for i, seg in enumerate(segments):
            step(i)
            kind = kinds[seg.id]
            context = segments[max(0, i - 1): i + 1]
            if kind in ("decision", "deferral"):
                check(cancel)
                refs = [seg.id]
                cut = segments[i - 1] if i and _cut_before(segments[i - 1], seg) else None
                put = _question_before(segments, i) if settling.points_back(seg.text) else None
                if cut is not None and settling.formally_decided(cut.text + seg.text):
                    # 「よって議案第13号のうち」|「…部分は原案のとおり可決すべきものと決しました」: Whisper cut the
                    # formula from the item it decides; the sentence is written whole, from both lines.
                    text, refs = settling.formally_decided(cut.text + seg.text), [cut.id, seg.id]
                elif put is not None:
                    text, refs = settling.question_put(put.text) + "に決定した。", [put.id, seg.id]
                elif settling.goes_with(seg.text):
                    # 「じゃあ、その日程で進めましょう」 settles the proposal made before it, or nothing a
                    # reader of the minutes could use.
                    if (made := _proposal_before(segments, i)) is None:
                        continue
                    text, refs = settling.proposal(made.text) + "で進めることとした。", [made.id, seg.id]
                else:
                    text = self._statement(seg, cancel)
                target = minutes.decisions if kind == "decision" and not settling.states_deferral(text) \
                    else minutes.open_issues
                target.append(Item(text, refs))
            elif kind == "action" and any(seg.id in a.refs for a in minutes.action_items) \
                    and not cues.FIRST_PERSON.search(seg.text):
                continue  # the reply that took on a request already written (「来週までにお送りします」)
            elif kind == "action":
                check(cancel)
                item = self._action(seg, context, meeting, meeting_date, cancel, reply_to(seg, segments[i + 1:i + 5]),
                                    segments[i + 1] if i + 1 < len(segments) else None)
                if item is not None:
                    minutes.action_items.append(item)
                # 「研修は十六日に決めます。全員が出られるように調整してください。」 decides, then asks.
                minutes.decisions += [Item(settling.formally_decided(x) or clean_sentence(x), [seg.id])
                                      for x in cues.decided_sentences(seg.text)]
            elif kind == "next_meeting" and not minutes.next_meeting:
                minutes.next_meeting = describe_next_meeting(seg.text, meeting_date) or clean_sentence(seg.text, False)
        minutes.decisions = dedupe_items(minutes.decisions)
        minutes.open_issues = [o for o in dedupe_items(minutes.open_issues)
                               if not any(set(o.refs) & set(d.refs) for d in minutes.decisions)]
        minutes.action_items = dedupe_actions(minutes.action_items)

    def _statement(self, seg: Segment, cancel: Optional[CancelToken]) -> str:
        if formal := settling.formally_decided(seg.text):
            return formal  # 「…可決すべきものと決しました」 is the minutes' sentence as said
        # Only the line itself: given its neighbour too, small models merge both into one "decision".
        prompt = self.prompts["statement"].format(line=seg.text)
        try:
            text = clean_sentence(self._ask(prompt, "statement", 160, cancel, key=seg.id)["text"])
        except MinutesGenerationError:
            text = ""
        if (
            not text
            or grounding.support(text, seg.text) < MIN_SUPPORT
            or not grounding.numbers_grounded(text, seg.text)
            or not grounding.item_numbers_kept(text, seg.text)
        ):
            # The model strayed from the line, or dropped which bill it was about (「第13号」): the
            # line itself is safer.
            text = clean_sentence(seg.text)
        return text

    def _action(self, seg: Segment, context: list[Segment], meeting: Meeting, meeting_date,
                cancel: Optional[CancelToken], reply: list[Segment] = (),
                next_line: Optional[Segment] = None) -> Optional[ActionItem]:
        """`reply`: the lines that accept a request (「はい、やっておきます。九月五日までに…」), where
        the due date is often said; `next_line`: where 「私のほうでやります」 goes on to say what."""
        self_assigned = bool(seg.speaker) and cues.takes_on(seg.text) and not cues.requests(seg.text)
        following = next_line.text if next_line is not None and next_line.speaker == seg.speaker else ""
        mine = own_task(seg.text, following) if self_assigned else ""
        if not self_assigned and cues.gives_floor(seg.text):
            return None  # 「〇〇課長、ご説明をお願いします」 hands the floor: nothing is left to do later
        # Asked of nobody by name (「一覧にしていただけますか」「はい、今週中にお届けします」): whoever took it on.
        taker = (names.match_owner(reply[0].speaker, meeting.attendees)
                 if reply and reply[0].speaker != seg.speaker else "")
        group = "" if self_assigned else names.group_in_line(seg.text)   # 「各課で、…いただけますか」
        if (not self_assigned and not taker and not group
                and not triage.names_someone([s.text for s in context], meeting.attendees)):
            return None  # nobody is named to give it to, nor took it on: no owner would hold
        addressee = group or names.owner_in_line(seg.text, meeting.attendees)
        plain = task_from_line(seg.text, addressee) if addressee and not self_assigned else ""
        if mine:
            data = {"owner": "", "task": mine, "due": ""}  # taken on in so many words: the wording settles it
        elif (plain and re.search(r"[てで](?:ください|下さい)。?$", seg.text) and "。" not in plain
                and not plain.endswith(("ください", "下さい")) and len(plain) <= 40):
            # 「高橋係長は、案内文を七月三十一日までに送付してください。」: the addressee opens the line
            # and the request closes it; the wording settles owner, task and due without a call.
            data = {"owner": addressee, "task": plain, "due": ""}
        else:
            prompt = self.prompts["action"].format(lines=lines_text(context),
                                                   attendees="、".join(meeting.attendees) or "（不明）")
            try:
                data = self._ask(prompt, "action", 160, cancel)
            except MinutesGenerationError:
                data = {"owner": "", "task": "", "due": ""}
        if self_assigned:
            # 「私が担当し…用意します」: whoever said it (a name given to the voice, or 話者N until one is).
            owner = names.match_owner(seg.speaker, meeting.attendees)
        else:
            # The addressee opens the request's line, or the line before it when Whisper split the sentence.
            owner = group or next(
                (o for o in (names.owner_in_line(s.text, meeting.attendees) for s in reversed(context)) if o), ""
            ) or names.match_owner(str(data.get("owner", "")), meeting.attendees, seg.text)
            spoken = "".join(s.text for s in context)
            if not owner or (names.strip_title(owner) not in spoken
                             and not any(names.owner_in_line(s.text, [owner]) for s in context)):
                owner = taker  # nobody is addressed in what was said (a quoted request, an aside): no task
                if not owner:  # unless someone took it on
                    return None
        task = without_due(clean_sentence(str(data.get("task", "")), period=False))
        said, asked = task_from_line(seg.text, owner), requested_part(seg.text)
        if not mine and (
            not task
            or grounding.support(task, asked) < MIN_SUPPORT  # not the request the line makes, or not said
            or not grounding.numbers_grounded(task, seg.text)
            or len(task) < min(8, len(said) // 2)
        ):
            task = said  # the model strayed, or kept only the verb (「送付する」): the line's own words
        task = cues.REQUEST_TAIL.sub("する", plain_request(without_addressee(task, owner)))
        due = japanese.normalize_due(str(data.get("due", "")), seg.text + (following if mine else ""), meeting_date)
        if not due and context[:-1]:
            due = japanese.due_by_then(seg.text, context[0].text, meeting_date)  # 「それまでに」: the line before
        refs = [seg.id] + ([s.id for s in reply] if owner == taker else [])
        if not due and reply:
            due = japanese.normalize_due(str(data.get("due", "")), "".join(s.text for s in reply), meeting_date)
            refs += [s.id for s in reply] if due and owner != taker else []
        return ActionItem(owner=owner, task=task, due=due, refs=refs)

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


def _proposal_before(segments: list[Segment], i: int) -> Optional[Segment]:
    """The proposal that 「その日程で進めましょう」 in segments[i] settles: one of the six lines before it
    (the talk about it comes between)."""
    for seg in reversed(segments[max(0, i - 6):i]):
        if settling.proposal(seg.text):
            return seg
    return None


def _question_before(segments: list[Segment], i: int) -> Optional[Segment]:
    """The chair's question to the room that the decision in segments[i] answers: one of the three
    lines before it (the room's 「異議なし」 may come between)."""
    for seg in reversed(segments[max(0, i - 3):i]):
        if settling.question_put(seg.text):
            return seg
    return None
