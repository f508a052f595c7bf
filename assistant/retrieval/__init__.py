"""Finding the paragraphs: dense and keyword search fused, acronyms and speakers understood."""
