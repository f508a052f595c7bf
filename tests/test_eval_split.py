"""Dev/test split and folds by paper part: no part on both sides, stable across runs, every pair in one fold."""

from __future__ import annotations

from evals.dataset import Evidence, QAPair, load_pairs, qa_files
from evals.split import UNANSWERABLE, fold_groups, part_of, split_of, split_pairs, unit_hash


def answerable(pair_id: str, *documents: str) -> QAPair:
    """An answerable pair whose evidence sits in these documents, in order."""
    evidence = tuple(Evidence(document=d, paragraph="1", snippet="x") for d in documents)
    return QAPair(id=pair_id, type="fact", question="What is it?", answer="x", facts=("x",), evidence=evidence)


def unanswerable(pair_id: str) -> QAPair:
    """A pair the papers do not answer."""
    return QAPair(id=pair_id, type="unanswerable", question="Is there any?", answer=None)


def test_no_paper_part_is_in_both_dev_and_test() -> None:
    pairs = load_pairs(qa_files())
    halves = split_pairs(pairs)
    dev_parts = {part_of(p) for p in halves["dev"] if p.evidence}
    test_parts = {part_of(p) for p in halves["test"] if p.evidence}
    assert dev_parts and test_parts
    assert not dev_parts & test_parts
    assert len(halves["dev"]) + len(halves["test"]) == len(pairs)


def test_a_pair_whose_evidence_spans_parts_goes_with_its_first_part() -> None:
    pair = answerable("span", "Report B", "Report A")
    assert part_of(pair) == "Report B"
    assert split_of(pair) == split_of(answerable("other", "Report B"))


def test_the_split_is_a_stable_hash_of_the_part_name_and_about_thirty_percent_test() -> None:
    assert unit_hash("Rape Performance") == unit_hash("Rape Performance")
    names = [f"Report {i}" for i in range(400)]
    share = sum(split_of(answerable(n, n)) == "test" for n in names) / len(names)
    assert 0.25 <= share <= 0.35
    assert split_of(answerable("a", "Report 7"), test_share=0.0) == "dev"
    assert split_of(answerable("a", "Report 7"), test_share=1.0) == "test"


def test_unanswerable_pairs_are_split_by_their_own_id() -> None:
    ids = [f"none-{i}" for i in range(200)]
    splits = {split_of(unanswerable(i)) for i in ids}
    assert splits == {"dev", "test"}
    assert part_of(unanswerable("none-1")) == UNANSWERABLE


def test_every_pair_is_in_exactly_one_fold_and_no_part_spans_folds() -> None:
    pairs = load_pairs(qa_files())
    folds = fold_groups(pairs)
    assert set(folds) == {p.id for p in pairs}
    by_part: dict[str, set[int]] = {}
    for pair in pairs:
        if pair.evidence:
            by_part.setdefault(part_of(pair), set()).add(folds[pair.id])
    assert all(len(fold) == 1 for fold in by_part.values())


def test_every_fold_gets_unanswerable_questions_and_small_parts_share_folds() -> None:
    pairs = [*(answerable(f"a{i}", "Big A") for i in range(12)), *(answerable(f"b{i}", "Big B") for i in range(12)),
             answerable("s1", "Small 1"), answerable("s2", "Small 2"), answerable("s3", "Small 3"),
             *(unanswerable(f"n{i}") for i in range(6))]
    folds = fold_groups(pairs, min_pairs=10)
    assert set(folds.values()) == {0, 1}
    assert {folds[f"n{i}"] for i in range(6)} == {0, 1}
    assert folds["a0"] != folds["b0"]
