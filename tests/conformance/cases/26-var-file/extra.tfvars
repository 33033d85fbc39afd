name = "from-var-file"
tags = {
  team = "platform"
  tier = "2"
}
