"""Tools for the embedded default and for development: demo data, the embedded Redis."""
