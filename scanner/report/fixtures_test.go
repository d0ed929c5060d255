package report

import (
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Fake secrets used by the fixtures. Each holds an alphanumeric probe that no
// escaping changes, so tests can check that no format leaks it.
const (
	fakeGeneric = `FAKE|<tok>"S3CR3TONE`
	fakeAWS     = "AKIAIOSFODNN7EXAMPLE" // AWS's documented example key
	fakeGitHub  = "ghp_FAKE0EXAMPLE0000000000000000000000"
	// lineOnly appears only in Finding.Line, which no format may print.
	lineOnly = "LINEONLYFAKEMARKER"
)

// probes are the substrings that must not appear in redacted output.
var probes = []string{"S3CR3TONE", fakeAWS, fakeGitHub}

const fakeCommit = "0123456789abcdef0123456789abcdef01234567"

// fixtureHasher makes the fixtures' keyed hashes (a fake key).
var fixtureHasher = func() finding.Hasher {
	h, err := finding.NewHasher([]byte("FAKE-report-fixture-key-00000000"))
	if err != nil {
		panic(err)
	}
	return h
}()

// fixtureFindings covers a working-tree file whose path has spaces and
// non-ASCII letters and whose match has | < " ` and a newline, a git finding
// with every commit field, and a CI-log finding with the extension fields.
func fixtureFindings() []finding.Finding {
	return []finding.Finding{
		{
			RuleID:      "generic-api-key",
			Description: "Detected a Generic API Key, potentially exposing access to various services and sensitive operations.",
			StartLine:   3, EndLine: 4, StartColumn: 9, EndColumn: 6,
			Line:        lineOnly + " token = `" + fakeGeneric + "`",
			Match:       "token = `" + fakeGeneric + "` \\\n  more",
			Secret:      fakeGeneric,
			File:        "config/prod settings/clé été.env",
			SymlinkFile: "link to.env",
			Entropy:     4.25,
			Fingerprint: "config/prod settings/clé été.env:generic-api-key:3",
			SecretHash:  fixtureHasher.Sum(fakeGeneric),
			Confidence:  finding.ConfidenceMedium, ConfidenceScore: 48,
		},
		{
			RuleID:      "aws-access-token",
			Description: "Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.",
			StartLine:   7, EndLine: 7, StartColumn: 21, EndColumn: 40,
			Line:        lineOnly + " aws_access_key_id = " + fakeAWS,
			Match:       fakeAWS,
			Secret:      fakeAWS,
			File:        "deploy/aws.tf",
			Commit:      fakeCommit,
			Link:        "https://github.com/example/repo/blob/" + fakeCommit + "/deploy/aws.tf#L7",
			Entropy:     3.68,
			Author:      "Jane Döe",
			Email:       "jane@example.com",
			Date:        "2024-05-06T07:08:09Z",
			Message:     "Add deploy config\n\nSigned-off-by: Jane Döe <jane@example.com>",
			Tags:        []string{"key", "AWS"},
			Fingerprint: fakeCommit + ":deploy/aws.tf:aws-access-token:7",
			SecretHash:  fixtureHasher.Sum(fakeAWS),
			Confidence:  finding.ConfidenceHigh, ConfidenceScore: 90,
		},
		{
			RuleID:      "github-pat",
			Description: "Uncovered a GitHub Personal Access Token, potentially leading to unauthorized repository access and sensitive content exposure.",
			StartLine:   10, EndLine: 10, StartColumn: 1, EndColumn: 40,
			Line:        lineOnly + " " + fakeGitHub,
			Match:       "=" + fakeGitHub,
			Secret:      fakeGitHub,
			File:        "actions/run 42/build.log",
			Entropy:     2.5,
			Tags:        []string{},
			Fingerprint: "actions/run 42/build.log:github-pat:10",
			SecretHash:  fixtureHasher.Sum(fakeGitHub),
			Confidence:  finding.ConfidenceLow, ConfidenceScore: 20,
			Source:       "actions-log",
			Extra:        map[string]string{"run_id": "42", "job": "build"},
			Verification: &finding.Verification{Status: "invalid", Reason: "401 Bad credentials"},
		},
	}
}

// fixtureStats is a history scan with every counter set.
func fixtureStats() finding.Stats {
	return finding.Stats{
		Mode: "history", Files: 1234, Commits: 56, Bytes: 5_678_901,
		SkippedBinary: 3, SkippedLarge: 1, MissingObjects: 2,
		Duration:      2*time.Second + 345*time.Millisecond,
		Warnings:      []string{"object 89abcdef: missing from the object store, skipped"},
		MinConfidence: finding.ConfidenceMedium, BelowConfidence: 3,
	}
}

// goldenCase is one input rendered by every reporter.
type goldenCase struct {
	name string
	res  *finding.Result
}

func goldenCases() []goldenCase {
	redacted := fixtureFindings()
	finding.RedactAll(redacted)
	return []goldenCase{
		{"redacted", &finding.Result{Findings: redacted, Stats: fixtureStats()}},
		{"unredacted", &finding.Result{Findings: fixtureFindings(), Stats: fixtureStats()}},
		{"empty", &finding.Result{Stats: finding.Stats{Mode: "dir", Files: 12, Bytes: 2048, Duration: 850 * time.Millisecond}}},
		{"incomplete", &finding.Result{Findings: redacted[1:2], Stats: incompleteStats()}},
		{"incomplete-empty", &finding.Result{Stats: incompleteStats()}},
	}
}

// incompleteStats is a history scan that could not read two objects.
func incompleteStats() finding.Stats {
	return finding.Stats{
		Mode: "history", Files: 40, Commits: 7, Bytes: 12_345,
		Duration:   1500 * time.Millisecond,
		Unreadable: 2,
		Errors: []string{
			"cannot read commit " + fakeCommit + " (refs/heads/main): corrupt: pack-1234.pack: pack offset 12: inflate: bad zlib header",
			"cannot read blob 89abcdef0123456789abcdef0123456789abcdef (src/<app>.py in commit " + fakeCommit + "): absent from the repository",
		},
	}
}

// testOpts are the options of the golden tests.
func testOpts() Options {
	return Options{Version: "1.2.3-test", Finished: time.Date(2026, 12, 6, 10, 30, 0, 0, time.UTC)}
}
