"""Telegram transport: python-telegram-bot application, rendering and reminder sender."""
