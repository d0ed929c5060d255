package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/remediate"
	"github.com/secretsweep/secretsweep/remediate/reread"
	"github.com/secretsweep/secretsweep/scanner"
)

// remediateOptions holds the remediate command's flags.
type remediateOptions struct {
	f *Factory

	Path           string
	History        bool
	Report         string
	Config         string
	Plan, Apply    bool
	Only           []string
	Fingerprints   []string
	SecretID       string
	DeleteInactive bool
	DeleteOld      bool
	Quarantine     bool
	AuditLog       string
	Format         string
	NotifySNS      string
	Region         string
	StorePrefix    string
}

// NewCmdRemediate builds `secretsweep remediate`; runF, when set, runs
// instead of runRemediate once the flags are parsed and valid.
func NewCmdRemediate(f *Factory, runF func(*remediateOptions) error) *cobra.Command {
	opts := &remediateOptions{f: f}
	c := &cobra.Command{
		Use:   "remediate [PATH]",
		Short: "Rotate or revoke leaked credentials (plan by default, --apply to act)",
		Long: `Make leaked credentials worthless without taking services down.

The findings come from scanning PATH (default ".", --history for every commit)
or from a JSON report (--report FILE) made from PATH. Secret values are always
read again from PATH (the file, or the blob in the finding's commit), never
from the report.

Actions, by credential:
  AWS access key      new key -> stored in Secrets Manager (<prefix>aws-iam/<user>)
                      -> tested with STS -> leaked key deactivated
                      (--delete-old deletes it, --quarantine adds a deny policy
                      for high-risk actions; the user always keeps a working key)
  Secrets Manager     a leaked value that a secret holds (tag secretsweep:hmac,
                      or secretsweep:sha256 from older versions, or --secret-id):
                      RotateSecret when a rotation Lambda is set, else the
                      built-in four-step rotation
  PostgreSQL          new password (GetRandomPassword), ALTER ROLE, test login,
                      store in Secrets Manager
  GitHub/Slack/GitLab/npm tokens   revoked through the provider's API
  anything else       manual steps with the provider's rotation guide

Every step is appended to the audit log (default PATH/.secretsweep/audit.jsonl,
kept out of commits through the repository's info/exclude, and locked against
a concurrent remediate or migrate); a second run after a failure finishes the
work without rotating twice.

Provider endpoints: GITHUB_API_URL, SLACK_API_URL, GITLAB_URL, NPM_CONFIG_REGISTRY.

Exit codes: 0 nothing to do or everything remediated; 1 credentials remain
usable (--plan with findings, or manual/blocked items after --apply);
2 usage error or a failed action.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "."
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runRemediate(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.History, "history", false, "scan every commit of PATH instead of its files")
	fl.StringVar(&opts.Report, "report", "", "take findings from a JSON report `FILE` made from PATH")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE`")
	fl.BoolVar(&opts.Plan, "plan", false, "list the action for each finding (default)")
	fl.BoolVar(&opts.Apply, "apply", false, "execute the actions")
	fl.StringSliceVar(&opts.Only, "only", nil, "only findings of these rule IDs (`RULE,...`)")
	fl.StringSliceVar(&opts.Fingerprints, "fingerprint", nil, "only the finding with this fingerprint `FP` (repeatable)")
	fl.StringVar(&opts.SecretID, "secret-id", "", "Secrets Manager secret `NAME` that holds the leaked value")
	fl.BoolVar(&opts.DeleteInactive, "delete-inactive", false, "AWS: delete the user's inactive key when it already has two")
	fl.BoolVar(&opts.DeleteOld, "delete-old", false, "AWS: delete the leaked key once the new one works (default: deactivate)")
	fl.BoolVar(&opts.Quarantine, "quarantine", false, "AWS: attach an inline policy denying high-risk actions to the key's user")
	fl.StringVar(&opts.AuditLog, "audit-log", "", "append the audit log to `FILE` (default PATH/.secretsweep/audit.jsonl)")
	fl.StringVarP(&opts.Format, "format", "f", "text", "summary format: "+strings.Join(remediate.Formats, ", "))
	fl.StringVar(&opts.NotifySNS, "notify-sns", "", "publish the summary to SNS topic `ARN`")
	fl.StringVar(&opts.Region, "region", "", "AWS region (default from the environment)")
	fl.StringVar(&opts.StorePrefix, "store-prefix", "secretsweep/", "name prefix of secrets remediate creates")
	return c
}

func (o *remediateOptions) validate() error {
	if o.Plan && o.Apply {
		return errors.New("--plan and --apply are mutually exclusive")
	}
	if o.Report != "" && o.History {
		return errors.New("--report and --history are mutually exclusive (the report says where each finding is)")
	}
	switch o.Format {
	case "text", "json", "markdown":
	default:
		return fmt.Errorf("unknown format %q (want one of %s)", o.Format, strings.Join(remediate.Formats, ", "))
	}
	if !o.Apply && (o.NotifySNS != "") {
		return errors.New("--notify-sns needs --apply")
	}
	info, err := os.Stat(o.Path)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("%s is not a directory", o.Path)
	}
	return nil
}

