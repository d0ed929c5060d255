"use strict";
// Checkout API: charges cards with Stripe.
const http = require("node:http");

const stripeKey = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV";

function handler(req, res) {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ ok: true, stripeConfigured: stripeKey.length > 0 }));
}

module.exports = { handler, createServer: () => http.createServer(handler) };

if (require.main === module) {
  console.log("stripe:", stripeKey);
}
