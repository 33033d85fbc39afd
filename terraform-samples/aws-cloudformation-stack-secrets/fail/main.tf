resource "aws_cloudformation_stack" "db" {
  name = "db"
  parameters = {
    DBName     = "app"
    DBPassword = "hunter2hunter2" # expect: aws-cloudformation-stack-secrets
  }
  template_body = <<-YAML
    Parameters:
      DBName:
        Type: String
      DBPassword:
        Type: String
        NoEcho: true
    Resources:
      Db:
        Type: AWS::RDS::DBInstance
        Properties:
          DBName: !Ref DBName
          MasterUserPassword: !Ref DBPassword
  YAML
}

resource "aws_cloudformation_stack" "ci" {
  name          = "ci"
  template_body = jsonencode({ # expect: aws-cloudformation-stack-secrets
    Resources = {
      Key = {
        Type = "AWS::SSM::Parameter"
        Properties = {
          Name  = "/ci/access-key"
          Type  = "String"
          Value = "AKIAIOSFODNN7EXAMPLE"
        }
      }
    }
  })
}
