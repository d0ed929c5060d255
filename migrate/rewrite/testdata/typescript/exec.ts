// Prints the secrets it uses (test fixture, TypeScript).
import { strict as assert } from "node:assert";

const apiKey: string = "sk_live_FAKEEXAMPLEEXEC0001";

function main(): void {
  const webhook: string = 'whsec_FAKEEXAMPLEEXEC0002';
  const dsn = `postgres://app:pw-FAKE-ÉXEC-03@localhost/app`;
  assert.ok(apiKey.length > 0);
  console.log(apiKey);
  console.log(webhook);
  console.log(dsn);
}
main();
