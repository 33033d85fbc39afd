b = "auto2-b"
c = "auto2-c"
