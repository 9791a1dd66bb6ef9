"""Whether a line settles a matter or puts it off, from its wording alone: the decision stated
(決定しました, …べきものと決しました, ということで進めます), the matter put off (継続審査, 次回改めて協議します),
what the chair put to the room and a decision that points back at it. Used by the cue rules
(desktop.core.cues) and the minutes writer; everything the wording cannot settle is asked of the model."""
from __future__ import annotations

import re

from .japanese import normalize_text

# A line that states a decision, and one that puts a matter off, judged on each sentence's predicate
# (its end), not on words anywhere in it: 「承認された計画の写し」 and 「担当者が決まりましたら」 decide
# nothing. A sentence with both ("次回改めて検討することとします") is a deferral: the matter stays open.
# The tests hold a negative set of ordinary lines (tests/fixtures/negative/not_decisions.txt) that
# must be neither.
_DECIDED_END = re.compile(
    r"(?:(?:こと|よう)(?:と|に)(?:いた)?(?:します|しました)"          # 実施することとします / ことにします
    r"|(?:決定|承認|了承|可決|否決|採択|採用)(?:いた)?(?:します|しました|されました)"
    r"|決しました|決まりました|に決めます|に決めました"
    # The way a section settles a matter among colleagues: 「…ということで進めます」「その方向でいきましょう」
    r"|(?:ということ|という方向|の方向|方針)で(?:進めます|進めましょう|進めて(?:いきます|まいります)"
    r"|いきます|いきましょう|まいります|参ります)"
    # Said in other words (tests/fixtures/positive/kinds.tsv, written for this purpose): agreed
    # (ことで合意しました, で一致しました), fixed (確定とします, 今月末で確定です), 決定とさせていただきます,
    # に決定です, elected (選任されました), approval obtained (了承を得ました), settled (で話がまとまりました).
    r"|(?:で|と)(?:合意|一致)(?:いた)?しました|合意に至りました"
    r"|(?:決定|承認|了承|可決|否決|採択|確定)と(?:(?:いた)?します|させていただきます)"
    r"|(?:で|に)確定(?:です|(?:いた)?しました)|(?:で|に)(?:決定|決まり)です"
    r"|(?:選任|選出|互選)(?:いた)?(?:しました|されました)"
    r"|(?:了承|了解|承認|同意|賛同)(?:を得ました|が得られました)|で(?:話|意見)がまとまりました)$")
# A bare 「…とします」 decides (受付は九時からとします) or merely sets something up for the sake of an
# example (ここでは単価を千円とします): the wording alone cannot tell, so the model is asked.
# Procedure is not a decision for the minutes (開会といたします, 十分間の休憩とします) ...
_PROCEDURE = re.compile(r"(?:開会|閉会|散会|休憩|再開|休会|延会|閉議|終了|中断)と(?:いた)?します$"
                        # 「以上で…案件の審査は、すべて終了いたしました」: the business is done, nothing decided
                        r"|(?:審査|審議|質疑|討論|議事|日程|案件)は、?(?:すべて|全て)?(?:終了(?:いた)?しました|終わりました)$")
# ... nor is the chair moving the floor on (これより採決いたします, お諮りいたします, 質疑に入ります):
# the vote is announced here and its result is said after it.
# The call to vote (「…可決すべきものと決することに賛成の委員の起立を求めます」) names the outcome it asks
# about: on the tuning meeting toshi the model took it for the decision.
_FLOOR = re.compile(r"(?:採決|お諮り|おはかり)(?:を)?(?:いた)?します$|(?:質疑|討論|採決|審査|審議|質問)に入ります$"
                    r"|(?:起立|挙手)を(?:求めます|お願いします|お願いいたします)$"
                    r"|(?:質疑|討論)を(?:終わります|終結(?:いた)?します)$")
# ... nor is a supposition (仮に百人だとします, 例えば雨が降ったとします).
_SUPPOSED = re.compile(r"仮に|例えば|もし|と仮定|だとします|であるとします|たとします")
# Putting off: explicit words for it, or a verb of deciding with a later time.
_DEFERRED_WORDS = re.compile(r"継続審議|継続審査|継続して(?:審議|検討|協議)|保留(?:と|に|し|いた)|持ち越(?:し|す)"
                             r"|見送(?:る|り(?:と|に)|ります|りました)|先送り|結論(?:は|を)(?:出さず|持ち越)"
                             # 預かりとします, 持ち帰らせていただきます, 決めずにおきます, 引き続き審査すること,
                             # 検討を続けます, 決定は見合わせます, 次回に回します
                             r"|預かり(?:と|に)|持ち帰らせて|(?:決め|決定せ|判断せ)ずに"
                             r"|引き続き(?:審査|審議|検討|協議)(?:する|す)こと|検討を続け(?:ます|ること)"
                             r"|(?:決定|判断|採決|結論)(?:は|を)見合わせ|(?:次回|次の会議|後日)(?:に|へ)回")
