// Typed client — ünïcödé.
import type { Config } from "./config";

type Mode = "live_FAKE01" | "test";
enum Tier { Gold = "enum_FAKE02" }

const config: Config = {
  apiKey: "sk_test_FAKEEXAMPLEKEY000000000003",
  token: `tok_FAKE04`,
};

export class Client {
  private readonly secret: string = 'cls_FAKE05';
  url(): string { return "https://u:pw_FAKE06@api.example.com"; }
}
