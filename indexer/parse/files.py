"""parse_file: read a .txt, .md or .pdf from disk (the only I/O in the parser) and parse it."""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from indexer.errors import PaperError, UnsupportedPaper
from indexer.parse.layout import PageRuns, page_texts
from indexer.parse.paper import parse_text
from indexer.parse.text import normalise
from indexer.parse.tokens import TokenCounter
from indexer.types import PaperInfo, ParsedPaper

TEXT_SUFFIXES = (".txt", ".md")
MAX_PAPER_BYTES = 50_000_000  # a 2,000-page agenda pack is ~20 MB as PDF; beyond this is not a paper
PDF_SECONDS = 60.0  # a crafted file can make a PDF library loop: read in a child process we can kill


def parse_file(
    path: Path,
    info: PaperInfo | None = None,
    count_tokens: TokenCounter | None = None,
    max_tokens: int = 256,
    source_file: str = "",
) -> ParsedPaper:
    """Parse a paper file by its suffix, named source_file (its path in the corpus; default its file name)."""
    suffix = path.suffix.lower()
    if suffix not in (*TEXT_SUFFIXES, ".pdf"):
        raise UnsupportedPaper(f"unsupported file type: {path.name} (only PDF, TXT and MD papers are read)")
    data = _read_bytes(path)
    if suffix == ".pdf":
        pages = read_pdf_pages(data, path.name)
        text, starts = "\n".join(pages), page_starts(pages)
    else:
        text, starts = _decode(data), None
    if not text.strip():
        raise PaperError(f"empty paper: {path.name} has no text")
    return parse_text(text, source_file or path.name, info, starts, count_tokens, max_tokens)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, empty and oversized files with a reason."""
    try:
        size = path.stat().st_size
        if size > MAX_PAPER_BYTES:
            limit = MAX_PAPER_BYTES // 1_000_000
            raise PaperError(f"paper too large: {path.name} is {size // 1_000_000} MB (limit {limit} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise PaperError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise PaperError(f"empty paper: {path.name} has no text")
    return data


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to Windows-1252 as Word exports often are."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def page_starts(pages: list[str]) -> list[int]:
    """Line number where each page after the first begins, once pages are joined by newlines."""
    starts, line = [], 0
    for page in pages[:-1]:
        line += page.count("\n") + 1
        starts.append(line)
    return starts


class PdfReaderProcess:
    """One child process that reads PDFs, started on first use and kept warm (a fresh one re-imports the app,
    measured at 7-12 s an upload on a busy 2-core machine); one that overran PDF_SECONDS is killed and replaced."""

    def __init__(self) -> None:
        self._pool: Pool | None = None
        self._lock = threading.Lock()

    def read(self, data: bytes) -> tuple[str, list[PageRuns] | str]:
        """The child's reading of a PDF; multiprocessing.TimeoutError when it takes over PDF_SECONDS."""
        with self._lock:
            self._pool = self._pool or multiprocessing.get_context("spawn").Pool(1)
            pool = self._pool
        try:
            return pool.apply_async(_extract, (data,)).get(timeout=PDF_SECONDS)
        except multiprocessing.TimeoutError:
            with self._lock:
                pool.terminate()
                self._pool = None if self._pool is pool else self._pool
            raise

    def close(self) -> None:
        """Let the child finish and exit, so the interpreter never exits with the pool running (Pool.__del__ then
        warned of an unclosed pool at exit)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
            pool.join()


PDF_READER = PdfReaderProcess()
atexit.register(PDF_READER.close)  # warm between reads, closed once as the process exits


def read_pdf_pages(data: bytes, name: str) -> list[str]:
    """Text of each page as re-flowed paragraphs, read by pdfium in a child process killed after PDF_SECONDS."""
    if not data.lstrip().startswith(b"%PDF"):
        raise PaperError(f"not a PDF: {name} does not start with %PDF")
    try:
        status, payload = PDF_READER.read(data)
    except multiprocessing.TimeoutError:
        raise PaperError(f"unreadable PDF: {name} took over {PDF_SECONDS:.0f}s to read") from None
    if status == "encrypted":
        raise PaperError(f"encrypted PDF: cannot read {name} without a password")
    if status == "corrupt":
        raise PaperError(f"corrupt PDF: {name}: {payload}")
    assert not isinstance(payload, str)
    return [normalise(page) for page in page_texts(payload)]


def _extract(data: bytes) -> tuple[str, list[PageRuns] | str]:
    """In the child: ('ok', runs of each page), ('encrypted', '') or ('corrupt', reason); never raises."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
        return "ok", [_page_runs(document[n]) for n in range(len(document))]
    except pdfium.PdfiumError as exc:  # pdfium names the failure: a password, a damaged file…
        encrypted = "password" in str(exc).lower()
        return ("encrypted", "") if encrypted else ("corrupt", str(exc) or type(exc).__name__)


def _page_runs(page: Any) -> PageRuns:
    """The page's text runs in top-down coordinates; pdfium's \x02 marks a hyphen that ended a line."""
    width, height = page.get_size()
    text = page.get_textpage()
    runs = []
    for i in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(i)
        printed = " ".join(text.get_text_bounded(left, bottom, right, top).replace("\x02", "-").split())
        runs.append((left, height - top, right, height - bottom, printed))
    return PageRuns(width, height, tuple(runs))
