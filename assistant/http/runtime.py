"""The app's one Assistant, which may still be loading (or building its index) when requests arrive."""

from __future__ import annotations

import logging
import threading

from assistant.http.errors import NotReady
from assistant.service import Assistant
from indexer.settings import Settings

log = logging.getLogger(__name__)


class Runtime:
    """Holds the settings and, once opened, the Assistant every request uses."""

    def __init__(self, settings: Settings, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self.assistant = assistant
        self.failed = False

    def open(self) -> None:
        """Load the index, building it from the corpus on first run (~20-30 s); log a failure."""
        log.info("opening the assistant; a first run builds the index from %s", self.settings.corpus_dir)
        try:
            self.assistant = Assistant.open(self.settings)
        except Exception:
            log.exception("the assistant could not open its index")
            self.failed = True
            return
        log.info("assistant ready: %s", self.assistant.health())

    def open_in_background(self) -> None:
        """Open the assistant on a daemon thread so /healthz can answer 503 meanwhile."""
        if self.assistant is None:
            threading.Thread(target=self.open, name="open-assistant", daemon=True).start()

    def ready(self) -> Assistant:
        """The assistant, or NotReady while it loads (or after it failed to)."""
        if self.assistant is None:
            raise NotReady(failed=self.failed)
        return self.assistant
