resource "aws_sqs_queue" "q" {
  name = "19-fn-numeric"
  tags = {
    min     = min(5, 2, 9)
    max     = max(5, 2, 9)
    abs     = abs(-3.5)
    ceil    = ceil(1.2)
    floor   = floor(1.8)
    pow     = pow(2, 10)
    signum  = signum(-7)
    parse   = parseint("ff", 16)
    log     = log(8, 2)
    expand  = max([3, 8, 1]...)
  }
}
