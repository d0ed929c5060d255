package remediate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// Rereader reads a finding's secret again from where it was found, and the
// source lines it spans; package remediate/reread implements it.
type Rereader interface {
	Reread(ctx context.Context, f *finding.Finding) (secret, context string, err error)
}

// Options select and drive a remediation run.
type Options struct {
	// Findings to remediate (from a scan or a report).
	Findings []finding.Finding
	// Source re-reads values (reread.Source); required.
	Source Rereader
	// Apply executes the actions; otherwise they are only planned.
	Apply bool
	// Only keeps findings of these rule IDs; Fingerprints keeps these.
	Only, Fingerprints []string
	// SecretID names a Secrets Manager secret holding a leaked value.
	SecretID string
	// Audit receives every step (required with Apply).
	Audit *AuditLog
	// Rotators overrides Registry (tests).
	Rotators []Rotator
}

// Item is the outcome for one leaked secret.
type Item struct {
	Fingerprints []string `json:"fingerprints"`
	Rule         string   `json:"rule"`
	File         string   `json:"file"`
	Line         int      `json:"line"`
	Commit       string   `json:"commit,omitempty"`
	SecretHash   string   `json:"secret_hash"` // short keyed hash
	SecretID     string   `json:"secret_id,omitempty"`
	Rotator      string   `json:"rotator"`
	Action       Action   `json:"action"`
	Status       Status   `json:"status"`
	Target       string   `json:"target"`
	Detail       string   `json:"detail,omitempty"`
	Error        string   `json:"error,omitempty"`
}

// Summary is the outcome of a run.
type Summary struct {
	Mode     string   `json:"mode"` // plan or apply
	Items    []Item   `json:"items"`
	Warnings []string `json:"warnings,omitempty"`
	AuditLog string   `json:"audit_log,omitempty"`
}

// Count returns how many items have status s.
func (s *Summary) Count(st Status) int {
	n := 0
	for _, it := range s.Items {
		if it.Status == st {
			n++
		}
	}
	return n
}

// Remaining is the number of secrets still usable after the run.
func (s *Summary) Remaining() int {
	n := 0
	for _, it := range s.Items {
		if it.Status.Remaining() {
			n++
		}
	}
	return n
}

// Run plans or applies remediation for the selected findings.
func Run(ctx context.Context, opts Options, d *Deps) (*Summary, error) {
	d.defaults()
	if opts.Source == nil {
		return nil, errors.New("remediate: no source to re-read secrets from")
	}
	if opts.Apply && opts.Audit == nil {
		return nil, errors.New("remediate: --apply needs an audit log")
	}
	if d.Hasher.IsZero() {
		return nil, errors.New("remediate: no hash key to name secrets by")
	}
	rotators := opts.Rotators
	if rotators == nil {
		rotators = Registry(d)
	}
	sum := &Summary{Mode: "plan"}
	if opts.Apply {
		sum.Mode = "apply"
	}
	if opts.Audit != nil {
		sum.AuditLog = opts.Audit.Path()
	}
	cands, items := collect(ctx, opts, d.Hasher, sum)
	if len(cands) > 0 {
		warns, err := matchSecrets(ctx, d, cands, opts.SecretID)
		sum.Warnings = append(sum.Warnings, warns...)
		if err != nil {
			if opts.SecretID != "" {
				return nil, err
			}
			sum.Warnings = append(sum.Warnings, "Secrets Manager lookup skipped: "+err.Error())
		}
	}
	items = append(items, remediateAll(ctx, opts, d, rotators, cands)...)
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].File != items[j].File {
			return items[i].File < items[j].File
		}
		return items[i].Line < items[j].Line
	})
	sum.Items = items
	return sum, nil
}

// collect filters findings, re-reads their values and groups them by secret.
func collect(ctx context.Context, opts Options, h finding.Hasher, sum *Summary) ([]*Candidate, []Item) {
	only := set(opts.Only)
	fps := set(opts.Fingerprints)
	var cands []*Candidate
	var items []Item
	byHash := map[string]*Candidate{}
	// Findings are kept redacted with every secret of the set.
	redacted := append([]finding.Finding(nil), opts.Findings...)
	finding.RedactAll(redacted)
	for i, f := range opts.Findings {
		if len(only) > 0 && !only[f.RuleID] {
			continue
		}
		if len(fps) > 0 && !fps[f.Fingerprint] {
			continue
		}
		if strings.HasPrefix(filepath.ToSlash(f.File), AuditDir+"/") {
			continue // our own audit log names (masked) keys; never act on it
		}
		f := f
		secret, text, err := opts.Source.Reread(ctx, &f)
		f = redacted[i]
		f.Line = ""
		if err != nil {
			items = append(items, itemFor(&Candidate{Finding: f, Fingerprints: []string{f.Fingerprint}}, "", Action{}, Result{Status: StatusFailed, Err: err}))
			continue
		}
		f.SecretHash, f.SecretSHA256 = h.Sum(secret), ""
		// One credential, one action: findings of several rules on one
		// value are one candidate, under the most specific rule.
		key := f.SecretHash
		if c, ok := byHash[key]; ok {
			c.Fingerprints = append(c.Fingerprints, f.Fingerprint)
			if genericRule(c.Finding.RuleID) && !genericRule(f.RuleID) {
				c.Finding = f
				c.Context = text
			}
			continue
		}
		c := &Candidate{Finding: f, Fingerprints: []string{f.Fingerprint}, Secret: secret, Context: text}
		byHash[key] = c
		cands = append(cands, c)
	}
	return cands, items
}

