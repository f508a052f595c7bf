"""Typed errors carrying the reason a person needs; the API maps them to 4xx."""


class PanelQAError(Exception):
    """Base of every error the product raises on purpose."""


class PaperError(PanelQAError):
    """A paper cannot be read: the message says which and why."""


class UnsupportedPaper(PaperError):
    """The file type is not one we read (PDF, TXT, MD)."""


class PaperExists(PanelQAError):
    """An upload names a paper already in the corpus, and replacing it was not asked for."""


class NotFound(PanelQAError):
    """An id that names no document or paragraph."""


class BadRequest(PanelQAError):
    """Input that is well-formed but cannot be served (e.g. an empty question)."""


class IndexBusy(PanelQAError):
    """Another writer holds the index lock."""


class VectorStoreDown(PanelQAError):
    """A search that needs the vector store (dense only) while it is unreachable."""
