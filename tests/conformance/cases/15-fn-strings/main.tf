resource "aws_sqs_queue" "q" {
  name = "15-fn-strings"
  tags = {
    format   = format("%s-%03d-%.2f-%q", "a", 7, 3.14159, "x")
    join     = join(",", ["a", "b", "c"])
    split    = jsonencode(split(",", "a,b,,c"))
    replace  = replace("a-b-c", "-", "_")
    regexrep = replace("abc123", "/[0-9]+/", "N")
    lower    = lower("ÀBC")
    upper    = upper("abc")
    trim     = trimspace("  x  ")
    trimpre  = trimprefix("prefix-x", "prefix-")
    trimsuf  = trimsuffix("x.tf", ".tf")
    substr   = substr("hello world", 6, -1)
    title    = title("hello world")
    strrev   = strrev("abc")
    formatl  = jsonencode(formatlist("%s=%s", ["a", "b"], ["1", "2"]))
    indent   = indent(2, "a\nb")
    chomp    = chomp("x\n")
    starts   = startswith("terraform", "terra")
    ends     = endswith("terraform", "form")
    contains = strcontains("terraform", "rafo")
  }
}
