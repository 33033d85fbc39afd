resource "aws_sqs_queue" "q" {
  name = "20-fn-encoding"
  tags = {
    json      = jsonencode({ b = [1, "two", true, null], a = "<&>" })
    decode    = jsondecode("{\"k\": [1, 2]}").k[1]
    yaml      = jsonencode(yamldecode("a: 1\nb:\n  - x\n  - y\nc: true\n"))
    b64       = base64encode("hello")
    b64d      = base64decode("aGVsbG8=")
    url       = urlencode("a b&c")
    sha256    = sha256("x")
    sha1      = sha1("x")
    md5       = md5("x")
  }
}
