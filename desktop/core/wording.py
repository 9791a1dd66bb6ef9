"""Minutes wording shaped from transcript lines, without a model: a line as the model sees it,
a clean 議事録 sentence, a task in the dictionary form without its deadline, the next meeting's
date, topics and their lines, and duplicates merged."""
from __future__ import annotations

import re
from typing import Optional

from . import cues, grounding, japanese, names, settling
from .reading import plain_promise, plain_request
from .tidying import kebatori
from .types import ActionItem, Item, Segment

def format_line(seg: Segment) -> str:
    who = f"{seg.speaker}: " if seg.speaker else ""
    return f"[{seg.id}] {who}{seg.text}"


def lines_text(segments: list[Segment]) -> str:
    return "\n".join(format_line(s) for s in segments)


def accept_model_kind(kind: str, text: str) -> str:
    """The model's kind for a line without clear cues, kept only where the line can bear it."""
    norm = japanese.normalize_text(text)
    if kind == "decision":
        # A decision must be stated as decided: a proposal, a question or an opinion is not one, nor is
        # procedure (閉会といたします) or a supposition (仮に…とします).
        if settling.procedure_or_supposition(norm):
            return "other"
        if settling.put_to_the_room(norm):
            return "proposal"  # cut before 「ご異議ありませんか」: the room has not answered yet
        return "proposal" if settling.undecided(norm) or norm.endswith("か。") else "decision"
    if kind == "next_meeting":
        return kind if japanese.find_dates(norm) else "other"
    return kind if kind in cues.KINDS else "other"


def topic_starts(titles: list[str], segments: list[Segment], intro: Optional[Segment]) -> list[int]:
    """Where each announced topic's discussion starts: its ordinal (「二点目」) or its first mention."""
    if not titles or intro is None:
        return []
    after = [s for s in segments if s.id > intro.id]
    starts: list[int] = []
    for n, title in enumerate(titles, 1):
        lo = starts[-1] if starts else intro.id
        ordinal = (f"{n}点目", f"{n}つ目", f"第{n}", f"{n}番目")
        later = [s for s in after if s.id > lo]
        found = next((s.id for s in later if any(o in japanese.normalize_text(s.text) for o in ordinal)), None)
        mentions = [s.id for s in later if grounding.support(title, s.text) >= 0.5]
        # The chair moving on (「次に、…でございます」) where the title is said, else the first mention;
        # with neither (Whisper garbled the title: 節電 heard as 説明), the next move on.
        turns = [s.id for s in later if cues.turns_to_next(s.text)] if n > 1 else []
        if found is None:
            found = next((i for i in turns if i in mentions), None)
        if found is None:
            found = mentions[0] if mentions else (turns[0] if turns else None)
        if found is None:
            found = lo + 1 if n > 1 else intro.id
        starts.append(found)
    # The first topic's discussion begins right after the announcement if nothing says otherwise.
    return starts


def topic_blocks(segments: list[Segment], starts: list[int]) -> list[list[Segment]]:
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


def tidy_summary(text: str) -> str:
    """A summary as a clerk would keep it: each sentence once, no fragment. A small model repeats a
    sentence it copied (「…課長の答弁です。…課長の答弁です。」), stops mid-sentence when its budget
    runs out (「…と決しました。本委員」), and leaves a clause with nothing after it (「本日は、。」)."""
    kept: list[str] = []
    pieces = [p.strip(" 　") for p in re.findall(r"[^。！？]*[。！？]|[^。！？]+$", " ".join(str(text).split()))]
    for n, sentence in enumerate(pieces):
        body = sentence.rstrip("。！？")
        if not sentence.endswith(("。", "！", "？")):
            if n > 0:
                continue  # the reply's length limit cut it off
            sentence += "。"  # a one-sentence summary written without its period
        if body.endswith(("、", "，", "は", "が", "を", "の")):
            continue  # a clause whose end was never written
        if len(re.sub(r"[\s、。，．・]", "", body)) < 4:
            continue
        if any(grounding.similar(body, k.rstrip("。！？")) > 0.8 for k in kept):
            continue
        kept.append(sentence)
    return "".join(kept)


