"""Fit the answerability model on labelled pairs: a monotone logistic regression from the evidence signals to
'the papers answer this', its refusal threshold chosen on out-of-fold predictions. `python -m evals.fit --write`
refits on dev and writes assistant/weights.toml; `panelqa eval` refits per cross-validation fold.

The candidate-sentence weights stay hand-set: fitted by pairwise logistic regression (a sentence holding a gold
fact in a gold paragraph against the others of its question) they answered fewer pairs right on dev, test and CV
(dev accuracy 0.689 against 0.747), the sentence holding a fact not being the one an answer should lead with."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from assistant.answer.answerability import found_at_all
from assistant.question.read import Question
from assistant.retrieval.retrieve import Retrieved
from assistant.service import Assistant
from assistant.weights import WEIGHTS, WEIGHTS_FILE, Weights
from evals.cv import Fitting
from evals.dataset import QA_DIR, QAPair, load_pairs, qa_files
from evals.scoring import facts_found
from evals.split import fold_groups, split_pairs
from evals.systems import Run, ours
from indexer.settings import Settings

C = 1.0  # inverse L2 strength of the regression
MAX_WRONG_REFUSALS = 0.04  # share of answerable training pairs the threshold may refuse, out of fold
HEADER = ("The assistant's tuned numbers. [candidates]: hand-set (a fitted set did worse, see evals/fit.py).\n"
          "[answerability]: fitted by `python -m evals.fit --write` on the {n} dev pairs of evals/qa only (never\n"
          "test), a monotone logistic regression, its threshold the out-of-fold one answering most pairs right with\n"
          "at most {share:.0%} of answerable pairs refused. [floors] under it, [selection] and [fusion] are hand-set.\n"
          "See the README's 'How it fits together'.")


class Fitter:
    """Fits on pairs retrieved once each (retrieval does not depend on the weights) from one open index."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._found: dict[str, tuple[Question, Retrieved]] = {}

    def found(self, pair: QAPair) -> tuple[Question, Retrieved]:
        """The pair's question, read, and its retrieval, each run once."""
        if pair.id not in self._found:
            question = self.assistant.read(pair.question, pair.history)
            self._found[pair.id] = question, self.assistant.retrieve(question, None)
        return self._found[pair.id]

    def system_for(self, weights: Weights) -> Run:
        """The full assistant answering with these weights."""
        return ours(self.assistant.reweighted(weights))

    def fit(self, pairs: Sequence[QAPair], weights: Weights = WEIGHTS) -> Weights:
        """The weights with the answerability model fitted on these pairs only: a logistic regression from the
        evidence signals to 'the papers answer this', thresholded out of fold."""
        reweighted = self.assistant.reweighted(weights)
        judged = [(p, reweighted.judge(*self.found(p)).evidence) for p in pairs]
        usable = [(p, e.signals) for p, e in judged if e is not None and found_at_all(e, weights)]  # else refused
        x = np.array([signals for _, signals in usable])
        y = np.array([int(p.answerable) for p, _ in usable])
        if len(set(y)) < 2:
            return weights
        out_of_fold = _out_of_fold([p for p, _ in usable], x, y)
        never = reweighted.reweighted(replace(weights, threshold=0.0))
        right = [not p.answerable or facts_found(never.extractive(*self.found(p), None).answer, p.facts)
                 for p, _ in usable]
        bias, coef = monotone_logistic(x, y)
        return replace(weights, answerability=tuple(round(float(w), 4) for w in coef),
                       bias=round(bias, 4), threshold=threshold(out_of_fold, y, right))


def monotone_logistic(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Class-balanced, L2-penalised logistic regression whose signal weights are never negative: more evidence
    never makes an answer less likely, so a few dozen unanswerable pairs cannot fit a reversed signal."""
    balance = np.where(y == 1, len(y) / (2 * max(int(y.sum()), 1)), len(y) / (2 * max(int((1 - y).sum()), 1)))
    sign = 2 * y - 1

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        z = params[0] + x @ params[1:]
        margin = sign * z
        value = float(np.sum(balance * np.logaddexp(0.0, -margin)) + 0.5 / C * np.sum(params[1:] ** 2))
        slope = -balance * sign * expit(-margin)
        return value, np.concatenate([[slope.sum()], x.T @ slope + params[1:] / C])

    start = np.zeros(x.shape[1] + 1)
    bounds = [(None, None)] + [(0.0, None)] * x.shape[1]
    fitted = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds).x
    return float(fitted[0]), fitted[1:]


def _probability(bias: float, coef: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The model's probabilities for rows of signals."""
    return np.asarray(expit(bias + x @ coef))


def _out_of_fold(pairs: Sequence[QAPair], x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each pair's probability from a model fitted without its paper part (folds as the eval's CV makes them)."""
    folds = fold_groups(pairs)
    group = np.array([folds[p.id] for p in pairs])
    predicted = np.full(len(pairs), 0.5)
    for fold in set(group):
        train = group != fold
        if len(set(y[train])) == 2:
            predicted[~train] = _probability(*monotone_logistic(x[train], y[train]), x[~train])
    return predicted


def threshold(probability: np.ndarray, answerable: np.ndarray, right: Sequence[bool],
              cap: float = MAX_WRONG_REFUSALS) -> float:
    """The threshold answering most pairs right (a refused unanswerable one, an unrefused right answer) while
    refusing at most cap of the answerable pairs; midway between neighbouring probabilities."""
    cuts = np.unique(np.concatenate([[0.0], probability]))
    midpoints = np.append((cuts[:-1] + cuts[1:]) / 2, cuts[-1] + 1e-6)
    allowed = cap * max(int(answerable.sum()), 1)
    best, best_right = 0.0, -1
    for t in midpoints:
        refused = probability < t
        if int((refused & (answerable == 1)).sum()) > allowed:
            break
        correct = sum(bool(not r and ok) if a else bool(r) for r, a, ok in zip(refused, answerable, right, strict=True))
        if correct > best_right:
            best, best_right = float(t), correct
    return round(best, 4)


def fitting(settings: Settings) -> Fitting[Weights]:
    """The eval's fitter: one assistant opened on the settings' index, retrieval cached per pair."""
    fitter = Fitter(Assistant.open(settings))
    return Fitting(fit=fitter.fit, system_for=fitter.system_for)


def main(argv: Sequence[str] | None = None) -> int:
    """Refit on dev and print the weights file, or write it with --write."""
    cli = argparse.ArgumentParser(prog="python -m evals.fit", description=__doc__)
    cli.add_argument("--write", action="store_true", help=f"write the fitted weights to {WEIGHTS_FILE}")
    args = cli.parse_args(argv)
    dev = split_pairs(load_pairs(qa_files(QA_DIR)))["dev"]
    weights = Fitter(Assistant.open(Settings())).fit(dev)
    text = weights.to_toml(HEADER.format(n=len(dev), share=MAX_WRONG_REFUSALS))
    if args.write:
        WEIGHTS_FILE.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
