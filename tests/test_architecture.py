"""The boundaries the design relies on, checked mechanically."""
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

ADAPTERS = {"faster_whisper": "desktop/core/transcription.py", "llama_cpp": "desktop/core/llm.py",
            "docx": "desktop/core/export/docx.py", "sounddevice": "desktop/core/capture.py",
            "onnx": "desktop/core/campplus.py", "onnxruntime": "desktop/core/campplus.py",
            "kaldi_native_fbank": "desktop/core/campplus.py"}


def test_core_and_cli_import_without_qt():
    code = ("import sys, desktop.core.pipeline, desktop.core.export, desktop.cli; "
            "bad = [m for m in sys.modules if m.startswith('PySide6')]; print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_engine_is_imported_by_one_adapter_only():
    sources = [p for p in (ROOT / "desktop").rglob("*.py")]
    for engine, adapter in ADAPTERS.items():
        pattern = re.compile(rf"^\s*(from|import)\s+{engine}\b", re.M)
        importers = sorted(str(p.relative_to(ROOT)) for p in sources if pattern.search(p.read_text(encoding="utf-8")))
        assert importers in ([], [adapter]), f"{engine} imported by {importers}"


def test_core_never_imports_ui():
    for p in (ROOT / "desktop" / "core").rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(PySide6|desktop\.ui)", text, re.M), p


def test_no_import_cycles():
    """Every import, lazy ones inside functions included: a cycle makes the import order matter."""
    import grimp

    graph = grimp.build_graph("desktop")
    cycles = sorted((a, b) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
                    if graph.chain_exists(importer=b, imported=a))
    assert cycles == []


def test_layers_and_style_are_enforced():
    """import-linter's contracts (pyproject.toml) and ruff, as `make test` and so CI run them."""
    bin_dir = Path(sys.executable).parent
    for tool in ("lint-imports", "ruff"):
        args = [str(bin_dir / tool)] + (["check", "desktop", "tests", "bench", "tools"] if tool == "ruff" else [])
        result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "desktop").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