def requested_part(line: str) -> str:
    """The sentence of a line that asks for the work: the last one that asks (「…と思います。それから、
    周知の計画を…報告してください。」: the second, which the reply takes on); else the whole line."""
    parts = [p.strip() for p in re.findall(r"[^。！？]+[。！？]?", line) if p.strip(" 、。")]
    asking = [p for p in parts if cues.requests(p)]
    return asking[-1] if len(parts) > 1 and asking else line


_LINKING = re.compile(r"^(?:それから|それと|あと|また|なお|それで|ですので|そこで)、")


def task_from_line(line: str, owner: str = "") -> str:
    """The requested work as said: 「松本主任は、周知文を作成してください。」-> 「周知文を作成する」;
    fillers and a linking word that opens it (それから、) left out."""
    text = _LINKING.sub("", kebatori(clean_sentence(requested_part(line), period=False))).rstrip("。")
    m = re.match(r"^.{1,14}?(?:は|には)、", text)
    if m is None and owner:
        # 「小林主任は要求資料を…」 without the comma: the addressee is the opening words up to は.
        m = re.match(r"^.{0,6}?" + re.escape(names.strip_title(owner)[:1]) + r".{0,8}?(?:は|には)、?", text)
    if m:
        text = text[m.end():]
    return cues.REQUEST_TAIL.sub("する", plain_request(without_due(text))).strip("、 ") or clean_sentence(line, False)


# Taking work on in so many words (「それ、私のほうでやります」「講師への依頼は、私からしておきます」): the
# work is the topic before は, or what the speaker says next (「今月中に二団体に連絡します」).
_TAKING_IT = re.compile(r"^(?:(?P<topic>[^、。]{2,30}?)(?:は|も)、?)?(?:(?:あ|では|じゃあ|はい)、?)?(?:それ(?:は)?、?)?"
                        + cues.FIRST_PERSON.pattern + r"、?"
                        r"(?:やり|し|やっておき|しておき|対応し|対応いたし|担当し|担当いたし|引き受け|お引き受けし|いたし)ます$")


def own_task(line: str, following: str = "") -> str:
    """The work a speaker takes on in so many words (「私のほうでやります」), in the dictionary form
    (「二団体に連絡して、説明の日程を決める」); `following` is what the same speaker says next. "" where
    the promise names its work itself (「私が案を用意します」: the line's own words serve)."""
    said = [x.strip() for x in re.findall(r"[^。！？]+[。！？]?", line) if x.strip(" 、。")]
    after = [x.strip() for x in re.findall(r"[^。！？]+[。！？]?", following) if x.strip(" 、。")]
    for i, sentence in enumerate(said):
        if not cues.takes_on(sentence):
            continue
        body = re.sub(r"^(?:はい|ええ|あ|では|じゃあ|それでは)、", "", kebatori(sentence).strip().rstrip("。"))
        body = cues.plain_end(body)
        if not cues.FIRST_PERSON.search(body):
            # 「文案は、本会議の前日までに、皆様にお送りします」: a humble promise names its work itself.
            return plain_promise(without_due(body)).rstrip("。")
        m = _TAKING_IT.match(body)
        if m and m.group("topic") and not re.fullmatch(r"(?:それ|これ|あれ|そちら|こちら|その件|この件|そこ|ここ)",
                                                      m.group("topic")):
            return _LINKING.sub("", m.group("topic"))  # 「講師の方への依頼は、私からしておきます」
        if m:
            rest = (said[i + 1:] + after)[:1]  # 「私のほうでやります。今月中に…連絡します」
            nxt = kebatori(rest[0]).strip() if rest else ""
            return plain_promise(without_due(nxt)).rstrip("。") if cues.promises(nxt) else ""
    return ""


