"""Scrutiny views: people, who said what, topics over time, decisions and actions."""
