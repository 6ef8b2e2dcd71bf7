"""The name the window and every dialog show: neutral, it says nothing of what happens here."""

APP_TITLE = "Lantern"
