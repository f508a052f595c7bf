"""The PDF reader's child process is closed when the program ends: no warning or traceback at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

READ_ONE_PDF = """
import io
import pypdfium2 as pdfium
from indexer.parse.files import read_pdf_pages
paper = pdfium.PdfDocument.new()
paper.new_page(200, 200)
buffer = io.BytesIO()
paper.save(buffer)
print(read_pdf_pages(buffer.getvalue(), "blank.pdf"))
"""


def test_a_program_that_read_a_pdf_exits_without_an_unclosed_pool() -> None:
    root = str(Path(__file__).parents[1])
    env = os.environ | {"PYTHONPATH": root}
    # -X dev shows the ResourceWarning Pool.__del__ gives for a pool still running at exit
    done = subprocess.run([sys.executable, "-X", "dev", "-c", READ_ONE_PDF], capture_output=True, text=True,
                          env=env, cwd=root, timeout=300, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "['']"
    assert "pool" not in done.stderr.lower() and "Traceback" not in done.stderr
