variable "queues" {
  type = list(object({
    name    = string
    delay   = optional(number, 5)
    fifo    = optional(bool, false)
  }))
  default = [
    { name = "a" },
    { name = "b", delay = 10 },
  ]
}
resource "aws_sqs_queue" "q" {
  for_each      = { for q in var.queues : q.name => q }
  name          = "obj-${each.key}"
  delay_seconds = each.value.delay
  tags          = { fifo = each.value.fifo }
}
