"""The llama.cpp adapter with the real light model: KV kept per kind of question, replies checked."""
import pytest

from desktop import config
from desktop.core import paths
from desktop.core.llm import LlamaChat
from desktop.core.minutes import MinutesWriter
from desktop.core.models import ModelCatalog

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def chat():
    cat = ModelCatalog(paths.catalog_file(), config.model_store_dir())
    entry, path = cat.resolve("qwen2.5-0.5b", "llm")
    return LlamaChat(path, n_ctx=entry.n_ctx, n_threads=2)


def test_each_kind_of_question_gets_its_kv_back(chat):
    writer = MinutesWriter(chat)
    lines = ["タブレットが足りない部署もあると聞いています。", "現在配備率は8割です。"]
    writer._classify_by_model(lines[0], None, 1)
    classify_tokens = chat._llm.input_ids[:chat._llm.n_tokens].tolist()
    assert len(classify_tokens) > 400  # the instructions are long: that is why they are kept

    writer._ask(writer.prompts["statement"].format(line=lines[0]), "statement", 160, None, key=1)
    assert chat._llm.input_ids[:chat._llm.n_tokens].tolist() != classify_tokens

    chat._load_lane("classify")
    assert chat._llm.input_ids[:chat._llm.n_tokens].tolist() == classify_tokens

    # The next question of that kind reuses the kept instructions, and its reply is still valid.
    kind = writer._classify_by_model(lines[1], None, 2)
    assert kind in ("decision", "action", "deferral", "next_meeting", "agenda", "proposal", "other")
    shared = 0
    for a, b in zip(classify_tokens, chat._llm.input_ids[:chat._llm.n_tokens].tolist()):
        if a != b:
            break
        shared += 1
    assert shared > 400


def test_a_lane_never_used_starts_empty(chat):
    chat._load_lane("never-used")
    assert chat._llm.n_tokens == 0
    data = chat.complete_json([{"role": "user", "content": "JSONで {\"ok\": true} と答えてください。"}],
                              {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]},
                              16, lane="never-used")
    assert isinstance(data["ok"], bool)
