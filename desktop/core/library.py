"""The clerk's archive: every meeting listed in one SQLite database, its words searchable in Japanese.

The meeting folders stay the truth. The database (library.db in the data folder) is an index of
them: a folder is read again when its files change, a lost or damaged database is set aside and
rebuilt from the folders (the storage folder, and the folders added from elsewhere, which are also
listed in a plain text file beside it). WAL mode: a recording writing and a search reading at the
same moment never block or corrupt each other.

Search (desktop.core.search_query) has two indexes because FTS5's trigram tokenizer cannot match
fewer than three characters, and Japanese is full of two-character words (会場, 陳情, 予算):
  `tri`  trigram FTS5 over each line's text: terms of three characters or more;
  `bi`   the same lines as overlapping bigrams ("会場の" -> "会場 場の") under unicode61: exactly
         the two-character terms, ranked by bm25 like the others;
and a one-character term scans the lines with instr() (rare, and still fast at this size).
"""
from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from . import store
from .errors import GijirokuError, LibraryUnavailable, NotAMeeting
from .meetings import AUDIO_FILE, MEETING_FILE, MINUTES_FILE, SOURCE_FILE, TRANSCRIPT_FILE, TRASH_DIR, MeetingStore
from .types import Meeting, Minutes

log = logging.getLogger("gijiroku.library")

SCHEMA_VERSION = 1
DB_FILE = "library.db"
FOLDERS_FILE = "library-folders.txt"   # folders added from outside the storage folder
# Files whose change means the meeting must be read again.
WATCHED = (MEETING_FILE, TRANSCRIPT_FILE, MINUTES_FILE, AUDIO_FILE, SOURCE_FILE)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS meetings(
    id INTEGER PRIMARY KEY, folder TEXT UNIQUE NOT NULL, title TEXT, date TEXT, duration REAL,
    state TEXT, attendees TEXT, signature TEXT, indexed_at REAL);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings(date);
