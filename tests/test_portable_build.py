"""The compiled engines run on any x86-64 CPU of the supported baseline (issue 12).

A llama.cpp built with the build machine's native flags picked AMX tile kernels on an Intel Xeon
and died of SIGILL there. The Makefile builds for a fixed baseline (AVX2, FMA, F16C, BMI2); these
tests read the installed library's machine code for anything beyond it, check that the app
refuses an older CPU in one sentence, and run the default model on the CPU at hand."""
from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import config, messages
from desktop.core import cpu, errors

X86 = platform.machine().lower() in cpu.X86
# AVX-512 works on zmm registers (and masks like {%k1}); AMX on tiles; AVX-VNNI is VEX-encoded
# vpdpbusd. None of them is in the baseline.
BEYOND_BASELINE = (r"%zmm[0-9]|\{%k[1-7]\}|\btile(loadd|loaddt1|stored|zero|release|cfg)\b"
                   r"|\btdp(bf16ps|bssd|bsud|busd|buud)\b|\{vex\} *vpdpbu?s?sds?")


def _llama_libraries() -> list[Path]:
    import importlib.util

    spec = importlib.util.find_spec("llama_cpp")
    assert spec is not None and spec.origin
    libs = sorted((Path(spec.origin).parent / "lib").glob("*.so*"))
    return [p for p in libs if not p.is_symlink()]


@pytest.mark.skipif(not X86 or shutil.which("objdump") is None, reason="reads x86-64 machine code with objdump")
def test_llama_cpp_has_no_instruction_beyond_the_baseline():
    libs = _llama_libraries()
    assert any(p.name.startswith("libggml-cpu") for p in libs), [p.name for p in libs]
    for lib in libs:
        # objdump | grep: a regular expression in Python over 100 MB of assembly takes half a minute.
        dump = f"objdump -d --no-show-raw-insn '{lib}'"
        found = subprocess.run(f"{dump} | grep -m3 -E '{BEYOND_BASELINE}'", shell=True, capture_output=True,
                               text=True)
        assert found.returncode == 1 and not found.stdout, f"{lib.name}: {found.stdout or found.stderr}"
        if lib.name.startswith("libggml-cpu"):  # the baseline's AVX2 kernels are there: not a build without SIMD
            assert subprocess.run(f"{dump} | grep -q '%ymm'", shell=True).returncode == 0


def test_the_baseline_is_checked_before_the_engine_loads():
    old_cpu = {"AVX": True, "AVX2": False, "FMA3": False, "F16C": True, "BMI2": False}
    assert cpu.missing_features(old_cpu, "x86_64") == ["AVX2", "FMA3", "BMI2"]
    assert cpu.missing_features({"AVX": True, "AVX2": True, "FMA3": True, "F16C": True}, "AMD64") == []
    assert cpu.missing_features({}, "arm64") == []  # an arm64 build has its own baseline
    if X86:
        assert cpu.missing_features() == []  # the machine the tests run on is supported


def test_an_old_cpu_gets_one_sentence_not_sigill(monkeypatch, tmp_path):
    from desktop.core import llm

    monkeypatch.setattr(cpu, "cpu_features", lambda: {"AVX": True, "AVX2": False, "FMA3": True, "F16C": True})
    monkeypatch.setattr(cpu.platform, "machine", lambda: "x86_64")
    with pytest.raises(errors.CpuUnsupported) as caught:
        llm.LlamaChat(tmp_path / "never-opened.gguf")
    sentence = messages.describe(caught.value, "ja")
    assert "CPU" in sentence and "AVX2" in sentence and "\n" not in sentence
    assert "AVX2" in messages.describe(caught.value, "en")


@pytest.mark.models
def test_the_default_model_generates_on_this_cpu():
    from desktop.core.pipeline import EngineSettings, open_chat

    chat = open_chat(config.model_catalog(), EngineSettings("whisper-base", "qwen2.5-1.5b", 2))
    data = chat.complete_json(
        [{"role": "user", "content": "「予算」の読みをひらがなでJSONの reading に入れてください。"}],
        {"type": "object", "properties": {"reading": {"type": "string"}}, "required": ["reading"]},
        24,
    )
    assert isinstance(data["reading"], str) and data["reading"]
    assert chat.usage.completion_tokens > 0
