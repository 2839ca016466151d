"""Sharing: formula-safe exports, the offline HTML report and the store behind shared links."""
