"""The agenda and its summaries: which topics the meeting took up, the lines each owns, and each
topic's 議事概要 in a few sentences.

Topics come from the lines that announce them (「本日の議題は、AとBの二点です」, or each item taken
up in turn: 「次に、議案第八号…を議題といたします」); with no announcement, each line the model
marked as moving to a new matter starts one, titled by the model. A topic owns its lines up to the
next. Its summary reads the topic whole when it fits the summary's token budget, else the gist
(`gist`): the summary is the costliest call of the minutes (hundreds of tokens read, a hundred or
more written), so what it reads is chosen, not cut at the budget.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Callable, Optional

from . import cues, grounding, japanese
from .errors import MinutesGenerationError
from .jobs import CancelToken, check
from .mishearing import without_misheard
from .types import AgendaItem, Meeting, Minutes, Segment
from .wording import clean_sentence, format_line, lines_text, tidy_summary, topic_blocks, topic_starts

log = logging.getLogger("gijiroku.minutes")

# A sentence the model wrote (a summary, a decision, a task) must share this much of its wording with its source.
MIN_SUPPORT = 0.35

Ask = Callable[[str, str, int, Optional[CancelToken]], Any]


# The opening that counts the matters before listing them (「今日は三つあります。Aと、Bと、Cです」「本日は
# AとBの二点です」): among the first lines, said by whoever opens (or marked by the model as the agenda).
_COUNTED = re.compile(r"(?:[二三四五六七八九2-9]|ふた|みっ|よっ)(?:つ|点|件)(?:です|あります|ございます|になります"
                      # counted with what the meeting will do with them: 「…、この二つを相談したいと思います」
                      r"|(?:を|について)、?(?:協議|審議|議論|検討|相談|話し合|ご?報告|ご?説明))")
# The count that points back at the list said before it (「この二つを…」), which Whisper may end a line early.
_POINTING = re.compile(r"^(?:この|以上の|その)")
_OPENING_LINES = 8
_TODAY = re.compile(r"(?:[^。]{0,6}、)?(?:今日|本日|きょう)")
# What is counted names the matters (「今日の話は二つです」, with 今日 misheard as 影響 on the tuning meeting
# shisetsu): the count alone then says the line lists the agenda.
_MATTERS = re.compile(r"(?:話|議題|案件|議事|用件|テーマ|協議事項|報告事項)は、?$")
# The opening that lists the matters without counting them: 「本日は、会期日程、一般質問の順序、それから
# 意見書案の取扱いについて協議いたします」 (giun), 「本日は、AとBについて協議します」 (yosan).
_LISTED = re.compile(r"について、?(?:協議|審議|議論|検討|審査|話し合い?|意見交換|ご?報告|ご?説明|ご?相談)"
                     r"(?:を)?(?:いた)?(?:します|いただきます|したいと思います|しましょう|お願いします)[。]?$")


def _counted_intro(segments: list[Segment], kinds: dict[int, str]) -> Optional[Segment]:
    """The line that counts and lists the meeting's matters, joined with the next line when it only
    counts them (「今日は三つあります。」 and the list said after it, or split off by Whisper)."""
    for i, s in enumerate(segments[:_OPENING_LINES]):
        text = japanese.normalize_text(s.text)
        count = _COUNTED.search(text)
        if not count:
            continue
        counting = text[text.rfind("。", 0, count.start()) + 1:]  # 「では、始めます。今日は…二つです」
        if i and _POINTING.match(counting.strip("、 ")) and _TODAY.match(japanese.normalize_text(segments[i - 1].text)):
            before = segments[i - 1]  # 「今日は、AとB。」|「この二つを相談したいと思います。」
            return Segment(s.id, before.start, s.end, before.text + s.text, speaker=before.speaker)
        if not (kinds.get(s.id) == "agenda" or _TODAY.match(counting) or _MATTERS.search(text[:count.start()])):
            continue
        if "、" in text[:count.start()] or text[count.end():].strip("。、 ") or i + 1 >= len(segments):
            return s
        after = segments[i + 1]
        return Segment(after.id, s.start, after.end, s.text + after.text, speaker=s.speaker)
    return None


def _listed_intro(segments: list[Segment]) -> Optional[Segment]:
    """Among the first lines, today's matters listed and what the meeting will do with them."""
    for s in segments[:_OPENING_LINES]:
        text = japanese.normalize_text(s.text)
        if _TODAY.match(text) and any(_LISTED.search(x + "。") for x in cues.sentences(text)):
            return s
    return None


