"""Q&A files: good ones load, bad ones are rejected with a message naming the file, pair and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.dataset import DatasetError, load_file, load_pairs, qa_files
from evals.scoring import normalise

SAMPLE = """\
pairs:
  - id: dpcc-aim
    type: fact
    question: What is the victim liaison work meant to achieve?
    answer: To give victims of crime a voice.
    facts: [victims of crime a voice]
    evidence:
      - document: Deputy Police and Crime Commissioners Update Report
        paragraph: "5"
        snippet: The aim of this work is to give victims of crime a voice
  - id: dpcc-aim-follow
    type: follow-up
    question: And when will that project end?
    answer: With an event in April 2025.
    facts: [April 2025]
    evidence:
      - document: Deputy Police and Crime Commissioners Update Report
        paragraph: "11"
        snippet: will culminate in an event April 2025
    history:
      - role: user
        content: What is the victim liaison work meant to achieve?
      - role: assistant
        content: To give victims of crime a voice.
  - id: none-drones
    type: unanswerable
    question: How many police drones does the force own?
    answer: null
"""


def write(tmp_path: Path, text: str, name: str = "sample.yaml") -> Path:
    """A Q&A file in a temporary folder."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_well_formed_file_loads_with_history_as_turns(tmp_path: Path) -> None:
    pairs = load_pairs([write(tmp_path, SAMPLE)])
    assert [p.id for p in pairs] == ["dpcc-aim", "dpcc-aim-follow", "none-drones"]
    assert pairs[1].history[0].role == "user"
    assert not pairs[2].answerable


def test_an_answerable_pair_without_evidence_is_rejected_naming_file_and_pair(tmp_path: Path) -> None:
    bad = "pairs:\n  - {id: q1, type: fact, question: Who chairs the panel, answer: Cllr X, facts: [X]}\n"
    with pytest.raises(DatasetError, match=r"bad\.yaml: pairs\.pair 1 \(id: q1\).*needs an answer, facts"):
        load_file(write(tmp_path, bad, "bad.yaml"))


def test_an_unknown_type_or_field_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"pairs\.pair 3 \(id: none-drones\)\.type"):
        load_file(write(tmp_path, SAMPLE.replace("type: unanswerable", "type: guess")))
    with pytest.raises(DatasetError, match="Extra inputs are not permitted"):
        load_file(write(tmp_path, SAMPLE.replace("answer: null", "answer: null\n    note: hmm")))


def test_an_unanswerable_pair_with_a_gold_answer_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="answer: null"):
        load_file(write(tmp_path, SAMPLE.replace("answer: null", "answer: Twelve")))


def test_broken_yaml_is_reported_as_such(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"broken\.yaml: not valid YAML"):
        load_file(write(tmp_path, "pairs: [\n  - id: x", "broken.yaml"))


def test_ids_must_be_unique_across_files(tmp_path: Path) -> None:
    paths = [write(tmp_path, SAMPLE, "a.yaml"), write(tmp_path, SAMPLE, "b.yaml")]
    with pytest.raises(DatasetError, match="used more than once: dpcc-aim, dpcc-aim-follow, none-drones"):
        load_pairs(paths)


def test_a_folder_without_qa_files_is_an_error_not_an_empty_run(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no Q&A files"):
        qa_files(tmp_path)


def test_the_shipped_pairs_load_and_every_snippet_is_verbatim_in_the_bundled_papers() -> None:
    pairs = load_pairs(qa_files())
    corpus = normalise(" ".join(p.read_text(encoding="utf-8") for p in Path("corpus").glob("*.txt")))
    missing = [(p.id, e.snippet) for p in pairs for e in p.evidence if normalise(e.snippet) not in corpus]
    assert not missing
    assert len(pairs) >= 95
    assert sum(not p.answerable for p in pairs) >= 14
