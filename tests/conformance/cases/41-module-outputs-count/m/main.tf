output "list" {
  value = ["first", "second"]
}
output "map" {
  value = { from = "module" }
}
