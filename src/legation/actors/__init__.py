"""Actor knowledge base (data files + loader) and the time-aware resolver."""
