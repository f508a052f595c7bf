"""Answers over real ModernGov papers as downloaded: a report in both the pack and the originals is cited once."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from index_fixtures import settings_for

from app import create_app
from assistant.service import Assistant
from assistant.types import Answer
from indexer.build import build_index
from indexer.embed import Embedder
from indexer.parse.corpus import COVERED, SHINGLE
from indexer.parse.text import words
from indexer.reader import IndexReader
from indexer.settings import Settings

MODERNGOV = Path(os.environ.get("PANELQA_MODERNGOV_DIR", "/work/shared/moderngov"))
needs_moderngov = pytest.mark.skipif(not MODERNGOV.is_dir(), reason=f"no ModernGov PDFs at {MODERNGOV}")

# One meeting as downloaded (51 pages: its pack re-prints the devolution report and its appendices), and one
# decision of another body printed both on its own and in that meeting's pack.
MEETING = "kent-council/2025-01-09"
OTHER_BODY = ("kent-cabinet/2025-01-30/originals/24-00096 - PRoD.pdf",
              "kent-cabinet/2025-01-30/public_packs/24-00096 - PROD 30th-Jan-2025 10.00 Cabinet.pdf")
QUESTIONS = (
    "What does the English Devolution White Paper propose for Kent?",
    "What is County Council asked to endorse about devolution?",
    "What powers does a Mayoral Strategic Authority get over transport?",
    "What background documents does the devolution report list?",
    "What did the Minister's letter of 16 December 2024 ask councils to do?",
    "Who proposed the amendment on the English Devolution White Paper?",
    "What does the devolution framework say about adult skills funding?",
    "What was decided about the Commissioning Plan for Education Provision?",
)


def runs(text: str) -> set[tuple[str, ...]]:
    """A text's six-word runs, as the indexer compares paragraphs."""
    found = words(text)
    return {tuple(found[i : i + SHINGLE]) for i in range(max(len(found) - SHINGLE + 1, 1))}


def same_paragraph(a: str, b: str) -> bool:
    """Nearly all of the shorter text's runs are printed in the other: one paragraph, cited twice."""
    ra, rb = runs(a), runs(b)
    return len(ra & rb) >= COVERED * min(len(ra), len(rb))


@pytest.fixture(scope="module")
def kent_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """One meeting's originals and pack, plus a decision and its pack copy, indexed with the real MiniLM."""
    root = tmp_path_factory.mktemp("kent")
    shutil.copytree(MODERNGOV / MEETING, root / "papers" / MEETING)
    for name in OTHER_BODY:
        (root / "papers" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(MODERNGOV / name, root / "papers" / name)
    settings = settings_for(root / "papers", root / "data")
    report = build_index(settings, progress=False, embedder=embedder)
    assert not report.failed and len(report.added) == len(OTHER_BODY) + 6
    return settings


@pytest.fixture(scope="module")
def kent(kent_settings: Settings) -> Assistant:
    """The assistant over that index."""
    return Assistant.open(kent_settings)


@pytest.fixture(scope="module")
def answers(kent: Assistant) -> list[Answer]:
    """Each question answered once, without filters."""
    return [kent.ask(question) for question in QUESTIONS]


@needs_moderngov
def test_no_answer_cites_the_same_paragraph_twice_from_pack_and_original(
    kent: Assistant, answers: list[Answer]
) -> None:
    paper = {document.id: document.source_file for document in kent.documents()}
    in_pack = [(x, y) for a in answers for x, y in itertools.combinations(a.citations, 2)
               if "/public_packs/" in paper[x.document] + paper[y.document] and paper[x.document] != paper[y.document]]
    assert in_pack and not [(x.ref, y.ref) for x, y in in_pack if same_paragraph(x.text, y.text)]


@needs_moderngov
def test_the_index_holds_each_printed_paragraph_of_the_pack_once(kent_settings: Settings, embedder: Embedder) -> None:
    units = IndexReader.open(kent_settings, embedder).paragraphs
    packs = [unit for unit in units if "/public_packs/" in unit.source_file]
    originals = [unit for unit in units if "/originals/" in unit.source_file]
    again = [(p.source_file, p.label) for p in packs for o in originals if same_paragraph(p.text, o.text)]
    assert packs and not again  # the packs keep only their cover letters


@needs_moderngov
def test_the_api_lists_each_documents_body_and_its_body_filter_keeps_an_answer_to_that_bodys_papers(
    kent_settings: Settings, kent: Assistant
) -> None:
    question = "What was decided about the Commissioning Plan for Education Provision?"
    with TestClient(create_app(kent_settings, kent)) as client:
        listed = client.get("/api/documents").json()["documents"]
        answers = {body: client.post("/api/ask", json={"question": question, "filters": {"body": body}}).json()
                   for body in ("Cabinet", "County Council")}
    body = {document["id"]: document["body"] for document in listed}
    assert set(body.values()) == {"Cabinet", "County Council"}
    for wanted, answer in answers.items():
        assert answer["citations"] and {body[c["document"]] for c in answer["citations"]} == {wanted}
