"""Seed data files; a package so they ship inside the wheel."""
