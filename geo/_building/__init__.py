"""Building an archive of maps: per-article work, the manifest, workers, writing.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
