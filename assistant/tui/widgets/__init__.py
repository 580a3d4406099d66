"""Widgets of the app; each shows what it is given and reports what the user picked."""
