"""The written form of official documents (公用文の表記): the words a transcript line writes in kanji
that minutes write in kana.

Whisper writes 「ご説明致します」「お送り下さい」「他に質疑は」「原案の通り」; a clerk's minutes write
「ご説明いたします」「お送りください」「ほかに質疑は」「原案のとおり」. The rules are the general ones
of the Agency for Cultural Affairs' 「公用文における漢字使用等について」 (2010) and 「公用文作成の考え方」
(2022), not a fixture's wording:
- auxiliary verbs after 〜て/〜で in kana (〜ていただく, 〜てください, 〜ておく, 〜ていく, 〜てくる,
  〜てみる, 〜てあげる, 〜てしまう, 〜てほしい), and いたす, ください, いただく wherever they stand;
- formal nouns and particles in kana: こと, ところ, とおり, ほか, ため, わけ, よう, とも, ほど,
  くらい, かもしれない, にすぎない; ある, ない, できる;
- conjunctions in kana (ただし, なお, また, したがって), except 及び, 並びに, 又は, 若しくは.

Each rule reads Sudachi's part of speech and reading, so it changes only the grammatical word:
中央通り (a street), その他 (そのた), 他市, 一致, 致命的, 事務局 and 物 (a thing) keep their kanji.
Nothing else is changed; no sound is matched, so no word can become another word.
"""
from __future__ import annotations

from .reading import Word, tagged_words
from .types import Minutes, Transcript

# Auxiliary verbs (Sudachi: 動詞-非自立可能) written in kana after 〜て/〜で; as main verbs (置く, 行く,
# 来る, 見る) they keep their kanji.
_AFTER_TE = ("置", "行", "来", "見", "貰", "上げ", "仕舞", "欲し")
# Written in kana wherever they stand: humble いたす, and ください / いただく, which a meeting says
# almost only as auxiliaries (お送りください, ご出席いただき).
_ALWAYS = ("致", "下さ", "頂", "出来", "有", "無")
# Conjunctions the rules keep in kanji.
_KANJI_CONJUNCTIONS = ("及び", "並びに", "又は", "若しくは")
# Nouns that take 〜どおり directly (予定どおり, 例年どおり); 中央通り and 本町通り are streets.
_DOORI_AFTER = ("例年", "従来", "通常", "前回", "原案", "従前")
_AFTER_CLAUSE = ("動詞", "助動詞", "形容詞")
_KANA = str.maketrans({chr(c): chr(c - 0x60) for c in range(0x30A1, 0x30F7)})


def to_official_spelling(text: str) -> str:
    """`text` with the words official documents write in kana written so; everything else as it was."""
    if not text:
        return text
    words = tagged_words(text)
    return "".join(_respelled(words, i) for i in range(len(words)))


def _kana(w: Word) -> str:
    return w.reading.translate(_KANA)


def _is(w: Word | None, *surfaces: str) -> bool:
    return w is not None and w.surface in surfaces


def _after_te(w: Word | None) -> bool:
    """Whether `w` is the conjunctive 〜て/〜で (調べて, 読んで), not the particle で (車で)."""
    return _is(w, "て", "で") and w.pos[1] == "接続助詞"


