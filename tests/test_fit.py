"""The fitted answerability model: monotone, thresholded within its cap of wrong refusals, stored as data that
is exactly what fitting on dev gives."""

from pathlib import Path

import numpy as np
import pytest

from assistant.service import Assistant
from assistant.weights import FEATURES, SIGNALS, WEIGHTS, WeightsError, load_weights
from evals.dataset import QA_DIR, load_pairs, qa_files
from evals.fit import Fitter, monotone_logistic, threshold
from evals.split import split_pairs


def test_a_signal_pointing_the_wrong_way_gets_no_weight_and_a_right_one_a_positive_weight() -> None:
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 400)
    helps = y + rng.normal(0, 0.5, 400)  # higher when the papers answer
    misleads = -y + rng.normal(0, 0.5, 400)  # higher when they don't: an artefact of a few dozen near-misses
    _, coef = monotone_logistic(np.column_stack([helps, misleads]), y)
    assert coef[0] > 1.0
    assert coef[1] == 0.0


def test_the_threshold_never_refuses_more_answerable_pairs_than_allowed() -> None:
    probability = np.array([0.1, 0.2, 0.3, 0.4, 0.9, 0.95] + [0.8] * 50)
    answerable = np.array([0, 0, 1, 0, 1, 1] + [1] * 50)
    right = [True] * len(answerable)
    chosen = threshold(probability, answerable, right, cap=0.04)
    refused = probability < chosen
    assert not refused[answerable == 1].sum() > 0.04 * answerable.sum()
    assert refused[:2].all()  # the two clearly unanswerable pairs are refused
    assert threshold(probability, answerable, right, cap=0.0) < 0.3  # with no wrong refusal allowed, 0.3 answers


def test_a_weights_file_round_trips_and_a_wrong_one_is_refused_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "weights.toml"
    path.write_text(WEIGHTS.to_toml("round trip"), encoding="utf-8")
    assert load_weights(path) == WEIGHTS
    path.write_text(WEIGHTS.to_toml("").replace(f"{FEATURES[0]} =", "unknown ="), encoding="utf-8")
    with pytest.raises(WeightsError, match="expected exactly"):
        load_weights(path)
    path.write_text("[candidates", encoding="utf-8")
    with pytest.raises(WeightsError, match="not a weights file"):
        load_weights(path)
    assert len(WEIGHTS.candidates) == len(FEATURES) and len(WEIGHTS.answerability) == len(SIGNALS)


def test_the_shipped_weights_are_what_fitting_on_dev_gives(assistant: Assistant) -> None:
    dev = split_pairs(load_pairs(qa_files(QA_DIR)))["dev"]
    fitted = Fitter(assistant).fit(dev)
    stale = "refit with `python -m evals.fit --write`"
    assert fitted.answerability == pytest.approx(WEIGHTS.answerability, abs=1e-3), stale  # float noise across CPUs
    assert (fitted.bias, fitted.threshold) == pytest.approx((WEIGHTS.bias, WEIGHTS.threshold), abs=1e-3), stale
    assert (fitted.candidates, fitted.floors, fitted.selection) == (WEIGHTS.candidates, WEIGHTS.floors,
                                                                    WEIGHTS.selection), stale
