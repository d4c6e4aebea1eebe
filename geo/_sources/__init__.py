"""Where places come from: Natural Earth, GeoNames, the catalogue and the gazetteer.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