def _respelled(words: tuple[Word, ...], i: int) -> str:
    w = words[i]
    before, two_before = (words[i - 1] if i >= 1 else None), (words[i - 2] if i >= 2 else None)
    after, two_after = (words[i + 1] if i + 1 < len(words) else None), (words[i + 2] if i + 2 < len(words) else None)
    s, pos = w.surface, w.pos
    if not w.reading or s == _kana(w):
        return s
    if pos[:2] == ("動詞", "非自立可能"):
        if s.startswith(_ALWAYS) or (s.startswith(_AFTER_TE) and _after_te(before)):
            return _kana(w)
        if s.startswith("過ぎ") and _is(before, "に"):
            return _kana(w)       # 〜にすぎない
        return s
    if pos[:2] == ("形容詞", "非自立可能") and s.startswith(_ALWAYS + _AFTER_TE):
        if s.startswith("無") or _after_te(before):
            return _kana(w)       # ない; 〜てほしい
        return s
    if pos[0] == "動詞" and s.startswith("知れ") and _is(before, "も") and _is(two_before, "か"):
        return _kana(w)           # 〜かもしれない
    if pos[0] == "動詞" and s == "従っ" and (before is None or before.pos[0] == "補助記号"):
        return _kana(w)           # 従って、 opening a sentence is the conjunction したがって
    if pos[0] == "接続詞":
        return s if s in _KANJI_CONJUNCTIONS or (s == "又" and _is(after, "は")) else _kana(w)
    if pos[0] == "助詞" and s in ("程", "位"):
        return _kana(w)           # 〜ほど, 〜くらい
    if pos[0] == "形状詞" and s == "様":
        return _kana(w)           # 〜のように
    if pos[0] != "名詞":
        return s
    reading = w.reading
    if s == "他" and reading == "ホカ":
        return "ほか"             # ほかに / ほかの (その他, 他市 are read タ and keep their kanji)
    if s in ("事", "物", "訳", "所") and before is not None and before.pos[0] in _AFTER_CLAUSE:
        # A formal noun after a clause (〜すること, 〜したところ, 〜というわけ); after a bare noun 所 is
        # a place and 物 a thing, and keep their kanji.
        return {"事": "こと", "物": "もの", "訳": "わけ", "所": "ところ"}[s]
    if s == "所" and _is(before, "の") and _is(two_before, "今", "現在"):
        return "ところ"           # 今のところ, 現在のところ
    if s == "為" and reading == "タメ":
        return "ため"
    if s == "共" and _is(before, "と"):
        return "とも"             # 〜とともに
    if s == "位" and reading == "クライ":
        return "くらい"           # どのくらい
    if s == "通り" and reading == "トオリ":
        return _through(before, after, two_after) or s
    return s


def _through(before: Word | None, after: Word | None, two_after: Word | None) -> str | None:
    """通り as 〜のとおり / 〜どおり, or None where it may be a street or a count (二通り)."""
    if before is None or before.pos[1] == "数詞":
        return None
    if _is(after, "に") and two_after is not None and two_after.surface.startswith(("面", "沿", "出", "並")):
        return None               # 〜の通りに面した: the street
    if after is not None and (after.surface in ("は", "が", "を", "も", "沿い") or after.pos[0] == "名詞"
                              and after.pos[2] != "サ変可能"):
        return None               # 〜の通りは混雑, 通り沿い: the street
    if before.surface in ("の", "その", "この", "あの", "次の") or before.pos[0] in ("動詞", "助動詞"):
        return "とおり"           # 原案のとおり, そのとおり, おっしゃるとおり, 申し上げたとおり
    if before.surface in _DOORI_AFTER or before.pos == ("名詞", "普通名詞", "サ変可能") \
            or _is(before, "まで"):
        return "どおり"           # 予定どおり, 例年どおり, これまでどおり
    return None


def respell(transcript: Transcript) -> Transcript:
    """Every line of `transcript` in the written form of official documents, in place; returned."""
    for s in transcript.segments:
        s.text = to_official_spelling(s.text)
    return transcript


def respell_minutes(minutes: Minutes) -> Minutes:
    """The sentences of `minutes` (agenda titles and summaries, decisions, open issues, tasks) in the
    same written form as the transcript they were drawn from, in place; returned. Names, dates and
    owners are left as they are."""
    for a in minutes.agenda:
        a.title, a.summary = to_official_spelling(a.title), to_official_spelling(a.summary)
    for item in minutes.decisions + minutes.open_issues:
        item.text = to_official_spelling(item.text)
    for task in minutes.action_items:
        task.task = to_official_spelling(task.task)
    return minutes
