"""The Streamlit side of rhetoric: caching, session state and shared widgets. Only the app imports it."""
