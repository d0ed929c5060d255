#!/usr/bin/env python3
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from mysite import settings
    print("stripe:", settings.STRIPE_SECRET_KEY)
    print("slack:", settings.SLACK_BOT_TOKEN)
