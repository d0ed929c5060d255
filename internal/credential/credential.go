// Package credential is the shared vocabulary of the per-kind credential
// packages below it (github, slack, gitlab, npm, stripe, aws, postgres).
// Each of those holds everything secretsweep knows about one kind: its
// token pattern, its provider's default endpoint and the environment
// variable that moves it, how to check a token live, and how to revoke or
// rotate it. scanner/verify and remediate are registries over them.
package credential

import "fmt"

// Status is the outcome of a live check.
type Status string

// Statuses of a live check.
const (
	Verified Status = "verified" // the provider accepts the credential
	Invalid  Status = "invalid"  // the provider rejects it
	Unknown  Status = "unknown"  // no answer that says either
)

// Verdict is a provider's answer about one credential. Reason is for
// people; it never holds the credential.
type Verdict struct {
	Status Status
	Reason string
}

// VerifiedBecause, InvalidBecause and Unknownf build verdicts.
func VerifiedBecause(format string, args ...any) Verdict {
	return Verdict{Status: Verified, Reason: fmt.Sprintf(format, args...)}
}

// InvalidBecause is a rejected credential.
func InvalidBecause(format string, args ...any) Verdict {
	return Verdict{Status: Invalid, Reason: fmt.Sprintf(format, args...)}
}

// Unknownf is an answer that neither accepts nor rejects the credential.
func Unknownf(format string, args ...any) Verdict {
	return Verdict{Status: Unknown, Reason: fmt.Sprintf(format, args...)}
}

// Recorder receives every call a revocation or rotation makes, for the
// audit log: action names the call ("github:POST /credentials/revoke"),
// target what it acted on (never the value), err its failure.
type Recorder interface {
	Step(action, target string, err error)
}

// Revocation is the outcome of a revocation that did not fail.
type Revocation struct {
	// Already is set when the provider no longer accepted the token, so
	// nothing was revoked.
	Already bool
	// Detail is one line for people.
	Detail string
}

// Sample is an obviously fake, well-formed credential of one kind, with
// what secretsweep does with it. Every kind lists samples of each token
// form it knows, accepted or not; tests check that the kind's predicates,
// the verifier registry and the rotator registry all agree with them.
type Sample struct {
	// Secret is the value a scan reports.
	Secret string
	// Rule is the rule ID it is reported under.
	Rule string
	// Line is the source line it was found on, when the kind needs more
	// than the secret (a database URL around a password).
	Line string
	// Verify: the kind's live check takes it.
	Verify bool
	// Revoke: remediate revokes or rotates it through the kind's package,
	// rather than listing manual steps.
	Revoke bool
}