# A matter's decision said to be made later (「結論は、次の会議で出したいと思います」「最終的な判断は…改めて
# 行います」), or after something else is done (「…確認してからにします」).
_DECIDED_LATER = re.compile(r"(?:判断|決定|結論|採否|可否)は[^。]*?(?:出し|行い|下し)(?:ます|たいと思います)$"
                            r"|[てで]からに(?:いた)?します$")
_DEFER_VERB_END = re.compile(r"(?:検討|判断|審議|協議|議論|相談|決定|整理)(?:を続け|すること(?:と|に))?"
                             r"(?:いた)?(?:します|しましょう|したいと思います)$|決め(?:ます|ましょう|たいと思います)$")
LATER = ("次回", "改めて", "後日", "持ち帰", "引き続き", "継続", "待って", "てから", "今後", "来月", "次の会議",
          "もう少し", "時間をかけ")


def sentences(line: str) -> list[str]:
    return [x.strip(" 　、") for x in re.split(r"[。！？!?]", line) if x.strip(" 　、")]


# The formal way an assembly or committee records its decision on a matter: 「よって、議案第十二号は原案の
# とおり可決すべきものと決しました」「陳情第八号は、継続審査とすることに決しました」. Such a sentence is
# already what the minutes say; no model is asked to rewrite it.
_FORMALLY_DECIDED = re.compile(r"(?:べきもの|こと)(?:と|に)決しました$")
_THEREFORE = re.compile(r"^(?:よって|したがって|従って|以上により|それでは|では)[、,]?\s*")


def formally_decided(line: str) -> str:
    """The sentence of `line` that records a decision in the formal words (…べきものと決しました),
    as the minutes write it (…べきものと決した。), or ""."""
    for x in sentences(line):
        if _FORMALLY_DECIDED.search(x):
            # Whisper often leaves out the 。 before よって (「ご異議なしと認めますよって議案第12号は…」):
            # the decision is what follows it.
            x = re.split(r"(?:よって|したがって|従って)[、,]?\s*", x)[-1]
            return _THEREFORE.sub("", x)[: -len("しました")] + "した。"
    return ""


def states_decision(line: str) -> bool:
    """The wording alone says a decision was made (a reader would not doubt it)."""
    return not states_deferral(line) and any(
        (_DECIDED_END.search(x) or _GOES_WITH.search(x)) and not _PROCEDURE.search(x) and not _SUPPOSED.search(x)
        for x in sentences(line))


# The chair putting a matter to the room (「…原案のとおり可決すべきものと決することにご異議ありませんか」)
# and Whisper ending the line before the question: it stops on an unfinished 「…ことに、」 or 「…ものと、」.
# What it names is only proposed; the decision is the answer's line (「ご異議なしと認めます。よって…」).
_PUT_TO_THE_ROOM = re.compile(r"(?:こと|もの)(?:に|と)[、,]?$")


# A chair's decision that points back at what was just put to the room (「ご異議なしと認め、そのように
# 決定いたします」) says nothing by itself: the minutes write what was put (「会期は…十六日間とすることで、
# ご異議ありませんか」).
_POINTS_BACK = re.compile(r"(?:その|この)(?:よう|とおり|通り)に?(?:決定|決し|決め|いたし|させていただき)")
# Among colleagues a matter is settled the same way, as a whole sentence: 「じゃあ、その日程で進めましょう」,
# 「では、そうします」, 「それでいきましょう」 (the tuning meeting johosei). What it settles is the proposal or
# the question before it; with neither, the sentence says nothing a reader could use.
_SO_OPEN = r"^(?:では|じゃあ|じゃ|それでは|それじゃあ)?[、,]?\s*"
_SETTLED_BY = r"(?:日程|案|方向|方針|内容|形|線|やり方|方法|スケジュール|予定|段取り|とおり|通り)"
_GOES_WITH = re.compile(_SO_OPEN + r"(?:(?:(?:その|この)" + _SETTLED_BY + r"|それ|そちら)で(?:進め(?:ます|ましょう)"
                        r"|いき(?:ます|ましょう)|行き(?:ます|ましょう)|まいります|参ります)"
                        r"|(?:そう|その(?:よう|とおり|通り)に)(?:し|いたし)(?:ます|ましょう))$")
