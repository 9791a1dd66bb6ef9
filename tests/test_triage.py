"""Lines left to their wording (desktop.core.triage): the model is not asked about a line whose
answer could not change the minutes. Skipping must never cost a fact, and must skip most
ordinary talk (the reason it exists: each model call costs ~2 s on two cores)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core import cues, triage

FIXTURES = Path(__file__).parent / "fixtures"
ORDINARY = FIXTURES / "negative" / "ordinary_admin.txt"


def facts() -> list[tuple[str, list[tuple[str, list[str]]], list[str]]]:
    """(meeting, [(line, the line before)] that say the fact, attendees) for each fact of each script."""
    out = []
    for path in sorted(FIXTURES.glob("*.ref.json")) + sorted((FIXTURES / "heldout").glob("*.ref.json")):
        ref = json.loads(path.read_text(encoding="utf-8"))
        said = [u["text"] for u in ref["utterances"]]
        # A task someone takes on names them by their voice, not in the words.
        heard = [u["speaker"] + "：" + u["text"] for u in ref["utterances"]]
        attendees = sorted({u["speaker"] for u in ref["utterances"]})
        facts = ref["facts"]
        wanted = [d["all_of"] for d in facts.get("decisions", [])]
        wanted += [[a["owner"], a["task"]] for a in facts.get("action_items", [])]
        wanted += [[facts["next_meeting"]]] if facts.get("next_meeting") else []
        for need in wanted:
            lines = [(line, said[max(0, i - 1):i]) for i, line in enumerate(said)
                     if all(any(w in heard[i] for w in alt) for alt in need)]
            # A request asked of nobody by name is the fact with its reply (「…いただけますか」「はい、
            # 今週中に…」): the request is the line that must be read.
            lines = lines or [(line, said[max(0, i - 1):i]) for i, line in enumerate(said[:-1])
                              if all(any(w in heard[i] + heard[i + 1] for w in alt) for alt in need)]
            out.append((ref["id"], lines, attendees))
    return out


def test_no_fact_is_left_without_a_line_that_is_read():
    found = facts()
    assert len(found) >= 20 and all(lines for _m, lines, _who in found)  # the facts are where they were
    lost = [(m, lines) for m, lines, who in found
            if not any(cues.cue_kind(x) or triage.needs_model(x, before, who) for x, before in lines)]
    assert not lost, lost


def test_most_ordinary_talk_is_left_to_its_wording():
    text = ORDINARY.read_text(encoding="utf-8")
    lines = [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]
    open_lines = [x for x in lines if not cues.cue_kind(x)]
    asked = [x for x in open_lines if triage.needs_model(x, [], ["田中課長", "佐藤主任"])]
    assert len(open_lines) >= 150
    assert len(asked) <= len(open_lines) // 3, asked


@pytest.mark.parametrize("line, before", [
    ("納期は十一月二十日ごろになります。", []),                         # a date: a due or the next meeting
    ("この件は持ち帰らせていただきます。", []),                       # put off
    ("では、その方針でいきましょう。", []),                           # agreeing on a course
    ("では、次の議題に移ります。", []),                               # a new topic
    ("例の資料、まとめておいてもらえると助かります。", ["田中課長、一点よろしいですか。"]),  # addressed by name
    ("資料は総務課の方で用意する形になります。", []),                # an office that could own a task
])
def test_lines_the_model_may_change_are_asked(line, before):
    assert triage.needs_model(line, before, ["田中課長", "佐藤主任"])


@pytest.mark.parametrize("line", [
    "参加者は昨年より二割ほど増えております。",
    "現在、配備率は八割でございます。",
    "その点は、どのように考えておられますか。",
    "ありがとうございました。",
    "会場までは駅から歩いて十分ほどです。",
    "二時間ほどかかる見込みでございます。",
])
def test_explanations_figures_and_questions_are_not(line):
    assert not triage.needs_model(line, ["ご説明いたします。"], ["田中課長", "佐藤主任"])


def test_without_attendees_a_title_or_an_honorific_is_someone():
    assert triage.needs_model("鈴木さんの方で見ておいてもらえると。", [], [])
    assert not triage.needs_model("見ておいてもらえると助かります。", [], [])
