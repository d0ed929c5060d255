package finding

// Findings in commit messages. History and range scans read each commit's
// message as one more source: its findings carry the commit (and its
// author, date and message) like any other, File set to CommitMessageFile
// and Source to SourceCommitMessage, and StartLine counted in the message.
//
// The pseudo-path is what gitleaks-format consumers and SARIF need: File
// stays a non-empty path-like string (GitHub code scanning rejects a
// result without an artifact location), no real file can be confused with
// it once Source is checked, and the fingerprint keeps gitleaks' format,
// "<commit>:(commit message):<rule>:<line>", stable across runs, so a line
// of .gitleaksignore suppresses it.
const (
	CommitMessageFile   = "(commit message)"
	SourceCommitMessage = "commit-message"
)
