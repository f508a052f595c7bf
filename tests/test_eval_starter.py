"""The llama-index starter baseline runs offline on the bundled papers with no LLM configured."""

from __future__ import annotations

from pathlib import Path

from evals.dataset import Evidence
from evals.scoring import gold_rank
from evals.starter import STARTER_TOP_K, retrieve_texts, starter_retriever


def test_the_starter_pipeline_retrieves_top_k_plain_chunks_from_the_bundled_papers(corpus_copy: Path) -> None:
    retriever = starter_retriever(corpus_copy)
    texts = retrieve_texts(retriever, "How much Safer Streets funding did the OPCC receive?")
    assert len(texts) == STARTER_TOP_K
    assert not any(text.startswith("file_path:") for text in texts)  # metadata is not scored as text
    gold = Evidence(document="Commissioner's Update", paragraph="16", snippet="full funding amount £960,591.34")
    assert gold_rank(texts, (gold,)) is not None
