"""`make bench` (part): the meeting library at the scale of an assembly office's archive.

Makes N meeting folders (default 2,000 of about 30 minutes each: about 1,000 hours, 300 lines apiece)
from the fixture meetings' sentences, with numbers, names and dates varied, then measures: adding a
meeting (read its folder, index it), the database's size, and searches of 2-character,
3+-character, two-word, rare and absent words, with and without filters. Target (issue 17): a query
in <= 0.2 s, an add in <= 0.5 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core import store  # noqa: E402
from desktop.core.library import Library  # noqa: E402
from desktop.core.search_query import search  # noqa: E402
from desktop.core.types import Meeting, Segment, Transcript  # noqa: E402

SPEAKERS = ["木村室長", "松本主任", "井上課長補佐", "佐々木税務課長", "田中委員", "山本委員長", "小林部長", "加藤係長"]
TOPICS = ["予算", "防災", "ペーパーレス", "陳情", "会場", "道路整備", "子育て支援", "公共施設", "議会運営", "観光振興"]


def sentences() -> list[str]:
    out = []
    for ref in sorted((ROOT / "tests" / "fixtures").glob("*.ref.json")):
        out += [u["text"] for u in json.loads(ref.read_text(encoding="utf-8"))["utterances"]]
    return out


def make_meetings(root: Path, count: int, lines_per: int, rng: random.Random) -> list[Path]:
    base = sentences()
    folders = []
    day = dt.date(2019, 4, 1)
    for n in range(count):
        folder = root / f"m{n:05d}"
        folder.mkdir(parents=True)
        topic = TOPICS[n % len(TOPICS)]
        date = day + dt.timedelta(days=n)
        segs, t = [], 0.0
        for i in range(lines_per):
            text = rng.choice(base).replace("四月", f"{rng.randint(1, 12)}月").replace("百", str(rng.randint(2, 999)))
            if rng.random() < 0.05:
                text = f"{topic}について{text}"
            length = 2.0 + len(text) * 0.12
            segs.append(Segment(i + 1, t, t + length, text, rng.choice(SPEAKERS)))
            t += length + 0.5
        store.write_json(folder / "meeting.json", Meeting(title=f"第{n + 1}回 {topic}検討会議", date=date.isoformat(),
                                                          attendees=rng.sample(SPEAKERS, 4)).to_json())
        store.write_json(folder / "transcript.json", Transcript(segs, duration=t).to_json())
        folders.append(folder)
    return folders


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=2000)
    ap.add_argument("--lines", type=int, default=300, help="lines per meeting (300 ~ 30 minutes)")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gijiroku-library-bench-"))
    try:
        t0 = time.perf_counter()
        folders = make_meetings(work / "meetings", args.meetings, args.lines, random.Random(7))
        made = time.perf_counter() - t0
        lib = Library(work / "data", work / "elsewhere")
        adds = []
        t0 = time.perf_counter()
        for folder in folders:
            a = time.perf_counter()
            lib.add(folder)
            adds.append(time.perf_counter() - a)
        indexed = time.perf_counter() - t0
        lib.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(p.stat().st_size for p in (work / "data").iterdir()) / 1e6
        sampled = folders[:50]
        hours = sum(store.load_transcript(f / "transcript.json").duration for f in sampled) / len(sampled) \
            * len(folders) / 3600
        queries = [("2 chars, common", "予算", {}), ("2 chars, rare", "陳情", {}), ("3+ chars", "電子化", {}),
                   ("3+ chars, common", "いたします", {}), ("two words", "会場 予算", {}),
                   ("with speaker", "防災", {"speaker": "田中委員"}),
                   ("with dates", "配備", {"date_from": dt.date(2021, 1, 1), "date_to": dt.date(2021, 12, 31)}),
                   ("1 char", "紙", {}), ("1 char, absent", "鬱", {}), ("2 chars, absent", "請願", {}),
                   ("absent", "量子コンピュータ", {})]
        rows = []
        for name, q, kw in queries:
            seconds, hits = timed(lambda: search(lib, q, **kw))
            rows.append((name, q, seconds, len(hits)))
        print(f"\nbench library: {len(folders)} meetings, ~{hours:,.0f} hours, {args.lines} lines each "
              f"(made in {made:.0f} s)\n")
        print(f"{'add a meeting (median)':<28}{statistics.median(adds):>8.3f} s   (max {max(adds):.3f} s, "
              f"target <= 0.5 s)")
        print(f"{'index all':<28}{indexed:>8.1f} s")
        print(f"{'database size':<28}{size:>8.0f} MB")
        print(f"\n{'query':<20}{'words':<18}{'seconds':>9}{'hits':>6}   (target <= 0.2 s)")
        for name, q, seconds, n in rows:
            print(f"{name:<20}{q:<18}{seconds:>9.3f}{n:>6}")
        lib.close()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
