"""The HTTP API around the Assistant: routes, schemas, dependencies, limits and error mapping (no UI)."""
