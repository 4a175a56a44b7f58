export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=''
ENDPOINT=http://127.0.0.1:4566

POOL_ID=$(aws cognito-idp create-user-pool --endpoint-url $ENDPOINT \
  --pool-name my-pool --query UserPool.Id --output text)
CLIENT_ID=$(aws cognito-idp create-user-pool-client --endpoint-url $ENDPOINT \
  --user-pool-id "$POOL_ID" --client-name my-app \
  --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH \
  --query UserPoolClient.ClientId --output text)
aws cognito-idp admin-create-user --endpoint-url $ENDPOINT \
  --user-pool-id "$POOL_ID" --username alice \
  --user-attributes Name=email,Value=alice@example.com --message-action SUPPRESS \
  --query User.UserStatus --output text
aws cognito-idp admin-set-user-password --endpoint-url $ENDPOINT \
  --user-pool-id "$POOL_ID" --username alice --password Correct-Horse-42 --permanent
aws cognito-idp initiate-auth --endpoint-url $ENDPOINT \
  --client-id "$CLIENT_ID" --auth-flow USER_PASSWORD_AUTH \
  --auth-parameters USERNAME=alice,PASSWORD=Correct-Horse-42
