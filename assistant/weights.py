"""The assistant's tuned numbers, read once from weights.toml: the answerability model refitted by evals/fit.py on
dev pairs only, and the hand-set numbers of retrieval and sentence choice beside it."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

WEIGHTS_FILE = Path(__file__).with_name("weights.toml")
# What each candidate sentence is described by (see score_sentences), in the order of its feature vector.
FEATURES = ("coverage", "meaning", "rank", "type_match", "speaker", "opens_list", "about_paper", "out_of_scope")
# What one question's best evidence is described by (see answerability.evidence), in its vector's order.
SIGNALS = ("coverage", "meaning", "gives_asked", "in_scope", "covers_years", "names_present")


class WeightsError(ValueError):
    """A weights file that lacks a number, names an unknown one, or is not TOML."""


@dataclass(frozen=True)
class Fusion:
    """How retrieval fuses its rankings (0.3-0.6 dense and 0.05-0.2 speaker measured alike on evals/qa)."""

    pool: int  # candidates taken from each retriever before fusion
    dense_weight: float  # share of the fused score from meaning, the rest from BM25
    speaker_weight: float  # what being attributed to the person asked about adds (the best fused score is 1)


@dataclass(frozen=True)
class Selection:
    """How many sentences an answer takes, and which are no answer at all."""

    min_words: int  # headings and stray fragments are not answers
    heading_share: float  # a "sentence" with this share of its longer words capitalised is a title
    keep_ratio: float  # further sentences must score within this share of the best one
    most: int  # sentences within reach an answer takes
    most_for_list: int  # the same when a list is asked
    min_gain: float  # a further sentence joins when it covers this share of the question the chosen ones leave out
    list_items: int  # a sentence ending in a colon brings up to this many following items ("…areas are:")
    meeting_reach: float  # a change question takes another meeting's best sentence scoring this share of the best
    most_meetings: int  # and follows the topic across at most this many meetings
    left_out_gain: float  # further reading: weight of the question's words a paragraph adds to the cited ones'


@dataclass(frozen=True)
class Floors:
    """Not fitted, under the answerability model: below min_coverage of the question's words (idf-weighted), or
    below weak_coverage with no sentence closer in meaning than weak_meaning, nothing was found to answer from; a
    name used in fewer paragraphs than idf rare_name_idf says (under 1 in 150) must be in the answering ones."""

    min_coverage: float
    weak_coverage: float
    weak_meaning: float
    rare_name_idf: float


@dataclass(frozen=True)
class Weights:
    """Candidate-sentence weights, the fitted answerability model, and the hand-set numbers around them."""

    candidates: tuple[float, ...]  # one per FEATURES
    answerability: tuple[float, ...]  # one per SIGNALS
    bias: float
    threshold: float  # refuse when the probability that the papers answer is below this
    floors: Floors
    selection: Selection
    fusion: Fusion

    def to_toml(self, header: str) -> str:
        """The weights as the TOML file they are read from, under a comment saying how they were fitted."""
        lines = [f"# {line}" for line in header.splitlines()]
        lines += ["", "[candidates]", *_rows(dict(zip(FEATURES, self.candidates, strict=True))),
                  "", "[answerability]", *_rows({"bias": self.bias, "threshold": self.threshold}),
                  *_rows(dict(zip(SIGNALS, self.answerability, strict=True)))]
        for name in ("floors", "selection", "fusion"):
            lines += ["", f"[{name}]", *_rows(vars(getattr(self, name)))]
        return "\n".join(lines) + "\n"


def _rows(values: Mapping[str, float]) -> list[str]:
    """'name = value' lines, whole numbers as such."""
    return [f"{name} = {value}" if isinstance(value, int) else f"{name} = {value:.4f}"
            for name, value in values.items()]


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    """The weights in a file, every number present and no other."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        model = dict(data["answerability"])
        return Weights(candidates=_ordered(data["candidates"], FEATURES),
                       bias=float(model.pop("bias")), threshold=float(model.pop("threshold")),
                       answerability=_ordered(model, SIGNALS), floors=_typed(Floors, data["floors"]),
                       selection=_typed(Selection, data["selection"]), fusion=_typed(Fusion, data["fusion"]))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise WeightsError(f"{path}: not a weights file ({error})") from error


def _ordered(table: Mapping[str, object], names: tuple[str, ...]) -> tuple[float, ...]:
    """The table's values in the names' order."""
    if set(table) != set(names):
        raise WeightsError(f"expected exactly {', '.join(names)}; got {', '.join(table)}")
    return tuple(float(str(table[name])) for name in names)


def _typed(kind: Any, table: Mapping[str, object]) -> Any:
    """A hand-set table as its dataclass, each number of its field's type."""
    names = tuple(field.name for field in fields(kind))
    _ordered(table, names)
    cast = {field.name: int if field.type == "int" else float for field in fields(kind)}
    return kind(**{name: cast[name](str(table[name])) for name in names})


WEIGHTS = load_weights()  # the shipped weights, read once
