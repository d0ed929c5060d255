import os

import boto3
import requests
import stripe

stripe.api_key = os.environ["STRIPE_SECRET_KEY"]

SLACK_TOKEN = os.environ.get("SLACK_BOT_TOKEN")
GEOCODER_API_KEY = os.getenv("GEOCODER_API_KEY", "")
SHIPPING_API_KEY = "sh_live_Nq7vL2mXz9Kr8Tw3Bn5Cy1Hd4Fg6"
INTERNAL_TOKEN_HEADER = "X-Internal-Token"


def s3_client():
    return boto3.client(
        "s3",
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
    )


def legacy_inventory_session():
    session = requests.Session()
    session.auth = ("inventory-sync", "Bw4!kT8vQm2z")
    session.headers["Authorization"] = "Bearer 7e2c9a4f1d8b3e6a0c5f9b2d7e1a4c8f3b6d9e2a"
    return session


def reporting_dsn(password: str) -> str:
    return f"postgresql://reporting:{password}@reporting-db.internal:5432/reporting"


def webhook_headers(token):
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def github_client():
    token = os.environ["GITHUB_TOKEN"]
    return requests.Session(), token


def password_reset_url(user_id, reset_token):
    return f"https://shop.corp-internal.net/reset?uid={user_id}&token={reset_token}"
