"""The model catalogue with the real installed default models."""
import shutil

import pytest

from conftest import run_cli
from desktop import config
from desktop.core import errors, paths
from desktop.core.models import ModelCatalog


@pytest.fixture(scope="module")
def catalog():
    return ModelCatalog(paths.catalog_file(), config.model_store_dir())


def test_defaults_are_installed_and_verified(catalog):
    for name in ("whisper-base", "qwen2.5-1.5b", "qwen2.5-0.5b"):
        entry = catalog.find(name)
        assert catalog.status(entry).state == "installed", name
    assert catalog.default_name("asr") == "whisper-base"
    assert catalog.default_name("llm") == "qwen2.5-1.5b"
    assert catalog.light_name() == "qwen2.5-0.5b"
    entry, path = catalog.resolve("whisper-base", "asr")
    assert (path / "model.bin").stat().st_size == 145_217_532


def test_install_is_idempotent(catalog):
    entry = catalog.find("whisper-base")
    assert catalog.install(entry) == catalog.model_path(entry)


def test_corrupt_model_is_detected(tmp_path, catalog):
    store_dir = tmp_path / "store"
    src = catalog.store_dir / "whisper-base"
    shutil.copytree(src, store_dir / "whisper-base")
    copy = ModelCatalog(paths.catalog_file(), store_dir)
    assert copy.status(copy.find("whisper-base")).state == "installed"
    with open(store_dir / "whisper-base" / "model.bin", "r+b") as f:  # same size, one byte flipped
        f.seek(1000)
        b = f.read(1)
        f.seek(1000)
        f.write(bytes([b[0] ^ 0xFF]))
    assert copy.status(copy.find("whisper-base")).state == "corrupt"
    with pytest.raises(errors.ModelCorrupt):
        copy.resolve("whisper-base", "asr")


def test_missing_model_in_an_empty_store(tmp_path):
    empty = ModelCatalog(paths.catalog_file(), tmp_path / "store")
    with pytest.raises(errors.ModelNotFound):
        empty.resolve("qwen2.5-1.5b", "llm")


def test_add_user_models(tmp_path, catalog):
    store_dir = tmp_path / "store"
    cat = ModelCatalog(paths.catalog_file(), store_dir)
    gguf = catalog.model_path(catalog.find("qwen2.5-0.5b"))
    entry = cat.add(gguf, name="my-qwen")
    assert entry.role == "llm" and cat.resolve("my-qwen", "llm")[1] == gguf
    whisper_dir = catalog.model_path(catalog.find("whisper-base"))
    assert cat.add(whisper_dir, name="my-whisper").role == "asr"
    assert {e.name for e in cat.entries()} >= {"my-qwen", "my-whisper"}
    broken = tmp_path / "half"
    broken.mkdir()
    (broken / "model.bin").write_bytes(b"x")
    with pytest.raises(errors.ModelCorrupt):
        cat.add(broken)
    not_gguf = tmp_path / "model.gguf"
    not_gguf.write_bytes(b"GGML" + b"\0" * 100)
    with pytest.raises(errors.ModelCorrupt):
        cat.add(not_gguf)


def test_truncated_gguf_is_rejected(tmp_path, catalog):
    gguf = catalog.model_path(catalog.find("qwen2.5-0.5b"))
    cut = tmp_path / "cut.gguf"
    with open(gguf, "rb") as src, open(cut, "wb") as dst:
        dst.write(src.read(3_000_000))
    cat = ModelCatalog(paths.catalog_file(), tmp_path / "store")
    with pytest.raises(errors.ModelCorrupt):
        cat.add(cut)


@pytest.mark.models
def test_cli_models_list():
    r = run_cli("models", "list")
    assert r.returncode == 0, r.stderr
    assert "whisper-base" in r.stdout and "インストール済み" in r.stdout
