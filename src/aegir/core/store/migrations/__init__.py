"""The inventory's schema migrations: ``NNNN_name.sql`` files, applied in order by :mod:`.._migrate`.

A package (and not a bare directory) so the SQL files ship as its package data.
"""
