'use strict';
/* Settings loaded at start — “smart quotes” in a comment. */
const axios = require("axios");

module.exports = {
  apiKey: "sk_test_FAKEEXAMPLEKEY000000000001",
  region: 'eu-west-1', token: 'ghp_FAKEEXAMPLE0002',
};

function client() {
  return axios.create({ headers: { Authorization: "Bearer jwt_FAKE0003" } });
}
const tagged = String.raw`raw_FAKE04`;
module.exports.client = client;
