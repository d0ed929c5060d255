import { config } from "./config";

export function describe(): string {
  return "github: " + config.githubToken;
}

console.log(describe());
