resource "aws_sqs_queue" "q" {
  name = "18-fn-sets-types"
  tags = {
    toset     = jsonencode(toset(["b", "a", "b"]))
    tolist    = jsonencode(tolist(toset(["z", "y"])))
    tomap     = jsonencode(tomap({ a = "1" }))
    tostring  = tostring(5)
    tonumber  = tonumber("42") + 1
    tobool    = tobool("true")
    union     = jsonencode(setunion(["a"], ["b", "a"]))
    intersect = jsonencode(setintersection(["a", "b"], ["b", "c"]))
    subtract  = jsonencode(setsubtract(["a", "b"], ["b"]))
    product   = jsonencode(setproduct(["a"], ["x", "y"]))
    transpose = jsonencode(transpose({ a = ["1", "2"], b = ["2"] }))
    matchkeys = jsonencode(matchkeys(["i1", "i2"], ["eu", "us"], ["us"]))
  }
}
