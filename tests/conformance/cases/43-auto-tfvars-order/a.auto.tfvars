x = "a"
y = "a"
