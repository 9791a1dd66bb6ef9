"""The meeting library and Japanese search (issue 17): real SQLite files, real meeting folders."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from desktop.core import errors, store
from desktop.core.library import Library, bigrams
from desktop.core.search_query import search
from desktop.core.types import ActionItem, AgendaItem, Item, Meeting, Minutes, Segment, Transcript

from conftest import ROOT, run_cli

BUDGET = [("山本委員長", "ただいまから予算審査特別委員会を開会いたします。"),
          ("佐々木税務課長", "税務課長の佐々木です。市税の収入見込みについてご説明します。"),
          ("田中委員", "会場の使用料について、陳情が出ていると聞いています。"),
          ("佐々木税務課長", "はい、陳情第三号として受理しております。"),
          ("山本委員長", "ご異議なしと認めます。よって原案のとおり可決すべきものと決しました。")]
DRILL = [("小林部長", "防災訓練の実施計画について報告します。"),
         ("加藤係長", "避難所の開設手順を１０月１５日に確認します。"),
         ("小林部長", "次回は十一月に開催します。")]


def meeting_folder(root, name, title, date, lines, minutes=None):
    folder = root / name
    folder.mkdir(parents=True)
    store.write_json(folder / "meeting.json", Meeting(title=title, date=date,
                                                      attendees=sorted({s for s, _ in lines})).to_json())
    segs = [Segment(i + 1, 5.0 * i, 5.0 * i + 4, text, speaker) for i, (speaker, text) in enumerate(lines)]
    store.write_json(folder / "transcript.json", Transcript(segs, duration=5.0 * len(lines)).to_json())
    if minutes is not None:
        store.write_json(folder / "minutes.json", minutes.to_json())
    return folder


@pytest.fixture
def library(tmp_path):
    storage = tmp_path / "meetings"
    meeting_folder(storage, "20250601-budget", "予算審査特別委員会", "2025-06-01", BUDGET,
                   Minutes(title="予算審査特別委員会", agenda=[AgendaItem("市税の収入見込み", "", [2])],
                           decisions=[Item("議案第5号は原案のとおり可決すべきものと決した。", [5])],
                           action_items=[ActionItem("佐々木税務課長", "陳情第三号の回答案を作成する", "6月末", [4])]))
    meeting_folder(storage, "20241010-drill", "防災訓練打合せ", "2024-10-10", DRILL)
    lib = Library(tmp_path / "data", storage)
    assert lib.meetings() == []  # opening never indexes (the window opens it on its own thread) ...
    assert lib.sync() == 2       # ... the first sync does
    yield lib
    lib.close()


def texts(hits):
    return [h.text for h in hits]


def test_bigrams_pair_each_run_of_characters():
    assert bigrams("会場の使用料、ＡＩ") == "会場 場の の使 使用 用料 ａｉ"


def test_three_or_more_characters_use_the_trigram_index(library):
    hits = search(library, "使用料")
    assert texts(hits) == ["会場の使用料について、陳情が出ていると聞いています。"]
    h = hits[0]
    assert (h.title, h.date, h.speaker, h.start, h.segment) == ("予算審査特別委員会", "2025-06-01", "田中委員", 10.0, 3)
    assert h.marked() == "会場の【使用料】について、陳情が出ていると聞いています。"


def test_two_character_words_are_found_like_longer_ones(library):
    hits = search(library, "陳情")
    assert {h.text for h in hits} >= {"会場の使用料について、陳情が出ていると聞いています。",
                                      "はい、陳情第三号として受理しております。"}
    assert all("陳情" in h.text for h in hits)  # and only lines that contain it
    assert search(library, "会場")[0].marked().startswith("【会場】の使用料")
    assert search(library, "防災")[0].title == "防災訓練打合せ"


def test_words_a_meeting_does_not_contain_are_not_found(library):
    assert search(library, "量子計算") == []
    assert search(library, "請願") == []          # two characters, absent
    assert search(library, "場の使用") != []       # across a bigram boundary, present
    assert search(library, "用料の") == []         # the characters occur, not in that order


def test_one_character_and_every_word_of_a_query(library):
    assert texts(search(library, "市")) and all("市" in t for t in texts(search(library, "市")))
    both = search(library, "陳情 会場")
    assert texts(both) == ["会場の使用料について、陳情が出ていると聞いています。"]


def test_full_width_and_half_width_are_the_same(library):
    assert texts(search(library, "10月15日")) == ["避難所の開設手順を１０月１５日に確認します。"]


def test_minutes_items_titles_and_attendees_are_found_at_their_line(library):
    decision = [h for h in search(library, "可決") if h.kind == "decision"]
    assert decision and decision[0].segment == 5 and decision[0].start == 20.0
    action = [h for h in search(library, "回答案") if h.kind == "action"]
    assert action and action[0].speaker == "佐々木税務課長"
    assert any(h.kind == "title" for h in search(library, "特別委員会"))
    assert any(h.kind == "attendee" for h in search(library, "加藤係長"))


def test_speaker_and_date_filters(library):
    assert {h.speaker for h in search(library, "陳情", speaker="佐々木") if h.kind == "line"} == {"佐々木税務課長"}
    assert {h.title for h in search(library, "します", date_to=dt.date(2024, 12, 31))} == {"防災訓練打合せ"}
    assert {h.title for h in search(library, "します", date_from=dt.date(2025, 1, 1))} == {"予算審査特別委員会"}


def test_an_empty_query_is_refused(library):
    with pytest.raises(errors.InvalidQuery):
        search(library, "　 ")


def test_the_list_follows_the_folders(library, tmp_path):
    entries = library.meetings()
    assert [e.title for e in entries] == ["予算審査特別委員会", "防災訓練打合せ"]  # newest first
    assert entries[0].state == "minutes" and entries[1].state == "transcribed"
    assert entries[0].duration == 25.0
    meeting_folder(tmp_path / "meetings", "20260101-new", "新しい会議", "2026-01-01",
                   [("木村室長", "新年度の体制について。")])
    assert library.sync() == 3
    assert texts(search(library, "新年度"))
    # An edited transcript is read again on the next sync.
    path = tmp_path / "meetings" / "20241010-drill" / "transcript.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][0]["text"] = "防災無線の更新について報告します。"
    store.write_json(path, data)
    library.sync()
    assert texts(search(library, "防災無線")) and not texts(search(library, "実施計画"))


def test_deleting_moves_the_meeting_to_the_trash_first(library, tmp_path):
    folder = tmp_path / "meetings" / "20241010-drill"
    target = library.delete(folder)
    assert not folder.exists() and (target / "transcript.json").exists()
    assert target.parent.name == ".trash"
    assert search(library, "防災") == [] and len(library.meetings()) == 1
    assert library.sync() == 1  # the trash is never listed


def test_a_folder_added_from_elsewhere_stays_listed_after_a_rebuild(library, tmp_path):
    outside = meeting_folder(tmp_path / "cli-out", "m", "外部の会議", "2025-02-02",
                             [("木村室長", "庁舎の耐震化について。")])
    library.add(outside)
    assert library.rebuild() == 3
    assert texts(search(library, "耐震化"))
    with pytest.raises(errors.NotAMeeting):
        library.add(tmp_path)


@pytest.mark.parametrize("damage", ["deleted", "garbage", "truncated"])
def test_a_lost_or_damaged_database_is_rebuilt_from_the_folders(library, tmp_path, damage):
    path = library.path
    library.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(path) + suffix):
            os.remove(str(path) + suffix)
    if damage == "deleted":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    again = Library(tmp_path / "data", tmp_path / "meetings")
    try:
        assert again.sync() == 2
        assert len(again.meetings()) == 2
        assert texts(search(again, "陳情"))
        if damage != "deleted":
            assert list((tmp_path / "data").glob("library.db.damaged-*"))  # set aside, not deleted
    finally:
        again.close()


WRITER = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from desktop.core.library import Library
from desktop.core import store
from desktop.core.types import Meeting, Segment, Transcript
lib = Library(Path({data!r}), Path({storage!r}))
for n in range(60):
    f = Path({storage!r}) / f"live{{n:03d}}"
    f.mkdir()
    store.write_json(f / "meeting.json", Meeting(title=f"会議{{n}}", date="2025-07-01").to_json())
    store.write_json(f / "transcript.json", Transcript([Segment(1, 0, 3, f"議題{{n}}の報告です。")], 3).to_json())
    lib.add(f)
print("done", flush=True)
"""


