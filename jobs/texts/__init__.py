"""Texts the users read, one module per feature; imports only the standard library and modules
below this package's layer."""
