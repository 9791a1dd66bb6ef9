"""Japanese full-text search over the library (desktop.core.library).

A query is words separated by spaces (full-width too); every word must occur in the line. Each word
goes to the index that can answer it: three characters or more to the trigram index, two to the
bigram index, one to a scan. The longest word drives the ranking (bm25 of its index) among the
newest CANDIDATES matches that pass every filter; the others filter. Hits carry where the first word
matched, so the caller can mark it in the line.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .errors import InvalidQuery
from .library import Library, bigrams, normalise

# Matches ranked at most (the newest); see search().
CANDIDATES = 2000


@dataclass(frozen=True)
class Hit:
    folder: Path
    title: str
    date: str
    kind: str
    segment: Optional[int]
    start: Optional[float]
    speaker: str
    text: str
    match: tuple[int, int]       # the first word's place in `text` (start, end), (-1, -1) if not found

    def to_json(self) -> dict:
        return {"title": self.title, "date": self.date, "folder": str(self.folder), "kind": self.kind,
                "segment": self.segment, "start": self.start, "speaker": self.speaker, "text": self.text,
                "match": list(self.match)}

    def marked(self, left: str = "【", right: str = "】") -> str:
        a, b = self.match
        return self.text if a < 0 else self.text[:a] + left + self.text[a:b] + right + self.text[b:]


def words_of(query: str) -> list[str]:
    return [w for w in normalise(query).split() if w]


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def search(library: Library, query: str, speaker: str = "", date_from: Optional[dt.date] = None,
           date_to: Optional[dt.date] = None, limit: int = 50) -> list[Hit]:
    """Lines, minutes items, titles and attendees containing every word of `query`, best first."""
    words = words_of(query)
    if not words:
        raise InvalidQuery(query, value=query)
    # The longest word is usually the most selective: its index drives the search and the ranking.
    words.sort(key=len, reverse=True)
    lead, rest = words[0], words[1:]
    where, params = [], []
    if len(lead) >= 3:
        table, score = "tri", "bm25(tri)"
    elif len(lead) == 2:
        table, score = "bi", "bm25(bi)"
    else:
        table, score = "", "0.0"
    if table:
        where.append(f"{table} MATCH ?")
        params.append(_phrase(lead if table == "tri" else bigrams(lead)))
    else:
        where.append("instr(lower(l.text), ?) > 0")
        params.append(lead)
    for word in rest:
        if len(word) >= 3:
            where.append("l.id IN (SELECT rowid FROM tri WHERE tri MATCH ?)")
            params.append(_phrase(word))
        elif len(word) == 2:
            where.append("l.id IN (SELECT rowid FROM bi WHERE bi MATCH ?)")
            params.append(_phrase(bigrams(word)))
        else:
            where.append("instr(lower(l.text), ?) > 0")
            params.append(word)
    if speaker:
        where.append("instr(l.speaker, ?) > 0")
        params.append(speaker)
    if date_from:
        where.append("m.date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("m.date <> '' AND m.date <= ?")
        params.append(date_to.isoformat())
    # The matches are read newest first (the index's own order, so reading stops early) and at most
    # CANDIDATES of them are ranked: a word in a quarter of a 1,000-hour archive's lines would
    # otherwise be scored line by line (0.24 s here); a clerk wants the recent ones of those.
    source = f"{table} JOIN lines l ON l.id = {table}.rowid" if table else "lines l"
    order = f"{table}.rowid" if table else "l.id"
    sql = (f"SELECT * FROM (SELECT m.folder, m.title, m.date, l.kind, l.segment, l.start, l.speaker, l.text, "
           f"{score} AS score FROM {source} JOIN meetings m ON m.id = l.meeting_id WHERE {' AND '.join(where)} "
           f"ORDER BY {order} DESC LIMIT {CANDIDATES}) ORDER BY score, date DESC, start LIMIT ?")
    params.append(limit)
    rows = library.connection.execute(sql, params).fetchall()
    return [Hit(Path(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], _find(r[7], words)) for r in rows]


def _find(text: str, words: list[str]) -> tuple[int, int]:
    folded = normalise(text)
    for word in words:
        # NFKC keeps the length of Japanese text; where it does not (a ligature) the mark is only approximate.
        at = folded.find(word)
        if at >= 0:
            return at, at + len(word)
    return -1, -1
