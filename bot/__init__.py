"""Thi Đua Bot: settings, composition root, command core, transports and CLI."""

__version__ = "0.1.0"
