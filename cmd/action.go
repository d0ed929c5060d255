package cmd

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/migrate"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/action"
	"github.com/secretsweep/secretsweep/scanner/verify"
)

// actionAPITimeout bounds one GitHub API call, retries included.
const actionAPITimeout = 5 * time.Minute

// actionOptions holds the action command's flags (the inputs of
// action.yml) and the environment it reads.
type actionOptions struct {
	f *Factory

	Config         string
	Baseline       string
	FailOnFindings bool
	Comment        bool
	Verify         bool
	Scan           string
	MaxDecodeDepth int
	Migrate        bool
	MinConfidence  string
}

// NewCmdAction builds `secretsweep action`, which action.yml runs; runF,
// when set, runs instead of runAction once the flags are parsed and valid.
func NewCmdAction(f *Factory, runF func(*actionOptions) error) *cobra.Command {
	opts := &actionOptions{f: f}
	c := &cobra.Command{
		Use:   "action",
		Short: "Run as the GitHub Action: scan what a pull request, push or merge group adds",
		Long: `Run inside a GitHub Actions job (action.yml calls it).

It reads GITHUB_EVENT_NAME and GITHUB_EVENT_PATH and scans:
  pull_request, pull_request_target  the pull request's commits (base..head)
  push                               the pushed commits (before..after); a new branch:
                                     the commits on no other branch
  merge_group                        the queued commits
  schedule, workflow_dispatch        the full history (--scan history|tree|auto)
Commits a shallow checkout lacks are fetched with the job's token (GITHUB_TOKEN);
if they cannot be fetched the step fails rather than pass over unread commits.
Configuration (.secretsweep.toml, .gitleaks.toml, .gitleaksignore, --config,
--baseline inside the workspace) is read from the trusted commit: the base of a
pull request, never its head.

Results: ::error annotations, a job summary (GITHUB_STEP_SUMMARY), SARIF and JSON
reports under RUNNER_TEMP, outputs findings-count, sarif-file and report-file
(GITHUB_OUTPUT), and one pull request review with inline comments (--comment).
With --migrate and AWS credentials (an OIDC role), each leaked value of a pull
request is stored in Secrets Manager as secretsweep migrate stores it, and its
comment suggests the rewrite of the line as a one-click change.
Values are redacted everywhere.

Exit codes: 0 no leaks (or --fail-on-findings=false), 1 leaks found, 2 error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.MaxDecodeDepth < 0 {
				return usageError{fmt.Errorf("--max-decode-depth must not be negative")}
			}
			if _, err := parseMinConfidence(opts.MinConfidence); err != nil {
				return usageError{fmt.Errorf("--min-confidence: %w", err)}
			}
			if runF != nil {
				return runF(opts)
			}
			return runAction(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Config, "config", "", "gitleaks-format config `FILE` (inside the workspace: read from the trusted commit)")
	fl.StringVar(&opts.Baseline, "baseline", "", "previous JSON report `FILE` (inside the workspace: read from the trusted commit)")
	fl.BoolVar(&opts.FailOnFindings, "fail-on-findings", true, "exit 1 when leaks are found")
	fl.BoolVar(&opts.Comment, "comment", true, "review the pull request with inline comments on the leaking lines")
	fl.BoolVar(&opts.Verify, "verify", false, "check found credentials live with their providers and label them")
	fl.BoolVar(&opts.Migrate, "migrate", false, "on a pull request, store each leaked value in AWS Secrets Manager and suggest the rewrite of its line in the review")
	fl.StringVar(&opts.Scan, "scan", action.ScanAuto, "what to scan: auto (the event's commits; history on schedule), history or tree")
	fl.IntVar(&opts.MaxDecodeDepth, "max-decode-depth", scanner.DefaultMaxDecodeDepth, "decode base64/hex/percent-encoded text up to this depth (0: off)")
	addMinConfidenceFlag(fl, &opts.MinConfidence)
	return c
}

func runAction(ctx context.Context, o *actionOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	f := o.f
	env := f.Getenv
	token := ghclient.Token(env)
	if token == "" {
		return action.ErrNoToken
	}
	// The client's timeout covers a request with its retries and their
	// bounded waits (3 retries, at most a minute each).
	hc := *f.HTTPClient()
	hc.Transport = ghclient.NewRetryTransport(hc.Transport, ghclient.RetryOptions{MaxRetries: 3, MaxWait: time.Minute, Now: f.Now})
	hc.Timeout = actionAPITimeout
	gh, err := ghclient.New(&hc, env)
	if err != nil {
		return err
	}
	hasher, err := f.hasher()
	if err != nil {
		return err
	}
	minConf, err := parseMinConfidence(o.MinConfidence)
	if err != nil {
		return usageError{fmt.Errorf("--min-confidence: %w", err)}
	}
	ao := action.Options{
		MinConfidence:  minConf,
		Hasher:         hasher,
		EventName:      env("GITHUB_EVENT_NAME"),
		EventPath:      env("GITHUB_EVENT_PATH"),
		Repository:     env("GITHUB_REPOSITORY"),
		Workspace:      env("GITHUB_WORKSPACE"),
		ServerURL:      env("GITHUB_SERVER_URL"),
		Token:          token,
		SummaryPath:    env("GITHUB_STEP_SUMMARY"),
		OutputPath:     env("GITHUB_OUTPUT"),
		TempDir:        env("RUNNER_TEMP"),
		Config:         o.Config,
		Baseline:       o.Baseline,
		FailOnFindings: o.FailOnFindings,
		Comment:        o.Comment,
		Verify:         o.Verify,
		Scan:           o.Scan,
		MaxDecodeDepth: o.MaxDecodeDepth,
		GitHub:         gh,
		Out:            f.IO.Out,
		Version:        f.Version,
	}
	if o.Migrate {
		ao.Migrate = true
		ao.Secrets, ao.SecretsProblem = actionSecrets(ctx, f)
	}
	if o.Verify {
		ao.Verifier = func(ctx context.Context, fs []finding.Finding) string {
			return verifyFindings(ctx, f, fs)
		}
	}
	out, err := action.Run(ctx, ao)
	if err != nil {
		return err
	}
	if out.Fail {
		return ErrLeaksFound
	}
	return nil
}

// verifyFindings labels findings with a live check by their providers.
func verifyFindings(ctx context.Context, f *Factory, fs []finding.Finding) string {
	s := verify.Run(ctx, fs, verify.Options{Verifiers: verify.Registry(endpoint.FromEnv(f.Getenv), f.HTTPClient())})
	return fmt.Sprintf("verification: %d verified, %d invalid, %d unknown", s.Verified, s.Invalid, s.Unknown)
}

// actionSecrets is the Secrets Manager client for --migrate, or nil and
// why the job's AWS credentials cannot be used.
func actionSecrets(ctx context.Context, f *Factory) (migrate.SecretsAPI, string) {
	if f.AWSConfig == nil {
		return nil, "no AWS configuration"
	}
	cfg, err := f.AWSConfig(ctx, "")
	if err == nil {
		err = awsPreflight(ctx, cfg)
	}
	if err != nil {
		return nil, err.Error()
	}
	return secretsmanager.NewFromConfig(cfg), ""
}
