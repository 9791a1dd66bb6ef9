"""What kind of statement a line is, from its wording alone: a decision, a deferral, a request,
the next meeting, a new agenda item. Only unambiguous wording decides here; everything else is
asked of the model (desktop.core.minutes) and checked again by these rules."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

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
_LATER = ("次回", "改めて", "後日", "持ち帰", "引き続き", "継続", "待って", "てから", "今後", "来月", "次の会議",
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


def decided_sentences(line: str) -> list[str]:
    """The sentences of a line that state a decision by their wording, each with its 。: a line may
    decide and then ask (「研修は十月十六日に決めます。全員が出られるように調整してください。」)."""
    return [x + "。" for x in sentences(line) if states_decision(x) and not requests(x)
            and not _GOES_WITH.search(normalize_text(x)) and not undecided(x)]


def procedure_or_supposition(line: str) -> bool:
    """開会といたします, これより採決いたします, 仮に百人だとします: what is never a decision, whoever
    says it is."""
    return any(_PROCEDURE.search(x) or _FLOOR.search(x) or _SUPPOSED.search(x) for x in sentences(line))


# Putting it off asked of the room or moved by a member is not yet the outcome, the chair's ruling
# is: 「継続審査とすることに、ご異議ありませんか」, 「継続審査を求めます」, 「継続審査の申し出がありました」.
_NOT_YET = re.compile(r"(?:ませんか|ますか|でしょうか|を求めます|を求めたいと思います"
                      r"|申し出が(?:ありました|ございました)|を提案(?:いた)?します)$")


def states_deferral(line: str) -> bool:
    for x in sentences(line):
        if _NOT_YET.search(x):
            continue
        if _DEFERRED_WORDS.search(x):
            return True
        # 「検討します」 alone at a sentence's end says the matter is not settled today.
        if _DEFER_VERB_END.search(x) and (any(w in x for w in _LATER) or re.search(r"検討(?:いた)?します$", x)):
            return True
        m = _DECIDED_LATER.search(x)
        if m and (m.group(0).startswith(("て", "で")) or any(w in x for w in _LATER)):
            return True
    return False


# ---- what kind of statement a line is, from the wording alone ----------------------------------
# A request: any verb's て-form asking (まとめてください, 送ってください, 出してもらえますか), ご〜ください,
# お願い. Whether it is an action item is decided later: it needs an attendee it is addressed to.
# The asking words after a て-form, as a whole line says them ...
ASKING = ("ください", "下さい", "くださるよう", "いただけますか", "いただきたい", "もらえますか", "ほしい",
          # asked as a question or a wish (tests/fixtures/positive/kinds.tsv): 見直していただけないでしょうか,
          # 詰めておいてもらえませんか, 作ってくれますか, 確認してもらってもいいですか, 調べてもらえると助かります
          "いただけないでしょうか", "いただけませんか", "もらえませんか", "もらえないでしょうか", "くれますか",
          "くれませんか", "もらってもいいですか", "もらっていいですか", "もらってもよろしいですか",
          "もらえると助かります", "いただけると助かります", "いただけるとありがたい")
# ... and as the first morpheme of each (pyopenjtalk splits いただけますか into いただけ + ます + か).
ASKING_STEMS = ("ください", "下さい", "くださる", "もらえ", "いただけ", "いただき", "ほしい", "くれ", "もらっ")
PLEASE = ("します", "いたします", "したい", "できますか", "できませんか")  # お願い〜
_REQUEST = re.compile(r"[てで](?:" + "|".join(ASKING) + r")|ご\w{1,6}(?:ください|下さい)"
                      r"|お願い(?:" + "|".join(PLEASE) + r")|するように"
                      # among colleagues (見てもらえる？), handed over (手配を頼みます, 調整をお任せしたい),
                      # and the written style of a chair
                      r"|[てで](?:もらえる|くれる)[？?]|を(?:頼みます|頼みたい|お任せしたい|お任せします)"
                      # (意見を提出願います); 「私に一任願います」 asks the room for a mandate, not for work
                      r"|(?:提出|報告|回答|連絡|確認|検討|提示|送付|返送|記入|準備|作成|回覧|周知|手配)願います")
# A request at the end of a task's text, replaced by する (「作成してください」->「作成する」).
REQUEST_TAIL = re.compile(r"(して(?:" + "|".join(ASKING) + r")|をお願い(?:" + "|".join(PLEASE[:2]) + r"))。?$")


def requests(line: str) -> bool:
    return bool(_REQUEST.search(line))


# Handing the floor: what is asked for is speaking now (「高橋係長、ご説明をお願いします」「状況をお願い
# します」), not work to be done later. A time to do it by, or work named with it, makes it a task.
_FLOOR_ASKED = re.compile(r"(?:説明|報告|状況|進捗|進み具合|経過|概要|現状|意見|発言|答弁|紹介|質問|お話|挨拶)"
                          r"(?:を)?(?:お願い(?:します|いたします|できますか)|ください|いただけますか"
                          r"|して(?:ください|いただけますか)"
                          # 「森さん、状況を教えてください」 (johosei): told now, in the meeting
                          r"|(?:教えて|聞かせて|お聞かせ)(?:ください|いただけますか|もらえますか))")
_LATER_OR_WORK = re.compile(r"まで|次回|後日|改めて|追って|来週|今週|来月|月末|中に|資料|作成|送付|提出|準備|まとめ"
                            r"|調べ|調査|確認|連絡|用意|配布|手配|検討|書面|文書")


# 「岡田さん、お願いします」 with nothing asked for: the floor is handed over; so is 「アプリのほうからお願い
# します」「まず予約の件から、吉村さんお願いします」, which names where to start (kankyo_room, shisetsu).
_ADDRESSEE = r"(?:[^、。]{1,12}?(?:さん|様|君|長|主任|主事|主査|委員|担当)、?)?"
_BARE_PLEASE = re.compile(r"(?:(?:では|じゃあ|それでは)、?)?" + _ADDRESSEE +
                          r"(?:(?:まず|最初に|はじめに|初めに)?[、,]?[^、。]{1,12}?から[、,]?)?" + _ADDRESSEE +
                          r"(?:よろしく)?お願い(?:します|いたします)")


# What the room is asked to do in the room, now (「お手元の資料をご覧ください」「三ページをお開き
# ください」「ご起立願います」): a chair's or a presenter's direction, done before anyone leaves. Only a
# time to do it by (「来週までにご覧いただき…」) makes it work for later.
_IN_THE_ROOM = re.compile(r"(?:ご覧|お開き|お聞き|お目通し|ご起立|ご着席|ご静粛|ご挙手|挙手)"
                          r"(?:ください|下さい|願います|をお願い|いただけますか|いただきたい|いただければ)")
_BY_A_TIME = re.compile(r"まで|次回|後日|改めて|追って|持ち帰|来週|今週|来月|月末|中に")


def gives_floor(line: str) -> bool:
    """The line asks someone to speak now (an explanation, a report, their view), or the room to
    look, open or stand now: not a task."""
    norm = normalize_text(line)
    asking = [x for x in sentences(norm) if requests(x)]
    if asking and _BARE_PLEASE.fullmatch(asking[-1]) and not _LATER_OR_WORK.search(norm):
        return True
    in_room = [x for x in sentences(norm) if _IN_THE_ROOM.search(x)]
    if in_room and all(_IN_THE_ROOM.search(x) for x in asking) and not _BY_A_TIME.search(norm):
        return True
    return bool(_FLOOR_ASKED.search(norm)) and not _LATER_OR_WORK.search(norm)


# Taking on what was asked: the answer opens by accepting, or says it will be done. 「はい、」 opens
# many answers that accept nothing (「はい、質問です」), so it counts only with a promise (ます) and no
# question in the line.
_ACCEPT_OPEN = re.compile(r"^(?:承知(?:しました|いたしました)|了解(?:です|しました)|わかりました|分かりました"
                          r"|かしこまりました|引き受けます|やっておきます|やります)")
_ACCEPT_SAYS = re.compile(r"やっておきます|引き受けます|承知(?:しました|いたしました)|対応します|対応いたします")


def asks(line: str) -> bool:
    """The line ends in a question (…ですか。, …よろしいですか？)."""
    return bool(re.search(r"(?:か[。?？]?|[?？])$", normalize_text(line).strip()))


def accepts(line: str) -> bool:
    """The line takes on a request just made (「はい、やっておきます」「承知しました。」)."""
    norm = normalize_text(line).strip()
    if asks(norm):
        return False
    if _ACCEPT_OPEN.search(norm) or _ACCEPT_SAYS.search(norm):
        return True
    last = norm.rstrip("。")
    return norm.startswith("はい") and last.endswith("ます") and not _NOT_PROMISE.search(last)


# Taking a task on oneself: a first-person subject (私が, 私の方で, 私から ...) in a sentence that ends
# promising to do something (用意します, 話しておきます, 作成いたします). Opinions, reports and states
# (思います, 申し上げます, おります, ています) and questions are not; the tests hold a negative set
# (tests/fixtures/negative/not_taking_on.txt).
FIRST_PERSON = re.compile(r"(?:(?:私|わたくし|僕|自分)(?:ども|たち)?|こちら|当課|当方|うちの(?:課|係|部署))"
                          r"(?:が|の方で|のほうで|の方から|のほうから|から|で)(?!は)")
_PROMISE_END = re.compile(r"ます$")
_NOT_PROMISE = re.compile(r"(?:思い|考え|存じ|申し上げ|おり|てい|でい|い|あり|ござい|なり|かかり|言え|でき"
                          r"|気がし|感じ|変わり)ます$")


# Speaking now (「その点は私から説明いたします」) is done in the meeting itself: a task only when it
# is put off to later (「後日、私から報告いたします」).
_SPEAKING = re.compile(r"(?:説明|答弁|回答|報告|紹介|補足|お答え)(?:を)?(?:いたし|し)?ます$")


# A promise among colleagues often ends in a particle: 「私がお知らせと一緒に作っておきますね」 (johosei).
# Only after 〜ておきます and やります: 「…気がしますね」「…変わりますね」 observe, they promise nothing.
_PARTICLE_END = re.compile(r"((?:[てで]おき|やり)ます)(?:ね|よ)$")


def plain_end(sentence: str) -> str:
    """The sentence without the particle after its promise (作っておきますね -> 作っておきます)."""
    return _PARTICLE_END.sub(r"\1", sentence)


def promises(sentence: str) -> bool:
    """The sentence says the speaker will do something (連絡します, 確認しておきます): not an opinion, a
    state, a courtesy or a request."""
    x = plain_end(normalize_text(sentence).strip().rstrip("。"))
    return bool(_PROMISE_END.search(x)) and not _NOT_PROMISE.search(x) and not requests(x) and "お願い" not in x


# The humble form of the speaker's own act (お送りします, ご報告いたします), with when it will be done
# (「文案は、本会議の前日までに、皆様にお送りします」): a promise without 私, as officials make them.
# Without a when it is the meeting's own business (「お諮りいたします」「ご説明いたします」).
_HUMBLE_ACT = re.compile(r"[おご][一-龥ぁ-ゖ]{1,6}(?:いたし|し)ます$")
_SETTLES = re.compile(r"と(?:いた)?します$")   # 「お開きといたします」 settles, it promises nothing
_WHEN = _LATER + ("までに", "後ほど", "速やかに", "早急に", "事前に", "前もって", "あらかじめ",
                  "次第", "中に", "以内", "今週", "来週", "週明け", "月末", "年内", "月内", "明日", "あす")
# 「〜てみます」 is said only of one's own attempt (「見積もりだけ取ってみます」): a promise without 私.
_TRYING = re.compile(r"[てで]みます$")


# The humble いたします of handing something over or answering, with its when, is the speaker's own act
# too (「課内で検討のうえ、来週中に回答いたします」); so is getting it ready (「明日中に送っておきます」).
_HUMBLE_SERVICE = re.compile(r"(?:回答|連絡|報告|提出|送付|配布|配付|提示|通知|周知|共有|案内|相談|確認|調整"
                             r"|対応|準備|用意|作成|手配)いたします$")
_READYING = re.compile(r"[てで]おきます$")


def _humble_promise(sentence: str) -> bool:
    return ((bool(_HUMBLE_ACT.search(sentence)) and not _SETTLES.search(sentence))
            or bool(_HUMBLE_SERVICE.search(sentence)) or bool(_READYING.search(sentence))) \
        and any(w in sentence for w in _WHEN)


def takes_on(line: str) -> bool:
    """The speaker undertakes a task themselves (「チラシの作成は私が担当し、案を用意します」)."""
    return any((FIRST_PERSON.search(x) or _humble_promise(x) or _TRYING.search(x))
               and _PROMISE_END.search(x) and not _NOT_PROMISE.search(x) and "お願い" not in x
               and (not _SPEAKING.search(x) or any(w in x for w in _WHEN))
               for x in map(plain_end, sentences(normalize_text(line))))


AGENDA = ("議題", "点目", "次の案件", "次に、", "続きまして", "続いて、")
# The chair taking up each item in turn, as councils and committees do: 「次に、議案第八号、〇〇条例の
# 一部改正についてを議題といたします」. Whisper often hears the を as お.
_TAKEN_UP = re.compile(r"^(?:それでは|では|次に|続きまして|続いて|まず|最初に|はじめに|初めに|最後に|引き続き)?"
                       r"[、,]?\s*"
                       r"(?P<title>[^。]{3,60}?)(?:について)?[をお]議題と(?:いた)?します")


# Moving on to the next matter (「次に、一般質問の順序でございます」「次、節電です」「最後に意見書案の取扱いです」):
# a short first sentence that opens with the word for "next" or "last". Said inside a topic it also
# opens a sub-point (「次に、費用ですが…」), so it only places a topic that was announced.
_TURNS_TO = re.compile(r"^(?:それでは|では|じゃあ|で)?[、,]?\s*(?:次に|次は|次、|続いて|続きまして|最後に|最後は)")
_TURN_LENGTH = 30


def turns_to_next(line: str) -> bool:
    """The line moves the meeting on to its next (or last) matter."""
    first = sentences(normalize_text(line))
    return bool(first) and len(first[0]) <= _TURN_LENGTH and bool(_TURNS_TO.match(first[0]))


def taken_up(line: str) -> str:
    """The item a line takes up as the matter now before the meeting, as the chair names it, or ""."""
    m = _TAKEN_UP.match(unicodedata.normalize("NFKC", line).strip())  # the title as said, numerals too
    return m.group("title").strip("、, ") if m else ""


NOT_DECIDED = ("提案", "でしょうか", "ますか", "考えております", "思います", "いかが", "予定です")
# 「提案どおり進めることで…了解が得られました」 decides what was proposed: that 提案 proposes nothing.
_AS_PROPOSED = re.compile(r"提案(?:どおり|通り|のとおり|の通り)")


def undecided(text: str) -> bool:
    """The text proposes, asks, supposes or plans rather than decides (「…を提案します」「…でしょうか」)."""
    return any(c in _AS_PROPOSED.sub("", text) for c in NOT_DECIDED)
_TIME = re.compile(r"(\d{1,2})時|(\d{1,2})月(\d{1,2})日|[月火水木金土日]曜"
                   # 二月上旬, 二週間後の同じ曜日 (tests/fixtures/positive/kinds.tsv)
                   r"|\d{1,2}月(?:上旬|中旬|下旬)|\d{1,2}週間後|同じ(?:時間|時刻|曜日)")
_NEXT_MEETING = re.compile(r"次回|次の(?:会議|委員会|会合|打合せ|打ち合わせ|定例会|協議会|研究会)は")
# 「次回の打合せは、来週木曜日の同じ時間にお願いします」 asks everyone to come then: it names the meeting.
_AT_THAT_TIME = re.compile(r"(?:時間|時刻|時|分|半|日|曜日?|から)(?:で|に)?(?:よろしく)?お願い(?:いた)?します。?$")

_COURTESY = re.compile(r"[、。]?(?:どうぞ|何とぞ|なにとぞ)?よろしくお願い(?:いた)?(?:します|申し上げます)[。！]?$")

KINDS = ("decision", "action", "deferral", "next_meeting", "agenda", "proposal", "other")

def cue_kind(line: str) -> Optional[str]:
    """The kind the wording states unambiguously, or None when only a reader can tell."""
    norm = normalize_text(line)
    # 「…から開会いたしますので、よろしくお願いいたします」 announces the meeting; the courtesy that
    # closes it asks nobody for anything.
    if _NEXT_MEETING.search(norm) and _TIME.search(norm) and not requests(_AT_THAT_TIME.sub("", _COURTESY.sub("", norm))):
        return "next_meeting"
    if states_deferral(norm) and not requests(norm):
        return "deferral"
    if (requests(norm) and not gives_floor(norm)) or takes_on(norm):
        return "action"
    if states_decision(norm) and not undecided(norm):
        return "decision"
    if any(c in norm for c in AGENDA):
        return "agenda"
    return None
