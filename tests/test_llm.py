"""The llama.cpp adapter with the real light model: KV kept per kind of question, replies checked."""
import numpy as np
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
    # The KV put back is the KV kept, byte for byte: saved again, it is the same state.
    kept = chat._lanes["classify"][1].copy()
    chat._save_lane("classify")
    assert len(kept) > 1_000_000 and np.array_equal(chat._lanes["classify"][1], kept)

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


CLASSIFY_LINES = [
    "本日の議題は、庁舎の清掃委託と来年度の研修の二点です。",
    "委託先は三社から見積もりを取りました。",
    "清掃の委託は、A社とすることといたします。",
    "研修の日程については、次回改めて検討します。",
    "山本主任は、研修の案内を十日までに作成してください。",
    "会場は市民ホールにしてはどうかと考えています。",
    "次回は二月五日の午後二時から開催します。",
    "ありがとうございました。",
]


def test_a_one_word_answer_is_chosen_in_one_pass_as_decoding_would(chat):
    """A line's kind is read from one forward pass: the prompt the pass reads is the very prompt a
    decoded call reads, and the word chosen is the one the grammar-constrained decoding writes."""
    writer = MinutesWriter(chat)
    schema = writer.schemas["classify"]
    assert chat._one_word_choice(schema) is not None

    def messages(line):
        prompt = writer.prompts["classify"] + writer.prompts["classify_line"].format(text=line)
        return [{"role": "system", "content": writer.system}, {"role": "user", "content": prompt}]

    formatter, chat._formatter = chat._formatter, None  # decoding, as every other question is answered
    try:
        decoded = [chat.complete_json(messages(line), schema, 24, lane="kinds")["kind"] for line in CLASSIFY_LINES]
        rendered = chat._llm.tokenize(formatter(messages=messages(CLASSIFY_LINES[-1])).prompt.encode("utf-8"),
                                      add_bos=False, special=True)
        assert chat._llm.input_ids[:len(rendered)].tolist() == rendered
        assert chat._llm.n_tokens > len(rendered)  # and after it, the reply it decoded
    finally:
        chat._formatter = formatter
    before = (chat.choices, chat.usage.completion_tokens)
    chosen = [chat.complete_json(messages(line), schema, 24, lane="kinds")["kind"] for line in CLASSIFY_LINES]
    assert chat.choices - before[0] == len(CLASSIFY_LINES)
    assert chat.usage.completion_tokens - before[1] == len(CLASSIFY_LINES)
    # Decoding may take a token that only begins a word ("n" for next_meeting) where one pass compares
    # whole words' first tokens. The two agree on nearly every line; two differences are allowed because
    # logits differ slightly from one CPU to another.
    agree = sum(a == b for a, b in zip(decoded, chosen))
    assert agree >= len(CLASSIFY_LINES) - 2, list(zip(decoded, chosen))


def test_answers_that_one_pass_cannot_tell_apart_are_decoded(chat):
    one_word = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["other", "decision"]}},
                "required": ["kind"]}
    assert chat._one_word_choice(one_word) is not None
    same_start = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["next_meeting", "next_time"]}},
                  "required": ["kind"]}
    assert chat._one_word_choice(same_start) is None
    two_keys = {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a", "b"]},
                                                 "why": {"type": "string"}}, "required": ["kind", "why"]}
    assert chat._one_word_choice(two_keys) is None
    free_text = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
    assert chat._one_word_choice(free_text) is None
    before = chat.choices
    ask = [{"role": "user", "content": "次回の会議はいつですか。JSONで答えてください。"}]
    data = chat.complete_json(ask, same_start, 24)
    assert data["kind"] in ("next_meeting", "next_time") and chat.choices == before