class TopicWriter:
    """Writes the agenda and the topics' summaries through `ask` (MinutesWriter's one checked,
    remembered model call) and the model's own token count."""

    def __init__(self, ask: Ask, count_tokens: Callable[[str], int], prompts: dict[str, str],
                 summary_tokens: int, title_tokens: int, reply_tokens: int):
        self.ask = ask
        self.count_tokens = count_tokens
        self.prompts = prompts
        self.summary_tokens = summary_tokens
        self.title_tokens = title_tokens
        self.reply_tokens = reply_tokens

    # ---- the agenda ------------------------------------------------------------------------
    def agenda(self, segments: list[Segment], kinds: dict[int, str], cancel: Optional[CancelToken],
               settled_only: bool = False) -> list[AgendaItem]:
        """`settled_only`: leave out the last topic while its lines may still grow (a draft)."""
        if not segments:
            return []
        intro = next((s for s in segments if kinds[s.id] == "agenda" and "議題" in s.text), None) \
            or _counted_intro(segments, kinds) or _listed_intro(segments)
        taken = [(s, clean_sentence(t, False)) for s in segments if (t := cues.taken_up(s.text))]
        if taken and (intro is None or cues.taken_up(intro.text)):
            # Each item is taken up in turn (「次に、議案第八号…を議題といたします」): the chair's own
            # words are its title, and it owns the lines up to the next one.
            intro = None
            titles = [t for _, t in taken]
            starts = [s.id for s, _ in taken]
        else:
            titles = self._announced_titles(intro, cancel) if intro is not None else []
            starts = topic_starts(titles, segments, intro)
            if not titles:
                # No announced agenda: each line that moves to a new matter starts a topic, titled by the model.
                starts = [s.id for s in segments if kinds[s.id] == "agenda"] or [segments[0].id]
        blocks = topic_blocks(segments, starts)
        if settled_only and blocks:
            blocks = blocks[:-1]
            titles = titles[:len(blocks)]
        if not titles:
            titles = [self._topic_title(block, cancel) for block in blocks]
        # An announced topic the recording never reaches (it was stopped early, or the talk skipped it)
        # stays on the agenda, sourced to the line that announced it.
        return [AgendaItem(title=title, refs=[s.id for s in block] or [intro.id])
                for title, block in zip(titles, blocks) if title and (block or intro is not None)]

    def _announced_titles(self, intro: Segment, cancel: Optional[CancelToken]) -> list[str]:
        """The topics a line lists (「本日の議題は、AとBの二点です」), as said in it."""
        check(cancel)
        try:
            proposed = self.ask(self.prompts["agenda"].format(lines=lines_text([intro])), "agenda", 200,
                                cancel)["titles"]
        except MinutesGenerationError:
            return []
        return [clean_sentence(t, False) for t in proposed if t.strip() and grounding.support(t, intro.text) >= 0.5]

    def _topic_title(self, block: list[Segment], cancel: Optional[CancelToken]) -> str:
        lines = self.fit(block, self.title_tokens)
        try:
            title = self.ask(self.prompts["topic"].format(lines=lines_text(lines)), "topic", 60, cancel)["title"]
        except MinutesGenerationError:
            return ""
        title = clean_sentence(title, False)
        return title if grounding.support(title, "".join(s.text for s in block)) >= 0.5 else ""

    # ---- the summaries ---------------------------------------------------------------------
    def summarise(self, minutes: Minutes, segments: list[Segment], kinds: dict[int, str], meeting: Meeting,
                  cancel: Optional[CancelToken], step=lambda i: None) -> None:
        by_id = {s.id: s for s in segments}
        for n, item in enumerate(minutes.agenda):
            check(cancel)
            step(n)
            block = [by_id[r] for r in item.refs if r in by_id]
            if all(kinds.get(s.id) == "agenda" for s in block):
                continue  # only the announcement: nothing was discussed to summarise
            lines = self.gist(block, kinds)
            if not lines:
                continue
            if len(lines) < len(block):
                log.info("topic %d summarised from %d of its %d lines", n + 1, len(lines), len(block))
            prompt = self.prompts["summary"].format(title=meeting.title or "（未設定）", topic=item.title,
                                                    lines=lines_text(lines))
            try:
                summary = self.ask(prompt, "summary", self.reply_tokens, cancel)["summary"]
            except MinutesGenerationError:
                continue  # a missing summary is better than no minutes; the clerk writes it
            tidied = tidy_summary(summary)
            summary = without_misheard(tidied)
            if summary != tidied:
                log.info("topic %d: summary sentence(s) holding a misheard word left out", n + 1)
            source = meeting.title + "".join(s.text for s in lines)
            if (summary and grounding.support(summary, source) >= MIN_SUPPORT
                    and grounding.numbers_grounded(summary, source)):
                item.summary = summary.strip()

    def gist(self, block: list[Segment], kinds: dict[int, str]) -> list[Segment]:
        """The lines a topic's summary reads, in the order said, within the summary's token budget.

        A topic that fits is read whole. A longer one (an hour's single topic is hundreds of lines)
        is read for what the minutes turn on, not for its first few minutes: the opening lines,
        then every line with a kind (decided, put off, asked, proposed), then lines with figures,
        then the rest from the start, as long as the budget lasts."""
        costs = [self.count_tokens(format_line(s)) + 1 for s in block]
        if sum(costs) <= self.summary_tokens:
            return block

        def rank(i: int) -> int:
            if i < 2:
                return 0
            if kinds.get(block[i].id, "other") != "other":
                return 1
            return 2 if re.search(r"\d", japanese.normalize_text(block[i].text)) else 3

        chosen, used = set(), 0
        for i in sorted(range(len(block)), key=lambda i: (rank(i), i)):
            if used + costs[i] <= self.summary_tokens:
                chosen.add(i)
                used += costs[i]
        return [block[i] for i in sorted(chosen)]

    def fit(self, lines: list[Segment], budget: int) -> list[Segment]:
        """The first lines of a block that fit `budget` (the model's own token count)."""
        out, used = [], 0
        for s in lines:
            cost = self.count_tokens(format_line(s)) + 1
            if out and used + cost > budget:
                break
            out.append(s)
            used += cost
        return out
