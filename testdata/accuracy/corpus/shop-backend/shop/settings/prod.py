from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "k#8v!l2m@xz7kr9$tw3bn5%cy1hd4^fg6ja0&ue2iopl7*sxwq9"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop_app",
        "PASSWORD": "Mv7#qT2kXz9w",
        "HOST": "shop-db.internal",
        "PORT": "5432",
        "CONN_MAX_AGE": 60,
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics",
        "USER": "shop_analytics",
        "PASSWORD": "Wk3!vN8qLz6t",
        "HOST": "analytics-db.internal",
    },
}

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://:Qw7#zN4kLv8p@shop-redis.internal:6379/1",
    }
}

CELERY_BROKER_URL = "amqp://shop:Ln6!kV2qTz8x@rabbitmq.internal:5672/shop"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "SG.Tz8vL2mXq7Kr9Wp3Bn5Cy1.Hd4Fg6Ja0Ue2IoNm7SxWq9Zr3Tk6Mv8Nb4Hc2Jd5"
SENTRY_DSN = "https://3f9c1a7e5b2d8c4f@o204519.ingest.sentry.io/1283746"
AWS_S3_ACCESS_KEY_ID = "AKIAV4Q3LKPMZ2XRTW6N"
AWS_S3_SECRET_ACCESS_KEY = "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"
