"""The papers' language, shared by every stage: words and stems, figures, acronyms, names, speakers."""
