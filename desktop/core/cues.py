"""What kind of statement a line is, from its wording alone: a decision, a deferral, a request,
the next meeting, a new agenda item (whether it decides or puts off is desktop.core.settling's).
Only unambiguous wording decides here; everything else is asked of the model
(desktop.core.minutes) and checked again by these rules."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from .japanese import normalize_text
from .settling import LATER, goes_with, sentences, states_decision, states_deferral, undecided

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



def decided_sentences(line: str) -> list[str]:
    """The sentences of a line that state a decision by their wording, each with its 。: a line may
    decide and then ask (「研修は十月十六日に決めます。全員が出られるように調整してください。」)."""
    return [x + "。" for x in sentences(line) if states_decision(x) and not requests(x)
            and not goes_with(x) and not undecided(x)]


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
# A question put to be answered now: 「工事の時期はいつごろになるのか、教えてください」.
_ASKED_NOW = re.compile(r"(?:か|のか|んですか)[、,]?\s*(?:教えて|お聞かせ|聞かせて)"
                        r"(?:ください|下さい|いただけますか|もらえますか)")
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
    if _ASKED_NOW.search(norm) and not _BY_A_TIME.search(norm):
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
_WHEN = LATER + ("までに", "後ほど", "速やかに", "早急に", "事前に", "前もって", "あらかじめ",
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
    asked = requests(_AT_THAT_TIME.sub("", _COURTESY.sub("", norm)))
    if _NEXT_MEETING.search(norm) and _TIME.search(norm) and not asked:
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
