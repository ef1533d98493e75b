"""Coding: triples from parses, lexicon → code, modality, dates, counts."""
