"""Django settings for shop."""
import os
from pathlib import Path

import environ

env = environ.Env(DEBUG=(bool, False))
BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost"])

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://shop:shop@localhost:5432/shop"),
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics",
        "USER": "shop_analytics",
        "PASSWORD": os.environ.get("ANALYTICS_DB_PASSWORD", ""),
        "HOST": "analytics-db.internal",
        "PORT": "5432",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

CSRF_COOKIE_NAME = "shop_csrftoken"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD")
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
AWS_STORAGE_BUCKET_NAME = "shop-media-prod"