def without_addressee(task: str, owner: str) -> str:
    """The owner has its own column: 「中川委員、視察先の候補を調べておく」-> 「視察先の候補を調べておく」.
    Only the owner's own name (with any title) set off by a comma or は is cut."""
    name = names.strip_title(owner)
    if not name:
        return task
    m = re.match(re.escape(name) + r"[^、。]{0,6}?(?:さん|様|君)?(?:には|は)?、", task)
    return task[m.end():] if m and task[m.end():].strip() else task


_DUE_PHRASE = re.compile(
    r"(も)?、?(?:\d{1,2}月\d{1,2}日|[〇一二三四五六七八九十]+月[〇一二三四五六七八九十]+日|\d{1,2}/\d{1,2}"
    # a month's end with its month (「十二月末までに」「今月末までに」): not 月末 alone, which left 「十二」 or 「今」
    r"|(?:\d{1,2}|[〇一二三四五六七八九十]+|今|来|再来)?月末|週明け|明日|明後日|あした|あさって)(?:頃|ごろ)?(?:まで(?:に)?|中に)、?"
    r"|(も)?、?(?:今週|来週|今月|来月)中(?:まで)?に、?"
    r"|(?:それ|その時|そのとき)までに、?"  # the time the line before named (japanese.due_by_then)
    r"|、?(?:年内|月内|年度内|本日中|今日中|年明け(?:まで)?|(?:\d{1,2}月|今月|来月)の?(?:上旬|中旬|下旬)(?:まで)?"
    r"|\d{1,3}(?:日|週間)以内)に、?"
)


def without_due(task: str) -> str:
    """The deadline has its own column: 「周知文も12月12日までに作成する」-> 「周知文を作成する」."""
    def cut(m: re.Match) -> str:
        if m.group(1) or m.group(2):
            return "を"  # 「案内文も七月三十一日までに送付」: the も belonged to the deadline's phrasing
        # "届き次第、一月十六日までに報告" keeps its clause comma; "周知文を、十二月十二日までに" does not.
        before = task[:m.start()]
        return "、" if m.group(0).startswith("、") and before and not before.endswith(("を", "は", "も")) else ""

    out = _DUE_PHRASE.sub(cut, task).strip("、 ")
    return out or task


def describe_next_meeting(source_text: str, meeting_date) -> str:
    """'次回の会議は、一月三十日金曜日の午前十時から' -> '2026年1月30日(金) 午前10時から'."""
    norm = japanese.normalize_text(source_text)
    dates = japanese.find_dates(norm)
    if dates:
        year, month, day = dates[0]
        text = japanese.format_date(year or japanese.infer_year(month, meeting_date), month, day)
        wd = next((w for w in "月火水木金土日" if f"{w}曜" in norm), "")
        if wd:
            text += f"({wd})"
    else:
        # 「次回の打合せは、来週の火曜日、午後三時からでお願いします」: the day named by its week
        text = japanese.day_of_week_said(norm, meeting_date).replace("（", "(").replace("）", ")")
        if not text:
            return ""
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


def reply_to(request: Segment, following: list[Segment]) -> list[Segment]:
    """The lines that answer a request by taking it on: the next line when it accepts (はい,
    承知しました, やっておきます ...), and the one after when the same voice goes on without asking
    anything, to the end of its sentence when Whisper cut it at a comma. Another speaker's request,
    a question, or a line by the requester ends it."""
    if not cues.requests(request.text) or not following:
        return []
    first = following[0]
    if (request.speaker and first.speaker == request.speaker) or not cues.accepts(first.text):
        return []
    out = [first]
    for nxt in following[1:4]:
        same_voice = not first.speaker or nxt.speaker == first.speaker
        if not same_voice or cues.requests(nxt.text) or cues.asks(nxt.text):
            break
        out.append(nxt)
        if not nxt.text.rstrip().endswith(("、", ",")):
            break  # the sentence ended; a line cut off at a comma goes on in the next one
    return out
