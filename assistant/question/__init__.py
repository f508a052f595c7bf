"""Reading the question: what it asks, what it names, its scope, and what it takes from the conversation."""
