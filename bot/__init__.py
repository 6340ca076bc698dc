"""Projektbot: the core that knows nothing of Telegram."""
