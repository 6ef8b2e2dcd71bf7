"""The kiosk session, without Qt: pages, intents, the staff gate, breaks, resume, hide and lock.

`KioskSession` (session.py) takes intents (intents.py) and returns typed pages (pages.py); the
window (`kiosk.ui`) only draws pages and forwards intents, and `kiosk simulate` (scripted.py)
drives the very same session, so a headless walk and the window can never disagree.
"""
