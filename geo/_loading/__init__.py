"""Reading a data folder: files, schemas, articles, claims, places, settings.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
