"""The three levels of a transcript's text (desktop.core.tidying): ケバ取り removes fillers and
stutters and nothing else, 整文 adds light written forms, a line the clerk marked stays as heard."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.core.export import ExportOptions, export
from desktop.core.tidying import kebatori, seibun, tidy
from desktop.core.types import Segment, Transcript

NEGATIVE = Path(__file__).parent / "fixtures" / "negative"
NAMES = ("佐藤", "高橋", "伊藤", "山田", "市民会館")


def ordinary_lines() -> list[str]:
    return [ln.strip() for f in sorted(NEGATIVE.glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def filler_pairs() -> list[tuple[str, str]]:
    rows = (NEGATIVE / "fillers.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(r.split("\t")) for r in rows if r.strip() and not r.startswith("#")]


def test_kebatori_removes_fillers_and_stutters():
    wrong = [(said, kebatori(said), want) for said, want in filler_pairs() if kebatori(said) != want]
    assert not wrong, "\n".join(f"{s} -> {g} (want {w})" for s, g, w in wrong)


def test_kebatori_leaves_ordinary_sentences_alone():
    lines = ordinary_lines()
    assert len(lines) >= 400
    changed = [(x, kebatori(x)) for x in lines if kebatori(x) != x]
    assert not changed, "\n".join(f"{a} -> {b}" for a, b in changed)


def numbers_and_names(text: str) -> list[str]:
    return re.findall(r"\d+|[〇一二三四五六七八九十百千万]+", text) + [n for n in NAMES if n in text]


@pytest.mark.parametrize("level", [kebatori, seibun])
def test_no_number_or_name_is_touched(level):
    for said in ordinary_lines() + [s for s, _ in filler_pairs()]:
        assert numbers_and_names(level(said)) == numbers_and_names(said), said


def test_seibun_writes_spoken_forms_as_written():
    assert seibun("えー、じゃあ、来週にしましょう。") == "では、来週にしましょう。"
    said = "予算っていうのが問題なんですけど、どうしますか。"
    assert seibun(said) == "予算というのが問題なんですけれども、どうしますか。"
    assert seibun("じゃ次の議題です。") == "では次の議題です。"


def test_a_line_of_nothing_but_a_filler_and_a_marked_line_stay():
    t = Transcript([Segment(1, 0, 1, "えー。"), Segment(2, 1, 3, "あのー、予算が、予算が足りません。", verbatim=True),
                    Segment(3, 3, 5, "あのー、予算が足りません。")], 5.0)
    tidied, changes = tidy(t, "kebatori")
    assert [s.text for s in tidied.segments] == ["えー。", "あのー、予算が、予算が足りません。", "予算が足りません。"]
    assert [(c.segment, c.after) for c in changes] == [(3, "予算が足りません。")]
    assert t.segments[2].text == "あのー、予算が足りません。"               # the transcript itself is not changed
    assert Transcript.from_json(t.to_json()).segments[1].verbatim
    with pytest.raises(ValueError):
        tidy(t, "polished")


def test_exports_carry_the_chosen_level(tmp_path):
    t = Transcript([Segment(1, 0, 2, "えー、本日の議題は二点です。", "話者1")], 2.0)
    for level, want in (("verbatim", "えー、本日の議題は二点です。"), ("kebatori", "本日の議題は二点です。")):
        export("txt", tmp_path / f"{level}.txt", None, t, ExportOptions(text_level=level))
        assert (tmp_path / f"{level}.txt").read_text(encoding="utf-8").strip().endswith("話者1：" + want)
        export("json", tmp_path / f"{level}.json", None, t, ExportOptions(text_level=level))
        assert json.loads((tmp_path / f"{level}.json").read_text(encoding="utf-8"))["segments"][0]["text"] == want
