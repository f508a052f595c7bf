"""Q&A pairs with gold evidence, loaded from evals/qa/*.yaml and checked before any system runs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from assistant.types import Turn
from indexer.errors import PanelQAError
from indexer.types import Frozen

QA_DIR = Path(__file__).resolve().parent / "qa"

PairType = Literal[
    "fact",
    "number",
    "list",
    "date",
    "who-said",
    "who-is",
    "table",
    "cross-document",
    "topic-over-time",
    "follow-up",
    "two-part",
    "conversation",
    "unanswerable",
]
# Types whose questions draw on several paragraphs, so "all evidence cited" is reported too.
MULTI_EVIDENCE_TYPES: frozenset[str] = frozenset({"cross-document", "topic-over-time"})


class DatasetError(PanelQAError):
    """A Q&A file that cannot be used: the message names the file and what is wrong."""


class Evidence(Frozen):
    """A gold paragraph, named as printed, with a verbatim snippet so scoring needs none of our ids."""

    document: str = Field(min_length=1, description="Report title as printed.")
    paragraph: str = Field(min_length=1, description="Paragraph label as printed.")
    snippet: str = Field(min_length=1, description="Verbatim substring of the gold paragraph.")


class QAPair(Frozen):
    """One question a user would ask, with what a right answer must contain and where it comes from."""

    id: str = Field(min_length=1)
    type: PairType
    question: str = Field(min_length=3)
    answer: str | None = Field(description="Gold short answer; null when the papers do not answer.")
    facts: tuple[str, ...] = Field(default=(), description="Strings the answer must contain.")
    evidence: tuple[Evidence, ...] = ()
    history: tuple[Turn, ...] = Field(default=(), description="The chat before the question.")

    @property
    def answerable(self) -> bool:
        """Unanswerable pairs are scored on refusal, the rest on facts and citations."""
        return self.type != "unanswerable"

    @model_validator(mode="after")
    def _consistent(self) -> QAPair:
        """Reject pairs that could never be scored, e.g. an answerable one with no evidence."""
        if self.answerable and not (self.answer and self.facts and self.evidence):
            raise ValueError("an answerable pair needs an answer, facts and evidence")
        if not self.answerable and (self.answer is not None or self.facts):
            raise ValueError("an unanswerable pair has answer: null and no facts")
        if self.type == "follow-up" and not self.history:
            raise ValueError("a follow-up pair needs the earlier turns in history")
        return self


class QAFile(Frozen):
    """The shape of one evals/qa/*.yaml file."""

    pairs: tuple[QAPair, ...] = Field(min_length=1)


def load_file(path: Path) -> tuple[QAPair, ...]:
    """Read one YAML file, turning YAML and schema errors into a DatasetError naming the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return QAFile.model_validate(raw).pairs
    except yaml.YAMLError as exc:
        raise DatasetError(f"{path}: not valid YAML: {exc}") from exc
    except ValidationError as exc:
        raise DatasetError(f"{path}: {_describe(exc, raw)}") from exc


def _describe(exc: ValidationError, raw: object) -> str:
    """Say which pair (by id when it has one) and which field is wrong, one line per problem."""
    lines = []
    for error in exc.errors():
        where = list(error["loc"])
        if len(where) >= 2 and where[0] == "pairs" and isinstance(where[1], int):
            where[1] = _pair_name(raw, where[1])
        lines.append(f"{'.'.join(map(str, where)) or 'file'}: {error['msg']}")
    return "; ".join(lines)


def _pair_name(raw: object, index: int) -> str:
    """'pair 3 (id: dpcc-07)' reads better in an error than a bare list index."""
    pairs = raw.get("pairs") if isinstance(raw, dict) else None
    pair = pairs[index] if isinstance(pairs, list) and index < len(pairs) else None
    pair_id = pair.get("id") if isinstance(pair, dict) else None
    return f"pair {index + 1} (id: {pair_id})" if pair_id else f"pair {index + 1}"


def load_pairs(paths: Iterable[Path]) -> list[QAPair]:
    """All pairs from these files; ids must be unique across files so results can be joined."""
    pairs = [pair for path in sorted(paths) for pair in load_file(path)]
    repeated = sorted(pair_id for pair_id, n in Counter(p.id for p in pairs).items() if n > 1)
    if repeated:
        raise DatasetError(f"pair ids used more than once: {', '.join(repeated)}")
    return pairs


def qa_files(qa_dir: Path = QA_DIR) -> list[Path]:
    """The YAML files of a Q&A folder; none at all is an error, not an empty (and green) run."""
    paths = sorted([*qa_dir.glob("*.yaml"), *qa_dir.glob("*.yml")])
    if not paths:
        raise DatasetError(f"no Q&A files (*.yaml) in {qa_dir}")
    return paths