def test_a_writer_and_a_reader_at_once_never_corrupt_it(library, tmp_path):
    """WAL: another process adds meetings while this one searches; no error, and a consistent result."""
    code = WRITER.format(root=str(ROOT), data=str(tmp_path / "data"), storage=str(tmp_path / "meetings"))
    writer = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    seen = 0
    while writer.poll() is None:
        hits = search(library, "報告です")
        assert all("報告です" in h.text for h in hits)
        seen = max(seen, len(hits))
    assert writer.returncode == 0 and writer.stdout.read().strip() == "done"
    assert len(search(library, "報告です", limit=100)) == 60
    assert sqlite3.connect(str(library.path)).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_cli_library_and_search(tmp_path, library):
    env = {"GIJIROKU_DATA_DIR": str(tmp_path / "data"), "GIJIROKU_CONFIG_DIR": str(tmp_path / "config")}
    store.write_json(tmp_path / "config" / "settings.json", {"storage_dir": str(tmp_path / "meetings")})
    listed = run_cli("library", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    assert [m["title"] for m in json.loads(listed.stdout)] == ["予算審査特別委員会", "防災訓練打合せ"]
    found = run_cli("search", "陳情", "--speaker", "田中", "--json", env=env)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits and {h["speaker"] for h in hits} == {"田中委員"}
    assert set(hits[0]) >= {"title", "date", "folder", "start", "speaker", "text"}
    none = run_cli("search", "量子計算", env=env)
    assert none.returncode == 1 and "見つかりませんでした" in none.stderr
    bad = run_cli("search", "予算", "--from", "来年のどこか", env=env)
    assert bad.returncode != 0 and "日付" in bad.stderr and "Traceback" not in bad.stderr


def test_a_processed_meeting_is_found_in_a_fresh_data_folder(processed_sample_run):
    """`gijiroku process` lists its meeting in the library of its data folder: 2- and 3+-character
    words find its lines with their time (and speaker field), words it does not contain find nothing."""
    out, data = processed_sample_run
    env = {"GIJIROKU_DATA_DIR": str(data), "GIJIROKU_CONFIG_DIR": str(data.parent / "config")}
    listed = json.loads(run_cli("library", "list", "--json", env=env).stdout)
    assert [m["folder"] for m in listed] == [str(out.resolve())] and listed[0]["state"] == "minutes"
    # Words this machine's decode heard (another CPU may skip or spell a word differently: the sentence
    # with タブレット was dropped by one build of the engine): one of two kanji, one of 3+ katakana.
    lines = [s["text"] for s in json.loads((out / "transcript.json").read_text(encoding="utf-8"))["segments"]]
    two = next(w for line in lines for w in re.findall(r"[一-龯]{2}", line))
    longer = next(w for line in lines for w in re.findall(r"[ァ-ヺー]{3,}", line))
    for word in (two, longer):
        r = run_cli("search", word, "--json", env=env)
        assert r.returncode == 0, r.stderr
        hits = [h for h in json.loads(r.stdout) if h["kind"] == "line"]
        assert hits and all(word in h["text"] for h in hits)
        assert all(isinstance(h["start"], float) and "speaker" in h for h in hits)
        assert hits[0]["title"] == "第2回 庁内ペーパーレス化推進会議" and hits[0]["date"] == "2025-12-01"
    for absent in ("陳情", "量子計算"):
        assert run_cli("search", absent, "--json", env=env).returncode == 1
