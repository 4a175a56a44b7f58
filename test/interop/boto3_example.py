"""Create a pool, an app client and a user on cognito-msw, then sign in with boto3."""
import json
import os

import boto3

cognito = boto3.client(
    "cognito-idp",
    endpoint_url=os.environ.get("COGNITO_ENDPOINT", "http://127.0.0.1:4566"),
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)

pool_id = cognito.create_user_pool(PoolName="my-pool")["UserPool"]["Id"]
client_id = cognito.create_user_pool_client(
    UserPoolId=pool_id,
    ClientName="my-app",
    ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
)["UserPoolClient"]["ClientId"]

cognito.admin_create_user(
    UserPoolId=pool_id,
    Username="alice",
    UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
    MessageAction="SUPPRESS",
)
cognito.admin_set_user_password(
    UserPoolId=pool_id, Username="alice", Password="Correct-Horse-42", Permanent=True
)

auth = cognito.initiate_auth(
    ClientId=client_id,
    AuthFlow="USER_PASSWORD_AUTH",
    AuthParameters={"USERNAME": "alice", "PASSWORD": "Correct-Horse-42"},
)
print(json.dumps({"UserPoolId": pool_id, "ClientId": client_id, **auth["AuthenticationResult"]}, indent=2))
