"""The optional LLM: backends, prompts, and replies validated against the passages."""
