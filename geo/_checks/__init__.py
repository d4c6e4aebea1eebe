"""Checking the data: geometry, claims, quotes, markup, and the geographic fact-check.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