func (o *remediateOptions) findings(ctx context.Context, h finding.Hasher) ([]finding.Finding, error) {
	if o.Report != "" {
		fh, err := os.Open(o.Report)
		if err != nil {
			return nil, err
		}
		defer fh.Close()
		fs, err := finding.ReadJSON(fh)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.Report, err)
		}
		if err := h.CheckFindings(fs); err != nil {
			return nil, fmt.Errorf("report %s: %w", o.Report, err)
		}
		return fs, nil
	}
	so := scanner.Options{Path: o.Path, Mode: scanner.ModeDir, ConfigPath: o.Config, MaxDecodeDepth: scanner.DefaultMaxDecodeDepth, Now: o.f.Now, Hasher: h}
	if o.History {
		so.Mode = scanner.ModeHistory
	}
	res, err := scanner.Scan(ctx, so)
	if err != nil {
		return nil, err
	}
	return res.Findings, nil
}

func (o *remediateOptions) deps(ctx context.Context, h finding.Hasher) (*remediate.Deps, string) {
	d := &remediate.Deps{
		Hasher:         h,
		HTTP:           o.f.HTTPClient(),
		Now:            o.f.Now,
		DeleteInactive: o.DeleteInactive,
		DeleteOld:      o.DeleteOld,
		Quarantine:     o.Quarantine,
		StorePrefix:    o.StorePrefix,
		Endpoints:      endpoint.FromEnv(o.f.Getenv),
	}
	cfg, err := o.f.AWSConfig(ctx, o.Region)
	if err != nil {
		return d, "AWS unavailable (" + err.Error() + "): AWS actions will fail"
	}
	d.NewAWSDeps(cfg)
	return d, ""
}

func runRemediate(ctx context.Context, o *remediateOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// A symlinked PATH is remediated as the directory it names.
	root, err := gitrepo.Resolve(o.Path)
	if err != nil {
		return err
	}
	o.Path = root
	h, err := o.f.hasher()
	if err != nil {
		return err
	}
	fs, err := o.findings(ctx, h)
	if err != nil {
		return err
	}
	d, warn := o.deps(ctx, h)
	ropts := remediate.Options{
		Findings: fs, Apply: o.Apply, Only: o.Only, Fingerprints: o.Fingerprints, SecretID: o.SecretID,
		Source: &reread.Source{Root: o.Path, ConfigPath: o.Config, Hasher: h},
	}
	if o.Apply {
		var log *remediate.AuditLog
		if o.AuditLog == "" {
			log, err = remediate.OpenDefaultAuditLog(o.Path, h)
		} else {
			log, err = remediate.OpenAuditLog(filepath.Clean(o.AuditLog), h)
		}
		if err != nil {
			return err
		}
		defer log.Close()
		ropts.Audit = log
	}
	sum, err := remediate.Run(ctx, ropts, d)
	if err != nil {
		return err
	}
	if warn != "" && len(sum.Items) > 0 {
		sum.Warnings = append(sum.Warnings, warn)
	}
	if err := remediate.WriteSummary(o.f.IO.Out, sum, o.Format); err != nil {
		return err
	}
	if o.NotifySNS != "" {
		if err := remediate.Notify(ctx, d.SNS, o.NotifySNS, sum); err != nil {
			return err
		}
	}
	if n := sum.Count(remediate.StatusFailed); n > 0 && !o.Apply {
		return fmt.Errorf("%d of %d findings could not be planned (see above)", n, len(sum.Items))
	} else if n > 0 {
		return fmt.Errorf("%d of %d remediations failed; the failed credentials are unchanged or still valid: fix the cause and run again", n, len(sum.Items))
	}
	if sum.Remaining() > 0 {
		return ErrLeaksFound
	}
	return nil
}
