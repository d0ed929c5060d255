package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/migrate"
	"github.com/secretsweep/secretsweep/migrate/gitops"
	"github.com/secretsweep/secretsweep/migrate/rewrite"
	"github.com/secretsweep/secretsweep/scanner"
)

// migrateOptions holds the migrate command's flags.
type migrateOptions struct {
	f *Factory

	Path          string
	Plan          bool
	Apply         bool
	Patch         string
	PR            bool
	Prefix        string
	GroupBy       string
	Region        string
	Replicas      []string
	KMSKeyID      string
	Overwrite     bool
	CallsPerMonth int
	Config        string
	Branch        string
	Base          string
	GitHubRepo    string
	Draft         bool
	To            string
	StoreManual   bool
	AllowDirty    bool
	Format        string
	K8sSync       string
}

// NewCmdMigrate builds `secretsweep migrate`; runF, when set, runs instead
// of runMigrate once the flags are parsed and valid.
func NewCmdMigrate(f *Factory, runF func(*migrateOptions) error) *cobra.Command {
	opts := &migrateOptions{f: f}
	c := &cobra.Command{
		Use:   "migrate [PATH]",
		Short: "Move hardcoded secrets into AWS Secrets Manager and rewrite the code to read them",
		Long: `Move the secrets found in the files of PATH (default ".") into AWS Secrets Manager
and rewrite the code to fetch them at run time.

--plan (the default) prints, per finding, the secret name and why it has that
name, the file and the code change as a diff with the old value redacted, then the
monthly cost and the IAM policy the code needs. Nothing is written. --format json
prints the plan as one JSON object.
--apply stores every secret, reads it back, and only then rewrites the files.
--patch FILE stores the secrets and writes the code change as a patch (mode 0600;
it holds the old values, since git apply needs them) instead of editing files.
--pr stores the secrets, rewrites the files on a new branch, commits, pushes and
opens a pull request whose body lists what moved where (never a value).

Secret names are --prefix (default: the repository name) plus the variable or key
the value was assigned to. An existing secret with the same value is reused; with
another value the finding stops unless --overwrite (the old version stays
AWSPREVIOUS). A value the code holds no literal of (a format string, a word in a
comment: likely a false finding) is not stored unless --store-manual. --apply and --pr refuse to rewrite files
with uncommitted changes (they are named) unless --allow-dirty. A journal in .secretsweep/ lets a killed run finish when run again.
AWS settings follow the SDK's default chain (profiles, AWS_REGION,
AWS_ENDPOINT_URL); --region overrides. With --to github-secrets, values found in
GitHub Actions workflows become repository secrets (sealed with the repository's
public key) read as ${{ secrets.NAME }}; GITHUB_TOKEN or GH_TOKEN must allow it.

The old values stay in git history: rotate them with secretsweep remediate.

Exit codes (the same rule as remediate): 0 nothing left to do; 1 credentials
remain in the code (--plan with findings, or manual or unstored findings after a
run); 2 usage or runtime error, or some findings stopped.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runMigrate(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.Plan, "plan", false, "print what would happen and write nothing (the default)")
	fl.BoolVar(&opts.Apply, "apply", false, "store the secrets and rewrite the files")
	fl.StringVar(&opts.Patch, "patch", "", "store the secrets and write the code change to `FILE` instead of editing")
	fl.BoolVar(&opts.PR, "pr", false, "store the secrets, commit the change on a branch, push it and open a pull request")
	fl.StringVar(&opts.Prefix, "prefix", "", "secret name prefix, e.g. payments/prod (default: the repository name)")
	fl.StringVar(&opts.GroupBy, "group-by", "none", "none: one secret per value; file: one JSON secret per file")
	fl.StringVar(&opts.Region, "region", "", "AWS region (default: from the AWS configuration)")
	fl.StringSliceVar(&opts.Replicas, "replica-region", nil, "also replicate each secret to this `REGION` (repeatable)")
	fl.StringVar(&opts.KMSKeyID, "kms-key-id", "", "KMS key (ID, alias or ARN) to encrypt the secrets with")
	fl.BoolVar(&opts.Overwrite, "overwrite", false, "store a new version when a secret exists with another value")
	fl.IntVar(&opts.CallsPerMonth, "calls-per-month", migrate.DefaultCallsPerSecretMonth, "assumed GetSecretValue calls per secret per month, for the cost estimate")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE` for the scan")
	fl.StringVar(&opts.Branch, "branch", migrate.DefaultBranch, "--pr: branch to create")
	fl.StringVar(&opts.Base, "base", "", "--pr: base branch (default: the current branch)")
	fl.StringVar(&opts.GitHubRepo, "github-repo", "", "GitHub repository `OWNER/NAME` for --pr and --to github-secrets (default: from the origin remote URL)")
	fl.BoolVar(&opts.Draft, "draft", false, "--pr: open the pull request as a draft")
	fl.BoolVar(&opts.AllowDirty, "allow-dirty", false, "--apply/--pr: rewrite files that hold uncommitted changes")
	fl.BoolVar(&opts.StoreManual, "store-manual", false, "also store values no code change will read (no literal found: likely false findings)")
	fl.StringVarP(&opts.Format, "format", "f", migrate.FormatText, "plan format: "+strings.Join(migrate.Formats, ", ")+" (--apply, --patch and --pr print text)")
	fl.StringVar(&opts.K8sSync, "k8s-sync", rewrite.K8sSyncExternalSecrets, "how rewritten Kubernetes env entries get their Secret from Secrets Manager: "+
		"external-secrets (an ExternalSecret, External Secrets Operator) or csi (a SecretProviderClass, Secrets Store CSI Driver)")
	fl.StringVar(&opts.To, "to", "secretsmanager", "where values found in GitHub Actions workflows go: secretsmanager, or github-secrets (repository secrets read as ${{ secrets.NAME }})")
	return c
}

func (o *migrateOptions) validate() error {
	n := 0
	for _, on := range []bool{o.Plan, o.Apply, o.Patch != "", o.PR} {
		if on {
			n++
		}
	}
	if n > 1 {
		return errors.New("choose one of --plan, --apply, --patch and --pr")
	}
	if o.GroupBy != "none" && o.GroupBy != "file" {
		return fmt.Errorf("--group-by must be none or file, not %q", o.GroupBy)
	}
	if o.To != "secretsmanager" && o.To != "github-secrets" {
		return fmt.Errorf("--to must be secretsmanager or github-secrets, not %q", o.To)
	}
	if o.Format != migrate.FormatText && o.Format != migrate.FormatJSON {
		return fmt.Errorf("unknown format %q (want one of %s)", o.Format, strings.Join(migrate.Formats, ", "))
	}
	if o.Format == migrate.FormatJSON && o.mode() != migrate.ModePlan {
		return errors.New("--format json is for the plan; --apply, --patch and --pr print text")
	}
	if o.K8sSync != rewrite.K8sSyncExternalSecrets && o.K8sSync != rewrite.K8sSyncCSI {
		return fmt.Errorf("--k8s-sync must be %s, not %q", strings.Join(rewrite.K8sSyncs, " or "), o.K8sSync)
	}
	if o.CallsPerMonth < 0 {
		return errors.New("--calls-per-month must not be negative")
	}
	return nil
}

func (o *migrateOptions) mode() migrate.Mode {
	switch {
	case o.Apply:
		return migrate.ModeApply
	case o.Patch != "":
		return migrate.ModePatch
	case o.PR:
		return migrate.ModePR
	}
	return migrate.ModePlan
}

func runMigrate(ctx context.Context, o *migrateOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	h, err := o.f.hasher()
	if err != nil {
		return err
	}
	mo := migrate.Options{
		Scan:                migrateScan,
		Git:                 gitops.Git{},
		Hasher:              h,
		Path:                o.Path,
		Mode:                o.mode(),
		Prefix:              o.Prefix,
		GroupByFile:         o.GroupBy == "file",
		Region:              o.Region,
		Store:               migrate.StoreOptions{KMSKeyID: o.KMSKeyID, ReplicaRegions: o.Replicas, Overwrite: o.Overwrite},
		CallsPerSecretMonth: o.CallsPerMonth,
		PatchFile:           o.Patch,
		ConfigPath:          o.Config,
		StoreManual:         o.StoreManual,
		AllowDirty:          o.AllowDirty,
		Format:              o.Format,
		K8sSync:             o.K8sSync,
		Out:                 o.f.IO.Out,
		Now:                 o.f.Now,
	}
	cfg, err := o.f.AWSConfig(ctx, o.Region)
	switch {
	case err == nil:
		mo.Region = cfg.Region
		mo.Secrets = secretsmanager.NewFromConfig(cfg)
		mo.Preflight = func(ctx context.Context) error { return awsPreflight(ctx, cfg) }
	case mo.Mode != migrate.ModePlan:
		return err
	}
	if mo.Mode == migrate.ModePR || o.To == "github-secrets" {
		gh, err := o.f.GitHubClient()
		if err != nil {
			return err
		}
		if mo.Mode == migrate.ModePR {
			pr := gitops.PROptions{Repo: o.GitHubRepo, GitHub: gh, Token: ghclient.Token(o.f.Getenv), Draft: o.Draft, Now: o.f.Now}
			mo.PR = migrate.PROptions{Branch: o.Branch, Base: o.Base, Start: migrate.StartWith(pr.Start)}
		}
		if o.To == "github-secrets" {
			mo.GitHubSecrets = &migrate.GitHubSecretsOptions{API: ghclient.RepoSecrets{Actions: gh.Actions}, Repo: o.GitHubRepo}
		}
	}
	sum, err := migrate.Run(ctx, mo)
	if err != nil {
		return err
	}
	// One rule with remediate: 1 when credentials remain in the code (a
	// plan with findings, or manual and unstored ones after a run).
	if sum.Remaining(mo.Mode) > 0 {
		return ErrLeaksFound
	}
	return nil
}

// migrateScan is the scan migrate runs: the files of one directory,
// decoded as scan decodes them.
func migrateScan(ctx context.Context, r migrate.ScanRequest) (*finding.Result, error) {
	return scanner.Scan(ctx, scanner.Options{Path: r.Path, Mode: scanner.ModeDir, ConfigPath: r.ConfigPath, Hasher: r.Hasher,
		MaxDecodeDepth: scanner.DefaultMaxDecodeDepth})
}

// awsPreflight checks once, before anything is scanned or written, that
// the AWS credentials work (STS GetCallerIdentity: it needs no
// permission), and fails in one line. Secrets Manager has no dry-run, so
// permissions are proven by the first write, which stops only its secret.
func awsPreflight(ctx context.Context, cfg aws.Config) error {
	cfg = cfg.Copy()
	cfg.Logger = logging.Nop{} // no SDK warnings on stderr (IMDS, retries)
	cfg.RetryMaxAttempts = 1
	_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err == nil {
		return nil
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, "get credentials: "); i >= 0 {
		msg = msg[i+len("get credentials: "):]
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > 160 {
		msg = msg[:160] + "..."
	}
	return fmt.Errorf("AWS credentials do not work (%s); set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (nothing was scanned or written)", msg)
}
