"""Meeting vocabulary: names and terms the clerk knows in advance, and the correction step that
puts them back where Whisper misheard them.

Whisper writes what it hears in the spelling it knows best: 松本 becomes 松元, 財政課 becomes
財政家, 係長 becomes かかり庁. The misheard span still *sounds* like the term, so the correction
compares readings (pyopenjtalk, offline): a span of the transcript whose reading matches a
vocabulary entry's is replaced by the entry. Guards keep correct words alone: a name is only put
where a name stands (before a title, です, は ...), words with everyday homophones (承知/招致) only
in their context, and a near (not exact) reading only for a span that is not one dictionary word.
A replacement always covers whole words (Sudachi's long units): a term is never written into the
middle of a word that merely contains its sound or spelling (解決策 is not 解決 + 決策, 第二回庁内 not
第二 + 回庁 + 内), and a word that is another spelling of the term (打ち合わせ / 打合せ) is left as written.
With the built-in list come the chair's formulas (desktop.core.formulas): whole sentences of assembly
procedure, put back where their sounds were heard in other characters.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional

from . import paths
from .designators import DAI, AgendaItem, agenda_items, heard_right, restore_designators
from .formulas import Formula, builtin_formulas, restore_across, restore_formulas
from .japanese import kanji_to_int
from .mishearing import garbles
from .names import TITLES, strip_title
from .reading import Morpheme, aligned, normalized_word, reading_of, word_bounds
from .types import Transcript

NAME_AFTER = re.compile("^(" + "|".join(sorted(TITLES, key=len, reverse=True)) + "|です|は、|から)")
# Where a person's name with title stands: the addressee (〜は、) or the speaker (〜から、〜です).
_DESIGNATOR = re.compile(r"第([0-9０-９]+|[〇一二三四五六七八九十百千]+)")
_ADDRESS = re.compile(r"^([^、。はがをにでと]{2,8})は、")
TITLED_AFTER = re.compile(r"^(は|には|から|より|、|です)")
# Before an honorific stands a person (三つ森さん reads as 見積もり): only a name is written there.
HONORIFIC_AFTER = re.compile(r"^(?:さん|様|さま|氏|君|くん|ちゃん)")
PUNCT = set("、。，．,.!?！？「」『』（）() 　")
MAX_SPAN = 4
FORMULA_PAUSE_S = 1.5   # two lines this close may be one sentence Whisper cut in two


@dataclass(frozen=True)
class Term:
    surface: str
    reading: str
    kind: str = "term"          # "term" or "name"
    context: str = "any"        # "any" or "after:REGEX"
    source: str = "meeting"     # attendee | meeting | user | builtin
    # Spellings Whisper is known to write for it that are no word of their own (日定 for 日程):
    # pyopenjtalk reads such garbles by other readings (日定 ヒジョー), so the reading cannot find them.
    heard: tuple[str, ...] = ()


def parse_term(line: str, source: str) -> Optional[Term]:
    """`surface[TAB reading[TAB context[TAB heard,heard]]]`; the reading is computed when absent."""
    parts = line.rstrip("\n").split("\t")
    surface = parts[0].strip()
    if not surface or surface.startswith("#"):
        return None
    reading = parts[1].strip() if len(parts) > 1 and parts[1].strip() else reading_of(surface)
    context = parts[2].strip() if len(parts) > 2 and parts[2].strip() else "any"
    heard = tuple(h.strip() for h in parts[3].split(",") if h.strip()) if len(parts) > 3 else ()
    return Term(surface, katakana(reading), "term", context, source, heard)


def load_terms_file(path: Path, source: str) -> list[Term]:
    """One term a line (see parse_term); # starts a comment. The fourth column lists spellings
    Whisper writes for the term."""
    terms = [parse_term(line, source) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    return [t for t in terms if t is not None]


def builtin_terms() -> list[Term]:
    return load_terms_file(paths.resource("vocabulary", "admin.tsv"), "builtin")


_O_ROW = set("オコゴソゾトドノホボポモヨョロヲ")
_E_ROW = set("エケゲセゼテデネヘベペメレ")


def katakana(text: str) -> str:
    """A reading given by a clerk (しょうじ) -> as pyopenjtalk pronounces it (ショージ): katakana,
    with the long vowels おう/えい written ー."""
    kana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in unicodedata.normalize("NFKC", text))
    out = []
    for c in kana:
        if out and ((c == "ウ" and out[-1] in _O_ROW) or (c == "イ" and out[-1] in _E_ROW)):
            out.append("ー")
        else:
            out.append(c)
    return "".join(out)


def attendee_terms(attendees: Iterable[str]) -> list[Term]:
    """'井上課長補佐' gives the surname 井上 as a name (the title is in the built-in vocabulary),
    and the name with its title as one term: Whisper garbles the pair across the boundary
    (山田委員 -> 山大林, 小林主任 -> 小林主人), which neither part alone would match."""
    out = []
    for a in attendees:
        name, _, reading = a.partition("\t")
        name = name.strip()
        surname = strip_title(name)
        if surname:
            r = katakana(reading) if reading else reading_of(surname)
            out.append(Term(surname, r, "name", "any", "attendee"))
            if surname != name:
                out.append(Term(name, r + reading_of(name[len(surname):]), "titled", "any", "attendee"))
    return out


class Vocabulary:
    def __init__(self, terms: Iterable[Term], formulas: Iterable[Formula] = ()):
        self.terms = [t for t in terms if t.reading]
        self.formulas = list(formulas)
        # The 議事日程's numbered items among the meeting's terms (desktop.core.designators).
        self.agenda = agenda_items(t.surface for t in self.terms if t.source == "meeting")
        # Those heard right so far: a recording's live pieces are corrected one by one, with this vocabulary.
        self._agenda_heard: frozenset[AgendaItem] = frozenset()
        self._by_reading: dict[str, list[Term]] = {}
        for t in self.terms:
            self._by_reading.setdefault(t.reading, []).append(t)

    @classmethod
    def for_meeting(cls, attendees: Iterable[str] = (), terms: Iterable[str] = (), user_terms: Iterable[Term] = (),
                    builtin: bool = True) -> "Vocabulary":
        """Attendees, the meeting's terms, the clerk's dictionary; and the built-in administrative
        list, unless `user_terms` carries the clerk's edited copy of it."""
        meeting = [t for t in (parse_term(line, "meeting") for line in terms) if t is not None]
        user_terms = list(user_terms)
        edited_builtin = any(t.source == "builtin" for t in user_terms)
        standard = builtin_terms() if builtin and not edited_builtin else []
        return cls([*attendee_terms(attendees), *meeting, *user_terms, *standard],
                   builtin_formulas() if builtin else ())

    # ---- correction --------------------------------------------------------------------------
    def correct_text(self, text: str, agenda_heard: Optional[frozenset[AgendaItem]] = None
                     ) -> tuple[str, list[tuple[str, str]]]:
        """The text with misheard spans replaced; and the (heard, written) pairs replaced.
        `agenda_heard`: the agenda's items heard right anywhere in the meeting (by default: in `text`)."""
        text, changes = restore_designators(text, self.agenda, agenda_heard)
        text, heard = self._replace_heard(text)
        changes += heard
        text, addressed = self._fix_addressee(text)
        changes += addressed
        tokens = aligned(text)
        bounds = word_bounds(text)
        offsets = [0]
        for m in tokens:
            offsets.append(offsets[-1] + len(m.surface))
        out, i = [], 0
        while i < len(tokens):
            hit = None
            for exact in (True, False):  # an exact reading at any length beats a near one
                for n in range(min(MAX_SPAN, len(tokens) - i), 0, -1):
                    span = tokens[i:i + n]
                    surface = "".join(m.surface for m in span)
                    if offsets[i] not in bounds or offsets[i + n] not in bounds:
                        continue  # not whole words: 回庁 in 第二回庁内, 日定 in 毎日定時
                    if (
                        any(c in PUNCT for c in surface)
                        or span[0].pos == "助詞"
                        or (span[-1].pos == "助詞" and not exact)
                    ):
                        continue  # a term never starts with a particle (電子か: 化 heard as the particle か)
                    if any(not m.reading for m in span) or (not exact and any(m.pos == "助詞" for m in span)):
                        continue  # digits have no reading here; a near match never reaches across a particle
                    after = "".join(m.surface for m in tokens[i + n:i + n + 4])
                    term = self._match(span, surface, after, exact)
                    if term is not None:
                        hit = (n, surface, term)
                        break
                if hit:
                    break
            if hit is None:
                out.append(tokens[i].surface)
                i += 1
                continue
            n, surface, term = hit
            out.append(term.surface)
            changes.append((surface, term.surface))
            i += n
        text, mended = self._mend_garbles("".join(out))
        # The chair's formulas last: the words just mended (下南 -> 原案) make them easier to hear.
        text, restored = restore_formulas(text, self.formulas)
        return text, changes + mended + restored

    def _replace_heard(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Spellings Whisper writes for a term, replaced where they stand as whole words (決策 alone,
        not inside 解決策; 日定 alone, not across 毎日 | 定時)."""
        changes = []
        for term in self.terms:
            for heard in term.heard:
                after = term.context[6:] if term.context.startswith("after:") else ""
                # 第 is heard in any kanji of its sound (desktop.core.designators.DAI): 審査大 as 審査第.
                spelled = re.escape(heard[:-1]) + f"[{DAI}]" if heard.endswith("第") else re.escape(heard)
                pattern = re.compile(spelled + (f"(?={after.lstrip('^')})" if after else ""))
                bounds = word_bounds(text)
                found = [m for m in pattern.finditer(text) if m.start() in bounds and m.end() in bounds
                         and (term.kind in ("name", "titled") or not HONORIFIC_AFTER.match(text[m.end():]))]
                for m in reversed(found):
                    text = text[:m.start()] + term.surface + text[m.end():]
                changes += [(m.group(0), term.surface) for m in found]
        return text, changes

    def _mend_garbles(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """A span that reads as no word (desktop.core.mishearing: 統論, 道論, 編解), replaced by a term
        of as many characters that sounds the same, or one sound off (討論, 閉会), read kanji by kanji
        as the dictionary reads each alone. pyopenjtalk reads a lone kanji by its native reading
        (統 スベ, 道 ミチ), which is not the sound Whisper wrote it for, so the pass above misses them.
        Ordinary text has no such span: no correct word can be changed here."""
        changes = []
        for g in reversed(garbles(text)):
            if not g.sound:
                continue
            # As two nouns, the way _match weighs a garble split in pieces; it reads their readings
            # joined, so where the sound is cut between them does not matter.
            half = len(g.sound) // 2
            span = [Morpheme(g.surface[:1], g.sound[:half], "名詞"), Morpheme(g.surface[1:], g.sound[half:], "名詞")]
            after = text[g.end:g.end + 8]
            for exact in (True, False):
                term = self._match(span, g.surface, after, exact)
                if term is not None:
                    break
            if term is None or len(term.surface) != len(g.surface):
                continue  # Whisper swaps each kanji for one of its sound: the word has as many
            text = text[:g.start] + term.surface + text[g.end:]
            changes.append((g.surface, term.surface))
        return text, changes

    def _fix_addressee(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """「移動しさは、…してください」: a sentence that opens by addressing someone names an attendee.
        Whisper garbles a name with its title beyond one sound (伊藤主査 -> 移動しさ); in this place a
        close reading (not an exact one) is enough, as it is for the owner of an action item."""
        m = _ADDRESS.match(text)
        titled = [t for t in self.terms if t.kind == "titled"]
        if m is None or not titled or any(strip_title(t.surface) in m.group(1) for t in titled):
            return text, []  # nobody addressed, or the name is already right (松本さん stays 松本さん)
        heard = reading_of(m.group(1))
        if len(heard) < 5:
            return text, []
        score, best = max((difflib.SequenceMatcher(None, heard, t.reading).ratio(), t.surface) for t in titled)
        if score < 0.7:
            return text, []
        return best + text[m.end(1):], [(m.group(1), best)]

    def _match(self, span: list[Morpheme], surface: str, after: str, exact: bool) -> Optional[Term]:
        reading = "".join(m.reading for m in span)
        if len(reading) < 2:
            return None
        if exact:
            candidates = self._by_reading.get(reading, [])
        elif len(span) >= 2 and len(reading) >= 4:
            # A near reading, only for a span that is not one dictionary word (ASR garble splits
            # into pieces; a real word the speaker said is one morpheme).
            candidates = [t for t in self.terms if abs(len(t.reading) - len(reading)) <= 1
                          and len(t.reading) >= 4 and _one_edit(t.reading, reading)]
            if len({t.surface for t in candidates}) > 1:
                return None  # as near to two terms: which one is a guess
            heard_number = designator_number(surface)
            if heard_number is not None and (after.startswith("号") or surface.endswith("号") or any(
                    designator_number(t.surface) == heard_number for t in self.terms)):
                # 議案第25号 said whole is another bill, and 議案第25 is the listed 議案第二十五号 with its
                # 号 lost: only a number no listed designator has (25 heard for 二十号) is a mishearing.
                return None
        else:
            return None
        for term in candidates:
            if surface == term.surface or term.surface in surface:
                return None  # already right
            same_word = normalized_word(surface)
            if exact and same_word is not None and same_word == normalized_word(term.surface):
                return None  # the same word in another spelling (打ち合わせ for 打合せ): as written
            if surface in term.surface:
                continue  # part of the term is there; the rest is not a mishearing of it
            if term.kind == "name" and (not NAME_AFTER.match(after) or any(m.pos not in ("名詞", "") for m in span)):
                continue  # a word that merely sounds like a name, not in a name's place
            if term.kind == "titled" and (
                not TITLED_AFTER.match(after) or any(m.pos not in ("名詞", "") for m in span)
            ):
                continue  # name + title: only where an addressee or a speaker stands (not 山田医院に)
            if term.kind not in ("name", "titled") and HONORIFIC_AFTER.match(after):
                continue
            if term.context.startswith("after:") and not re.match(term.context[6:], after):
                continue
            return term
        return None

    def correct(self, transcript: Transcript) -> tuple[Transcript, list[tuple[str, str]]]:
        changes: list[tuple[str, str]] = []
        segments = []
        agenda_heard = self._agenda_heard | heard_right((s.text for s in transcript.segments), self.agenda)
        self._agenda_heard = agenda_heard
        for s in transcript.segments:
            text, c = self.correct_text(s.text, agenda_heard)
            changes += c
            prev = segments[-1] if segments else None
            split = (restore_across(prev.text, text, self.formulas)
                     if prev is not None and s.start - prev.end < FORMULA_PAUSE_S else None)
            if split is not None:
                # A formula Whisper cut in two is written whole in the line where it began; a line it
                # used up entirely joins that line.
                first, text, heard, written = split
                changes.append((heard, written))
                if not text.strip(" 、。"):
                    segments[-1] = replace(prev, text=first + text, end=s.end)
                    continue
                segments[-1] = replace(prev, text=first)
            segments.append(replace(s, text=text))
        return Transcript(segments, transcript.duration, transcript.language), changes

    def hotwords(self, limit_chars: int = 120) -> str:
        """Names and meeting terms for the decoder, shortest list first (the built-in list is left out:
        hotwords are applied to every window and long lists make Whisper drop speech)."""
        words, used = [], 0
        for t in self.terms:
            if (
                t.source in ("attendee", "meeting", "user")
                and t.surface not in words
                and used + len(t.surface) < limit_chars
            ):
                words.append(t.surface)
                used += len(t.surface) + 1
        return " ".join(words)


def designator_number(text: str) -> Optional[int]:
    """The number of the designator in `text` (議案第25 -> 25, 請願第三号 -> 3), or None."""
    m = _DESIGNATOR.search(text)
    if m is None:
        return None
    number = unicodedata.normalize("NFKC", m.group(1))
    return int(number) if number.isdigit() else kanji_to_int(number)


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))
