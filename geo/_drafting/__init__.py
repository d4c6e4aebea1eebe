"""Drafting an article's claims from its text.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
