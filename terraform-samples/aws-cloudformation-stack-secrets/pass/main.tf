resource "aws_cloudformation_stack" "db" {
  name = "db"
  parameters = {
    DBName           = "app"
    DBPasswordSecret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf"
  }
  template_body = <<-YAML
    Resources:
      Db:
        Type: AWS::RDS::DBInstance
        Properties:
          DBName: !Ref DBName
          MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
  YAML
}
