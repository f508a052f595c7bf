"""Building the answer: candidate sentences, their features, selection, answerability and composition."""
