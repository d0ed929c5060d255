// Posts release notes to Slack. No imports: Node loads it as an ES module
// because of "type": "module" in package.json.
const slackBotToken = "xoxb-123456789012-1234567890123-FAKEexampleTOKENabcdEFGH";

function headers() {
  return { Authorization: "Bearer " + slackBotToken, "Content-Type": "application/json" };
}

console.log("slack:", headers().Authorization.slice("Bearer ".length));
