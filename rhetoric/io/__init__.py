"""Input: bytes of quote and outcome files in, validated polars frames out (encoding, separator, dates, language, the bundled data)."""
