"""Scoring: sentiment, warmth and substance of every quote, the lexicons and rules behind them, and how well they work."""
