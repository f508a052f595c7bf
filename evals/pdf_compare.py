"""Which PDF library reads council papers best: speed per page, units cut mid-sentence, table rows kept as cells.

Run: python -m evals.pdf_compare [folder] [--limit N]. Every library's page texts go through the same
parser, so the differences are the libraries' (and our layout step's) alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import itertools
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from indexer.errors import PaperError
from indexer.parse.files import page_starts, read_pdf_pages
from indexer.parse.paper import parse_text
from indexer.parse.text import normalise
from indexer.types import Paragraph

Reader = Callable[[bytes], list[str]]
_CLOSED = re.compile(r"[.!?:;)\]'’\"”]$")
_SENTENCE_WORDS = 8  # a last line of 8+ words without a full stop is a cut sentence, not a heading
_SUB_LABEL = re.compile(r"\([^)]*\)$")  # '4(b)' repeats the text of its paragraph '4'


def cut_pairs(paragraphs: Sequence[Paragraph]) -> tuple[int, int]:
    """(cut, pairs): consecutive prose units of a document where the first stops mid-sentence and the next goes on.

    'Goes on' means it starts in lower case: the second half of a sentence a line wrap or page break split.
    Table rows and sub-items (which repeat their paragraph's text) are not prose pairs.
    """
    prose = [p for p in paragraphs if " row" not in p.label and not _SUB_LABEL.search(p.label)]
    pairs = [(a, b) for a, b in itertools.pairwise(prose) if a.document_id == b.document_id]
    cut = sum(1 for a, b in pairs if not _CLOSED.search(a.text.rstrip()) and b.text[:1].islower())
    return cut, len(pairs)


def open_units(paragraphs: Sequence[Paragraph]) -> tuple[int, int]:
    """(open, prose): prose units whose text stops mid-sentence, the last line long enough not to be a heading.

    This is what a reader sees as a half sentence quoted ('… savings would be'), whatever the next unit holds.
    """
    prose = [p for p in paragraphs if " row" not in p.label and not _SUB_LABEL.search(p.label)]
    return sum(1 for p in prose if _stops_open(p.text)), len(prose)


def _stops_open(text: str) -> bool:
    """The text's last line has a sentence's length but no closing punctuation."""
    last = text.rstrip().rsplit("\n", 1)[-1]
    return len(last.split()) >= _SENTENCE_WORDS and not _CLOSED.search(last)


def wraps_inside(paragraphs: Sequence[Paragraph]) -> tuple[int, int]:
    """(wraps, breaks): line breaks inside prose units that fall mid-sentence, which split sentences for answers."""
    prose = [p for p in paragraphs if " row" not in p.label and not _SUB_LABEL.search(p.label)]
    breaks = [line for p in prose for line in p.text.split("\n")[:-1] if line.strip()]
    return sum(1 for line in breaks if not _CLOSED.search(line.rstrip())), len(breaks)


def table_rows(paragraphs: Sequence[Paragraph]) -> int:
    """Units made of table rows with their cells."""
    return sum(1 for p in paragraphs if " row" in p.label)


def _pypdf(data: bytes) -> list[str]:
    """pypdf 'plain' extraction."""
    from pypdf import PdfReader

    return [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def _pdfplumber(data: bytes) -> list[str]:
    """pdfplumber (pdfminer.six) extraction."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [normalise(page.extract_text() or "") for page in pdf.pages]


def _pypdfium2(data: bytes) -> list[str]:
    """pypdfium2 raw page text, no layout step."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    return [normalise(document[n].get_textpage().get_text_range().replace("\x02", "-")) for n in range(len(document))]


def _ours(data: bytes) -> list[str]:
    """What the indexer reads: pypdfium2 text runs through our layout step (child process included)."""
    return read_pdf_pages(data, "paper.pdf")


READERS: dict[str, Reader] = {"pypdf": _pypdf, "pdfplumber": _pdfplumber, "pypdfium2": _pypdfium2,
                              "pypdfium2 + layout (chosen)": _ours}


Counts = dict[str, int]


def measure(reader: Reader, files: Sequence[Path]) -> tuple[float, int, Counts]:
    """(seconds, pages, counts of open units, cut pairs, mid-sentence line breaks, table-row units) over the files."""
    seconds, pages, counts = 0.0, 0, Counter[str]()
    for file in files:
        started = time.perf_counter()
        texts = reader(file.read_bytes())
        seconds += time.perf_counter() - started
        pages += len(texts)
        try:
            paper = parse_text("\n".join(texts), file.name, page_starts=page_starts(texts))
        except PaperError:
            continue
        units = paper.paragraphs
        for key, (part, whole) in {"open": open_units(units), "cut": cut_pairs(units),
                                   "wraps": wraps_inside(units)}.items():
            counts.update({key: part, f"{key} of": whole})
        counts["rows"] += table_rows(units)
    return seconds, pages, dict(counts)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the comparison table in Markdown."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=Path("/work/shared/moderngov"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs (pdfplumber is slow)")
    parser.add_argument("--only", choices=list(READERS), action="append", help="measure only these readers")
    args = parser.parse_args(argv)
    files = sorted(args.folder.rglob("*.pdf"))[: args.limit or None]
    print(f"{len(files)} PDFs\n\n| library | ms/page | units ending mid-sentence | unit pairs split mid-sentence "
          "| line breaks mid-sentence inside units | table-row units |\n|---|---|---|---|---|---|")
    for name, reader in ((n, r) for n, r in READERS.items() if not args.only or n in args.only):
        if name == "pdfplumber" and importlib.util.find_spec("pdfplumber") is None:
            print("| pdfplumber | not installed (pip install pdfplumber) | | | | |")
            continue
        seconds, pages, n = measure(reader, files)
        shares = " | ".join(_share(n.get(key, 0), n.get(f"{key} of", 0)) for key in ("open", "cut", "wraps"))
        print(f"| {name} | {1000 * seconds / max(pages, 1):.1f} | {shares} | {n.get('rows', 0)} |", flush=True)


def _share(part: int, whole: int) -> str:
    """'55/1615 = 3.41%'."""
    return f"{part}/{whole} = {100 * part / max(whole, 1):.2f}%"


if __name__ == "__main__":
    main()
