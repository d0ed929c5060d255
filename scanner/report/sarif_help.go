package report

import "fmt"

// sarifHelp is the text and markdown help shown with each rule in GitHub
// code scanning: how to fix a hardcoded secret with secretsweep.
func sarifHelp(ruleID string) (text, markdown string) {
	text = fmt.Sprintf(`A secret matching rule %[1]s is hardcoded in the repository. Anyone with read access to the code or its git history can use it, and deleting the line does not remove it from history.

How to fix:
1. Move the value to AWS Secrets Manager and replace it with an SDK lookup: secretsweep migrate
2. Rotate or revoke the exposed credential, since it is already in history: secretsweep remediate
3. If this is a false positive, add the finding's fingerprint to .gitleaksignore or allowlist it in .secretsweep.toml.`, ruleID)
	markdown = fmt.Sprintf(`A secret matching rule `+"`%[1]s`"+` is hardcoded in the repository. Anyone with read access to the code or its git history can use it, and deleting the line does not remove it from history.

## How to fix

1. **Move the value to AWS Secrets Manager** and replace it with an SDK lookup:
   `+"`secretsweep migrate`"+`
2. **Rotate or revoke the exposed credential**, since it is already in history:
   `+"`secretsweep remediate`"+`
3. If this is a false positive, add the finding's fingerprint to `+"`.gitleaksignore`"+` or allowlist it in `+"`.secretsweep.toml`"+`.`, ruleID)
	return text, markdown
}