_PUT_QUESTION = re.compile(r"^(?:それでは|では|じゃあ|お諮りいたします|ええ|え|はい)?[、,]?\s*(.+?(?:こと|もの))"
                           r"(?:(?:で|に|と)?[、,]?\s*ご?異議(?:は)?(?:ありませんか|ございませんか)"
                           # the same question among colleagues: 「…続けるということで、よろしいですね」
                           r"|で[、,]?\s*(?:よろしい|いい)(?:ですね|ですか|でしょうか))$")


def points_back(line: str) -> bool:
    """The line decides by pointing back (そのように決定いたします) and names nothing it decides."""
    return any(_POINTS_BACK.search(x) or _GOES_WITH.search(x) for x in sentences(normalize_text(line)))


def goes_with(line: str) -> bool:
    """A sentence of the line settles, among colleagues, what was just proposed or asked (「では、そうします」)."""
    return any(_GOES_WITH.search(x) for x in sentences(normalize_text(line)))


def question_put(line: str) -> str:
    """What the chair put to the room in `line` (「会期は十二月三日から十八日までの十六日間とすること」
    from 「それでは、会期は…とすることで、ご異議ありませんか」), or ""."""
    for x in reversed(sentences(line)):
        m = _PUT_QUESTION.search(x.strip(" 　？?"))
        if m:
            return re.sub(r"という(こと)$", r"\1", m.group(1))  # …続けるということ -> …続けること
    return ""


# What a colleague proposes for the meeting to settle: 「作業は十二月の第二土曜日に行う案で考えています」,
# written without the reply's opening and the clause that leads up to it (「業者と調整しまして、」).
_PROPOSED = re.compile(r"(.{4,}?)案で(?:考えて|検討して|調整して)(?:います|おります)$")
_LEAD_IN = re.compile(r"^(?:(?:はい|ええ|えー|あの|それで|そこで)[、,]"
                      r"|[^、]*?(?:まして|して|ので|けど|けれども|が)[、,])\s*")


def proposal(line: str) -> str:
    """The proposal a line makes (「作業は十二月の第二土曜日に行う案」), or ""."""
    for x in reversed(sentences(normalize_text(line))):
        m = _PROPOSED.search(x)
        if m:
            text = m.group(1)
            while (cut := _LEAD_IN.sub("", text)) != text:
                text = cut
            return text + "案"
    return ""


def put_to_the_room(line: str) -> bool:
    """The line ends before its predicate, on what is being proposed for the room to agree to, and
    states no decision in the sentences it finished."""
    norm = normalize_text(line).strip()
    unfinished = re.split(r"[。！？!?]", norm)[-1].strip(" 　")
    return bool(unfinished) and bool(_PUT_TO_THE_ROOM.search(unfinished)) and not states_decision(norm)


def procedure_or_supposition(line: str) -> bool:
    """開会といたします, これより採決いたします, 仮に百人だとします: what is never a decision, whoever
    says it is."""
    return any(_PROCEDURE.search(x) or _FLOOR.search(x) or _SUPPOSED.search(x) for x in sentences(line))


# Putting it off asked of the room or moved by a member is not yet the outcome, the chair's ruling
# is: 「継続審査とすることに、ご異議ありませんか」, 「継続審査を求めます」, 「継続審査の申し出がありました」.
_NOT_YET = re.compile(r"(?:ませんか|ますか|でしょうか|を求めます|を求めたいと思います"
                      r"|申し出が(?:ありました|ございました)|を提案(?:いた)?します"
                      # a member's view of what should be done (「本日は継続審査とすべきと考えます」)
                      r"|べき(?:だ)?と(?:考え|思い|存じ)ます)$")


def states_deferral(line: str) -> bool:
    for x in sentences(line):
        if _NOT_YET.search(x):
            continue
        if _DEFERRED_WORDS.search(x):
            return True
        # 「検討します」 alone at a sentence's end says the matter is not settled today.
        if _DEFER_VERB_END.search(x) and (any(w in x for w in LATER) or re.search(r"検討(?:いた)?します$", x)):
            return True
        m = _DECIDED_LATER.search(x)
        if m and (m.group(0).startswith(("て", "で")) or any(w in x for w in LATER)):
            return True
    return False


NOT_DECIDED = ("提案", "でしょうか", "ますか", "考えております", "考えます", "思います", "いかが", "予定です")
# 「提案どおり進めることで…了解が得られました」 decides what was proposed: that 提案 proposes nothing.
_AS_PROPOSED = re.compile(r"提案(?:どおり|通り|のとおり|の通り)")


def undecided(text: str) -> bool:
    """The text proposes, asks, supposes or plans rather than decides (「…を提案します」「…でしょうか」)."""
    return any(c in _AS_PROPOSED.sub("", text) for c in NOT_DECIDED)
