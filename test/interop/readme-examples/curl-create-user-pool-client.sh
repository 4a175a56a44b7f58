curl -s http://127.0.0.1:4566/ \
  -H 'Content-Type: application/x-amz-json-1.1' \
  -H 'X-Amz-Target: AWSCognitoIdentityProviderService.CreateUserPoolClient' \
  -d '{"UserPoolId": "us-east-1_AbCdEf123", "ClientName": "my-app"}'
