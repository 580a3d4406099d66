"""The app's screens: ask (the main view), tables, checks, and the source viewer."""
