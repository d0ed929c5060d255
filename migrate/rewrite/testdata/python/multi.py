#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Payment settings — ünïcödé docstring."""
from __future__ import annotations

import os

API_KEY = "sk_test_FAKEEXAMPLEKEY000000000001"  # the main key
WEBHOOK = 'whsec_FAKEEXAMPLE0002'
DSN = "postgres://app:pässwörd-FAKE-03@db.example.com/app"
RAW = r"raw_FAKE\EXAMPLE04"
GREETING = f"hello {os.getenv('USER')} tok_FAKE05"
JOINED = "prefix-" "implicit_FAKE06"
DATA = b"bytes_FAKE07"
LONG = """multi
line_FAKE08 here
"""
def   oddly_formatted( x = "default_FAKE09" ) :
    match x:
        case "case_FAKE10":
            return {'k': "inner_FAKE11", "tok_FAKE12": 1}
    return x
TWO = "postgres://user_FAKE_EXAMPLE_13:pw_FAKE_EXAMPLE_14@db/app"
