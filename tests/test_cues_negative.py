"""Cues that generalise (issue 16): ordinary lines, written for this purpose (not from the fixture
meetings), that the wording rules must classify as neither decision nor deferral; and the model's
"decision" is not kept for procedure or a supposition."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import cues
from desktop.core.wording import accept_model_kind

CORPUS = Path(__file__).parent / "fixtures" / "negative" / "not_decisions.txt"


def lines() -> list[str]:
    return [x.strip() for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def test_the_negative_set_is_big_enough_and_its_own():
    found = lines()
    assert len(found) >= 100 and len(set(found)) == len(found)
    fixtures = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).parent / "fixtures").glob("*.ref.json"))
    assert not [x for x in found if x in fixtures]


def test_ordinary_lines_are_neither_decisions_nor_deferrals():
    wrong = [(x, cues.cue_kind(x)) for x in lines()
             if cues.cue_kind(x) in ("decision", "deferral") or cues.states_decision(x) or cues.states_deferral(x)]
    assert not wrong, "\n".join(f"{k}: {x}" for x, k in wrong)


@pytest.mark.parametrize("line", ["これをもちまして閉会といたします。", "それでは休憩といたします。",
                                  "仮に参加者が百人だとします。",
                                  "例えば、雨が降ったとします。その場合の対応はどうなりますか。"])
def test_the_model_s_decision_is_not_kept_for_procedure_or_a_supposition(line):
    assert accept_model_kind("decision", line) != "decision"


@pytest.mark.parametrize("line,kind", [
    ("受付時間は九時からとすることといたします。", "decision"),
    ("本案は原案のとおり可決されました。", "decision"),
    ("この件は持ち帰って、次回改めて判断します。", "deferral"),
    ("結論は次回に持ち越しとします。", "deferral"),
    ("本件は保留といたします。", "deferral"),
    ("詳細については、引き続き協議いたします。", "deferral"),
])
def test_decisions_and_deferrals_in_other_words_are_still_found(line, kind):
    assert cues.cue_kind(line) == kind
