"""The structure parser: papers -> documents and citable units labelled as the papers print them.

parse_file / parse_text split a paper into its parts (agenda, minutes, reports, appendices) and
units (numbered paragraphs and their sub-items, minute points, RESOLVED items, prose under
headings, table rows with their column names), each no longer than the embedder's window.
"""

from __future__ import annotations

from indexer.parse.files import parse_file
from indexer.parse.manifest import load_manifest
from indexer.parse.paper import parse_text
from indexer.parse.people import Person, known_people, speakers
from indexer.parse.tokens import estimate_tokens as count_tokens

# Bump whenever the units produced change: it is part of the index collection name.
PARSER_VERSION = "parse-10"

__all__ = ["PARSER_VERSION", "Person", "count_tokens", "known_people", "load_manifest", "parse_file",
           "parse_text", "speakers"]
