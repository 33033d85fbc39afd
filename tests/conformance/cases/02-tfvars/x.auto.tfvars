b = "auto-b"
