// Prints the secrets it uses (test fixture, CommonJS).
const apiKey = "sk_live_FAKEEXAMPLEEXEC0001";

function main() {
  const webhook = 'whsec_FAKEEXAMPLEEXEC0002';
  const dsn = `postgres://app:pw-FAKE-ÉXEC-03@localhost/app`;
  console.log(apiKey);
  console.log(webhook);
  console.log(dsn);
}
main();
