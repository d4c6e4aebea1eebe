"""Taking the data out of the maps: GeoDataFrames, GIS files and a static card.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