// genericRule reports whether a rule matches credentials of any provider
// (gitleaks' generic-api-key and the like).
func genericRule(id string) bool { return strings.HasPrefix(id, "generic") }

// awsSecretRule is the rule for the secret half of an AWS access key.
const awsSecretRule = "aws-secret-access-key"

// remediateAll remediates candidates in order, except that the secret half
// of an AWS key pair found in the same file as exactly one access key ID
// shares that key's outcome: rotating the key ID disables the pair.
func remediateAll(ctx context.Context, opts Options, d *Deps, rotators []Rotator, cands []*Candidate) []Item {
	var items []Item
	var secrets []*Candidate
	keyItems := map[string][]Item{}
	for _, c := range cands {
		if c.Finding.RuleID == awsSecretRule {
			secrets = append(secrets, c)
			continue
		}
		it := remediateOne(ctx, opts, d, rotators, c)
		if it.Rotator == "aws-access-key" {
			keyItems[sourceKey(c)] = append(keyItems[sourceKey(c)], it)
		}
		items = append(items, it)
	}
	for _, c := range secrets {
		keys := keyItems[sourceKey(c)]
		if len(keys) != 1 {
			items = append(items, remediateOne(ctx, opts, d, rotators, c))
			continue
		}
		k := keys[0]
		act := Action{Kind: k.Action.Kind, Target: k.Action.Target, Steps: []string{"rotated with its access key ID (" + k.Fingerprints[0] + ")"}}
		res := Result{Status: k.Status, Target: k.Target, Detail: "secret half of the access key in the same file; remediated with it"}
		if k.Error != "" {
			res.Err = errors.New("its access key ID was not remediated: " + k.Error)
		}
		if opts.Apply {
			rec := &recorder{log: opts.Audit, now: d.Now, c: c, rotator: k.Rotator}
			rec.close(res)
		}
		items = append(items, itemFor(c, k.Rotator, act, res))
	}
	return items
}

func sourceKey(c *Candidate) string { return c.Finding.Commit + ":" + c.Finding.File }

func remediateOne(ctx context.Context, opts Options, d *Deps, rotators []Rotator, c *Candidate) Item {
	var rot Rotator
	for _, r := range rotators {
		if r.Match(c) {
			rot = r
			break
		}
	}
	if rot == nil { // Registry ends with a catch-all; a test list may not
		return itemFor(c, "", Action{}, Result{Status: StatusManual, Detail: "no rotator handles this credential"})
	}
	act := rot.Plan(c)
	if !opts.Apply {
		st := StatusPlanned
		if act.Kind == "manual" {
			st = StatusManual
		}
		return itemFor(c, rot.Name(), act, Result{Status: st, Target: act.Target, Guide: act.Guide})
	}
	if prev, ok := opts.Audit.Done(c); ok {
		return itemFor(c, rot.Name(), act, Result{Status: StatusAlreadyDone, Target: prev.Target,
			Detail: "finished by an earlier run at " + prev.Time.Format("2006-01-02T15:04:05Z")})
	}
	rec := &recorder{log: opts.Audit, now: d.Now, c: c, rotator: rot.Name()}
	res := rot.Apply(ctx, c, rec)
	if res.Target == "" {
		res.Target = act.Target
	}
	if res.Guide == "" {
		res.Guide = act.Guide
	}
	rec.close(res)
	if rec.err != nil && res.Err == nil {
		res = Result{Status: StatusFailed, Target: res.Target, Detail: res.Detail, Err: rec.err}
	}
	return itemFor(c, rot.Name(), act, res)
}

