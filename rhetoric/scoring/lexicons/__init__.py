"""The packaged lexicons: warmth.csv and substance.csv, one term a row with its weight, category and note."""
