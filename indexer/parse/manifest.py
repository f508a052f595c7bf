"""corpus/manifest.toml: what each bundled paper is (body, meeting date, title, type)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from indexer.errors import PaperError
from indexer.types import PaperInfo

MANIFEST_NAME = "manifest.toml"


def load_manifest(corpus_dir: Path) -> dict[str, PaperInfo]:
    """File name -> PaperInfo; no manifest means {} (the parser infers), a broken one is a PaperError."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PaperError(f"bad manifest: {path.name} is not valid TOML ({exc})") from exc
    return {name: _entry(name, value) for name, value in table.items()}


def _entry(name: str, value: object) -> PaperInfo:
    """One [\"file.txt\"] table, validated."""
    if not isinstance(value, dict):
        raise PaperError(f"bad manifest: entry {name!r} must be a table like [\"{name}\"]")
    try:
        return PaperInfo.model_validate(value)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PaperError(f"bad manifest: entry {name!r}: {problems}") from exc
