"""Rendering maps with folium: an article's map, the archive overview, the page they share.

Internal: not part of the public API, which is what :data:`geo.__all__` lists.
"""
