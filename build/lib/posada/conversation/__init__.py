"""Dialogue policy: conversation state + one parsed message -> replies + commands (pure)."""
