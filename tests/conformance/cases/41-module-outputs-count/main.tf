module "names" {
  source = "./m"
}
resource "aws_sqs_queue" "q" {
  count = length(module.names.list)
  name  = module.names.list[count.index]
  tags  = module.names.map
}
