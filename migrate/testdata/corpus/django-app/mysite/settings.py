"""Django settings for mysite."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
]

STRIPE_SECRET_KEY = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV"
SLACK_BOT_TOKEN = "xoxb-123456789012-1234567890123-FAKEexampleTOKENabcdEFGH"
