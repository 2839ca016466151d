"""The learned scorer's heads (heads.json, plain numbers) and their model card (README.md): package data."""
