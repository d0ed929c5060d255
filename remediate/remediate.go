// Package remediate makes leaked credentials worthless: it rotates what it
// can rotate (AWS access keys, Secrets Manager secrets, PostgreSQL
// passwords), revokes what it can only revoke (GitHub, Slack, GitLab and npm
// tokens) and lists manual steps for everything else. Every step is
// appended to an audit log that never holds a secret value, and a second
// run after a partial failure finishes the work without rotating twice.
//
// What each kind of credential looks like and how its provider revokes or
// rotates it lives in its package under internal/credential; the rotators
// here adapt them.
package remediate

import (
	"context"
	"errors"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// Status is the outcome of one remediation.
type Status string

// Statuses, from best to worst.
const (
	StatusDone        Status = "done"         // rotated or revoked in this run
	StatusAlreadyDone Status = "already-done" // nothing left to do (earlier run, or state shows it)
	StatusPlanned     Status = "planned"      // --plan: what --apply would do
	StatusManual      Status = "manual"       // a person must act; see Guide
	StatusBlocked     Status = "blocked"      // stopped on purpose with guidance (e.g. two keys)
	StatusFailed      Status = "failed"       // an error; the old credential is untouched or still works
)

// Remaining reports whether the credential is still usable by whoever found it.
func (s Status) Remaining() bool {
	return s != StatusDone && s != StatusAlreadyDone
}

// Candidate is one distinct leaked secret with everything a rotator may
// need. Secret and Context hold values read again from the source; they are
// never printed, logged or stored.
type Candidate struct {
	// Finding is the first finding of this secret, redacted.
	Finding finding.Finding
	// Fingerprints of every finding that holds the same secret.
	Fingerprints []string
	// Secret is the value, re-read from the working tree or git blob.
	Secret string
	// Context is the source text around the finding (the lines
	// StartLine..EndLine), so a rotator can see e.g. a whole database URL
	// when the rule reported only its password.
	Context string
	// SecretID names the Secrets Manager secret that holds this value, found
	// through its hash tag (finding.TagSecretHash) or given with
	// --secret-id; empty otherwise.
	SecretID string
	// RotationLambda is the ARN of SecretID's rotation function, if any.
	RotationLambda string
}

// Hash returns the secret's short keyed hash: a safe handle for messages.
func (c *Candidate) Hash() string { return c.Finding.ShortHash() }

// Action is what a rotator will do for a candidate.
type Action struct {
	// Kind is "rotate", "revoke" or "manual".
	Kind string
	// Target names the credential's owner without its value (an IAM user,
	// a secret name, a database role).
	Target string
	// Steps describe, in order, what --apply will call.
	Steps []string
	// Guide is the provider's rotation guide (manual entries).
	Guide string
}

// Result is what Apply did.
type Result struct {
	Status Status
	Target string
	// Detail is one line for people, e.g. "new key AKIA... stored in X".
	Detail string
	Err    error
	Guide  string
}

// Recorder receives every step a rotator takes, for the audit log: Step
// records one call; action names it ("iam:CreateAccessKey"), target what it
// acted on, err its failure (nil on success). The credential packages
// record their calls through the same interface.
type Recorder = credential.Recorder

// Rotator remediates one kind of credential.
type Rotator interface {
	// Name is the rotator's identifier, used in output and the audit log.
	Name() string
	// Match reports whether the rotator handles the candidate.
	Match(c *Candidate) bool
	// Plan describes what Apply would do, without calling anything.
	Plan(c *Candidate) Action
	// Apply remediates the candidate.
	Apply(ctx context.Context, c *Candidate, rec Recorder) Result
}

// errNoAWS is returned by AWS rotators when no AWS configuration loaded.
var errNoAWS = errors.New("no AWS configuration (set AWS_REGION and credentials)")

func failed(target string, err error) Result {
	return Result{Status: StatusFailed, Target: target, Err: err}
}
