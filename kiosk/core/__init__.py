"""Lantern's core: pure Python, never imports Qt."""
