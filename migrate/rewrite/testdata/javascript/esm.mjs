#!/usr/bin/env node
// Payment client — ünïcödé comment.
import { createHash } from "node:crypto";
import path from "node:path";

export const API_KEY = "sk_test_FAKEEXAMPLEKEY000000000001";
const headers = { "Authorization": `Bearer tok_FAKEEXAMPLE0002`, 'x-webhook': 'whsec_FAKE0003' };

export function dsn()   {
    return "postgres://app:pässwörd-FAKE-04@db.example.com/app";
}
const tmpl = `user ${path.sep} tpl_FAKE05`;
const keyed = { "objkey_FAKE06": 1 };
const mod = await import("./mod_FAKE07.js");
console.log(createHash("sha256").update(API_KEY).digest("hex"), headers, tmpl, keyed, mod);
