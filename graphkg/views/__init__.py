"""Views of the store: export, network analysis, the map, the timeline and the local server."""
