"""Lantern: an offline kiosk for private, trauma-informed screening interviews."""

__version__ = "0.1.0"