CREATE TABLE IF NOT EXISTS lines(
    id INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL, kind TEXT, segment INTEGER, start REAL,
    speaker TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS lines_meeting ON lines(meeting_id);
CREATE VIRTUAL TABLE IF NOT EXISTS tri USING fts5(text, tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS bi USING fts5(text, tokenize='unicode61 remove_diacritics 0');
"""


@dataclass(frozen=True)
class MeetingEntry:
    folder: Path
    title: str
    date: str
    duration: float
    state: str        # recorded | transcribed | minutes
    attendees: list[str]


@dataclass(frozen=True)
class IndexedLine:
    kind: str         # line (transcript) | title | attendee | agenda | summary | decision | action | issue | next
    segment: Optional[int]
    start: Optional[float]
    speaker: str
    text: str


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters, half-width kana fold) and lower case: what both indexes hold,
    and what a query is turned into, so １０月 finds 10月."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> str:
    """Overlapping character pairs of each run of word characters, space-separated: what the `bi`
    index stores and how a two-character query is matched."""
    out: list[str] = []
    run: list[str] = []
    for ch in text.lower() + " ":
        if ch.isalnum():
            run.append(ch)
            continue
        out.extend(run[i] + run[i + 1] for i in range(len(run) - 1))
        run = []
    return " ".join(out)


def signature(folder: Path) -> str:
    parts = []
    for name in WATCHED:
        try:
            st = (Path(folder) / name).stat()
            parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
        except OSError:
            continue
    return "|".join(parts)


def read_meeting(folder: Path) -> tuple[MeetingEntry, list[IndexedLine]]:
    """What the library keeps of one meeting folder; raises NotAMeeting if it holds none."""
    folder = Path(folder)
    meeting = store.load_meeting(folder / MEETING_FILE) if (folder / MEETING_FILE).exists() else None
    transcript = _optional(store.load_transcript, folder / TRANSCRIPT_FILE)
    minutes = _optional(store.load_minutes, folder / MINUTES_FILE)
    if meeting is None and transcript is None and minutes is None:
        raise NotAMeeting(str(folder), path=str(folder))
    meeting = meeting or Meeting(title=minutes.title if minutes else "", date=minutes.date if minutes else "")
    lines: list[IndexedLine] = []
    if meeting.title:
        lines.append(IndexedLine("title", None, None, "", meeting.title))
    lines.extend(IndexedLine("attendee", None, None, "", a) for a in meeting.attendees if a.strip())
    starts: dict[int, tuple[float, str]] = {}
    if transcript is not None:
        for s in transcript.segments:
            starts[s.id] = (s.start, s.speaker)
            if s.text.strip():
                lines.append(IndexedLine("line", s.id, s.start, s.speaker, s.text))
    if minutes is not None:
        lines.extend(_minutes_lines(minutes, starts))
    state = "minutes" if minutes is not None else "transcribed" if transcript is not None else "recorded"
    duration = transcript.duration if transcript is not None else 0.0
    entry = MeetingEntry(folder, meeting.title, meeting.date, duration, state, list(meeting.attendees))
    return entry, lines


def _minutes_lines(minutes: Minutes, starts: dict[int, tuple[float, str]]) -> Iterator[IndexedLine]:
    """Each minutes item, placed at the first transcript line it came from (a hit opens it there)."""
    def at(kind: str, text: str, refs: Sequence[int]) -> Optional[IndexedLine]:
        if not text.strip():
            return None
        ref = next((r for r in refs if r in starts), None)
        start, speaker = starts.get(ref, (None, "")) if ref is not None else (None, "")
        return IndexedLine(kind, ref, start, speaker, text)

    items = []
    for a in minutes.agenda:
        items += [at("agenda", a.title, a.refs), at("summary", a.summary, a.refs)]
    items += [at("decision", d.text, d.refs) for d in minutes.decisions]
    items += [at("action", "　".join(x for x in (a.owner, a.task, a.due) if x), a.refs) for a in minutes.action_items]
    items += [at("issue", i.text, i.refs) for i in minutes.open_issues]
    items.append(at("next", minutes.next_meeting, []))
    yield from (i for i in items if i is not None)


def _optional(load, path: Path):
    if not path.exists():
        return None
    try:
        return load(path)
    except GijirokuError:
        log.warning("library: %s is damaged; the meeting is listed without it", path.name)
        return None


class Library:
    """The index. One per process; each method opens its own short transaction."""

    def __init__(self, data_dir: Path, storage_dir: Path):
        self.data_dir = Path(data_dir)
        self.storage_dir = Path(storage_dir)
        self.path = self.data_dir / DB_FILE
        self.folders_file = self.data_dir / FOLDERS_FILE
        self._db = self._open()

    # ---- opening, and rebuilding from the folders -------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        store.ensure_dir(self.data_dir)
        existed = self.path.exists()
        try:
            db = self._connect()
            if existed and not self._healthy(db):
                db.close()
                raise sqlite3.DatabaseError("damaged or of another version")
        except sqlite3.DatabaseError as exc:
            aside = self.path.with_name(f"{DB_FILE}.damaged-{int(time.time())}")
            log.warning("library database unusable (%s): set aside as %s, rebuilt from the folders at the next sync",
                        exc, aside.name)
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.replace(str(self.path) + suffix, str(aside) + suffix)
            db = self._connect()
        # A new (or set-aside) database is filled by the next sync(): never here, since opening happens
        # on the window's thread and indexing years of meetings takes minutes.
        return db

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES('schema', ?)", (str(SCHEMA_VERSION),))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "readonly" in str(exc) or "unable to open" in str(exc):
                raise LibraryUnavailable(str(exc), path=str(self.path)) from exc
            raise sqlite3.DatabaseError(str(exc)) from exc
        return db

    def _healthy(self, db: sqlite3.Connection) -> bool:
        """Cheap checks, made at every open (a full quick_check reads the whole file: ~1 s at 400 MB,
        paid by every `gijiroku search`): our schema's version, the tables readable, and a file as long
        as its header says (a truncated copy is not)."""
        try:
            row = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            db.execute("SELECT count(*) FROM meetings").fetchone()
            pages = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
        except sqlite3.DatabaseError:
            return False
        wal = Path(str(self.path) + "-wal")
        # With a write-ahead log in use, pages may live in the log and the file be shorter: no size check.
        short = self.path.stat().st_size < pages and not (wal.exists() and wal.stat().st_size > 0)
        return row is not None and int(row[0]) == SCHEMA_VERSION and not short

    def close(self) -> None:
        self._db.close()

    def rebuild(self) -> int:
        """Index every meeting folder again from scratch; returns how many are listed."""
        with self._transaction() as db:
            for table in ("meetings", "lines", "tri", "bi"):
                db.execute(f"DELETE FROM {table}")
        return self.sync()

    # ---- keeping up with the folders ----------------------------------------------------------------
    def known_folders(self) -> list[Path]:
        """The storage folder's meetings, and those added from elsewhere (stored resolved already)."""
        found = []
        if self.storage_dir.is_dir():
            root = self.storage_dir.resolve()  # resolved once, not per folder: sync runs before every search
            found = [root / e.name for e in os.scandir(root) if e.is_dir() and e.name != TRASH_DIR]
        return found + [p for p in self._added_folders() if p.is_dir()]

    def sync(self) -> int:
        """Read again the folders that changed, drop those that are gone; returns the count listed."""
        wanted = {str(p): p for p in self.known_folders()}
        listed = {row[0]: row[1] for row in self._db.execute("SELECT folder, signature FROM meetings")}
        for folder in set(listed) - set(wanted):
            self._drop(folder)
        for key, folder in wanted.items():
            if listed.get(key) != signature(folder):
                with contextlib.suppress(GijirokuError):
                    self._index(folder)
        return self._db.execute("SELECT count(*) FROM meetings").fetchone()[0]

    def add(self, folder: Path) -> MeetingEntry:
        """List a meeting folder (and keep it listed after a rebuild); raises NotAMeeting if it holds none."""
        folder = Path(folder).resolve()
        entry = self._index(folder)
        if not self._inside_storage(folder) and folder not in self._added_folders():
            added = self._added_folders() + [folder]
            store.write_text(self.folders_file, "".join(f"{p}\n" for p in added))
        return entry

    def update(self, folder: Path) -> None:
        """The app saved something in this meeting: read it again (quietly; the folder is the truth)."""
        with contextlib.suppress(GijirokuError, sqlite3.Error):
            if signature(folder) != self._signature_of(folder):
                self._index(folder)

    def delete(self, folder: Path) -> Path:
        """Move the meeting to the trash folder first, then forget it; returns where it went."""
        folder = Path(folder).resolve()
        target = MeetingStore(self.storage_dir).trash(folder)
        self._drop(str(folder))
        if folder in self._added_folders():
            store.write_text(self.folders_file, "".join(f"{p}\n" for p in self._added_folders() if p != folder))
        return target

    def meetings(self) -> list[MeetingEntry]:
        rows = self._db.execute("SELECT folder, title, date, duration, state, attendees FROM meetings "
                                "ORDER BY date DESC, folder DESC").fetchall()
        return [MeetingEntry(Path(r[0]), r[1], r[2], r[3], r[4], [a for a in r[5].split("\n") if a]) for r in rows]

    # ---- internals ----------------------------------------------------------------------------------
    def _index(self, folder: Path) -> MeetingEntry:
        folder = Path(folder).resolve()
        sig = signature(folder)
        entry, lines = read_meeting(folder)
        with self._transaction() as db:
            self._drop(str(folder), db)
            cur = db.execute("INSERT INTO meetings(folder, title, date, duration, state, attendees, signature, "
                             "indexed_at) VALUES(?,?,?,?,?,?,?,?)",
                             (str(folder), entry.title, entry.date, entry.duration, entry.state,
                              "\n".join(entry.attendees), sig, time.time()))
            meeting_id = cur.lastrowid
            self._insert_lines(db, meeting_id, lines)
        return entry

    @staticmethod
    def _insert_lines(db: sqlite3.Connection, meeting_id: int, lines: Iterable[IndexedLine]) -> None:
        lines = list(lines)
        if not lines:
            return
        first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM lines").fetchone()[0]
        ids = range(first, first + len(lines))
        db.executemany("INSERT INTO lines(id, meeting_id, kind, segment, start, speaker, text) VALUES(?,?,?,?,?,?,?)",
                       [(i, meeting_id, x.kind, x.segment, x.start, x.speaker, x.text) for i, x in zip(ids, lines)])
        folded = [normalise(x.text) for x in lines]
        db.executemany("INSERT INTO tri(rowid, text) VALUES(?, ?)", zip(ids, folded))
        db.executemany("INSERT INTO bi(rowid, text) VALUES(?, ?)", [(i, bigrams(t)) for i, t in zip(ids, folded)])

    def _drop(self, folder: str, db: Optional[sqlite3.Connection] = None) -> None:
        db = db or self._db
        row = db.execute("SELECT id FROM meetings WHERE folder = ?", (folder,)).fetchone()
        if row is None:
            return
        ids = [r[0] for r in db.execute("SELECT id FROM lines WHERE meeting_id = ?", (row[0],))]
        for table in ("tri", "bi"):
            db.executemany(f"DELETE FROM {table} WHERE rowid = ?", [(i,) for i in ids])
        db.execute("DELETE FROM lines WHERE meeting_id = ?", (row[0],))
        db.execute("DELETE FROM meetings WHERE id = ?", (row[0],))

    def _signature_of(self, folder: Path) -> Optional[str]:
        row = self._db.execute("SELECT signature FROM meetings WHERE folder = ?", (str(Path(folder).resolve()),))
        found = row.fetchone()
        return found[0] if found else None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _added_folders(self) -> list[Path]:
        try:
            text = self.folders_file.read_text(encoding="utf-8")
        except OSError:
            return []
        return [Path(line) for line in text.splitlines() if line.strip()]

    def _inside_storage(self, folder: Path) -> bool:
        try:
            return folder.parent == self.storage_dir.resolve()
        except OSError:
            return False

    @property
    def connection(self) -> sqlite3.Connection:
        """For desktop.core.search_query only."""
        return self._db