func itemFor(c *Candidate, rotator string, act Action, res Result) Item {
	f := c.Finding
	it := Item{
		Fingerprints: c.Fingerprints, Rule: f.RuleID, File: f.File, Line: f.StartLine, Commit: f.Commit,
		SecretHash: f.ShortHash(), SecretID: c.SecretID, Rotator: rotator, Action: act,
		Status: res.Status, Target: res.Target, Detail: res.Detail,
	}
	if it.Target == "" {
		it.Target = act.Target
	}
	if res.Guide != "" && it.Action.Guide == "" {
		it.Action.Guide = res.Guide
	}
	if res.Err != nil {
		it.Error = strings.ReplaceAll(res.Err.Error(), "\n", " ")
		if len(c.Secret) >= 4 {
			it.Error = strings.ReplaceAll(it.Error, c.Secret, "REDACTED")
		}
	}
	return it
}

// matchSecrets sets SecretID on candidates whose value a Secrets Manager
// secret holds: secrets whose hash tag (finding.TagSecretHash, or the plain
// finding.TagLegacySHA256 of secrets created before keyed hashes) is the
// hash of the value, or the secret named by secretID (its value, or a
// string field of its JSON value, must be the candidate's). It warns about
// hash tags made with another key, which cannot be matched.
func matchSecrets(ctx context.Context, d *Deps, cands []*Candidate, secretID string) ([]string, error) {
	if d.SM == nil {
		return nil, errNoAWS
	}
	if secretID != "" {
		out, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &secretID, VersionStage: aws.String(stageCurrent)})
		if err != nil {
			return nil, fmt.Errorf("--secret-id %s: %w", secretID, err)
		}
		desc, err := d.SM.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &secretID})
		if err != nil {
			return nil, fmt.Errorf("--secret-id %s: %w", secretID, err)
		}
		n := 0
		for _, c := range cands {
			if holds(aws.ToString(out.SecretString), c.Secret) {
				c.SecretID = aws.ToString(out.Name)
				c.RotationLambda = aws.ToString(desc.RotationLambdaARN)
				c.StoredValue = aws.ToString(out.SecretString)
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("--secret-id %s: its value matches none of the selected findings", secretID)
		}
		return nil, nil
	}
	p := secretsmanager.NewListSecretsPaginator(d.SM, &secretsmanager.ListSecretsInput{
		Filters: []smtypes.Filter{{Key: smtypes.FilterNameStringTypeTagKey, Values: []string{finding.TagSecretHash, finding.TagLegacySHA256}}},
	})
	otherKeys := map[string]int{}
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, s := range page.SecretList {
			for _, t := range s.Tags {
				// migrate tags the whole value, and each key of a grouped
				// (JSON) secret as TagSecretHash+":"+key.
				k, v := aws.ToString(t.Key), aws.ToString(t.Value)
				if !isHashTag(k, finding.TagSecretHash) && !isHashTag(k, finding.TagLegacySHA256) {
					continue
				}
				var mm *finding.KeyMismatchError
				if err := d.Hasher.Check(v); errors.As(err, &mm) {
					otherKeys[mm.Got]++
					continue
				}
				for _, c := range cands {
					if c.SecretID == "" && d.Hasher.MatchHash(v, c.Secret) {
						c.SecretID = aws.ToString(s.Name)
						c.RotationLambda = aws.ToString(s.RotationLambdaARN)
						c.StoredValue = c.Secret
						if k != finding.TagSecretHash && k != finding.TagLegacySHA256 {
							c.StoredValue = currentValue(ctx, d, c.SecretID) // one key of a JSON secret
						}
					}
				}
			}
		}
	}
	var warns []string
	for _, id := range sortedKeys(otherKeys) {
		warns = append(warns, fmt.Sprintf("%d Secrets Manager hash tag(s) were made with hash key id %s, not the current key's %s: "+
			"they cannot be matched (use the key migrate ran with, or --secret-id)", otherKeys[id], id, d.Hasher.KeyID()))
	}
	return warns, nil
}

// currentValue reads a secret's AWSCURRENT value ("" when it cannot).
func currentValue(ctx context.Context, d *Deps, id string) string {
	out, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &id, VersionStage: aws.String(stageCurrent)})
	if err != nil {
		return ""
	}
	return aws.ToString(out.SecretString)
}

// isHashTag reports whether tag key k is tag or tag+":"+key.
func isHashTag(k, tag string) bool { return k == tag || strings.HasPrefix(k, tag+":") }

// holds reports whether a Secrets Manager value is secret, or is a JSON
// object with a string field equal to secret. The comparison is in memory.
func holds(value, secret string) bool {
	if secret == "" {
		return false
	}
	if value == secret {
		return true
	}
	var m map[string]any
	if json.Unmarshal([]byte(value), &m) == nil {
		for _, x := range m {
			if s, ok := x.(string); ok && s == secret {
				return true
			}
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			m[x] = true
		}
	}
	return m
}
