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

// Options select and drive a remediation run.
type Options struct {
	// Findings to remediate (from a scan or a report).
	Findings []finding.Finding
	// Source re-reads values; required.
	Source *Source
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
	SecretHash   string   `json:"secret_sha256_prefix"`
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
	cands, items := collect(ctx, opts, sum)
	if len(cands) > 0 {
		if err := matchSecrets(ctx, d, cands, opts.SecretID); err != nil {
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
func collect(ctx context.Context, opts Options, sum *Summary) ([]*Candidate, []Item) {
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
		if f.SecretSHA256 == "" {
			f.SecretSHA256 = finding.SecretHash(secret)
		}
		key := f.RuleID + "/" + f.SecretSHA256
		if c, ok := byHash[key]; ok {
			c.Fingerprints = append(c.Fingerprints, f.Fingerprint)
			continue
		}
		c := &Candidate{Finding: f, Fingerprints: []string{f.Fingerprint}, Secret: secret, Context: text}
		byHash[key] = c
		cands = append(cands, c)
	}
	return cands, items
}

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
	if prev, ok := opts.Audit.Done(c.Finding.RuleID, c.Hash()); ok {
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
// secret holds: secrets tagged TagSecretSHA256 with the value's hash, or the
// secret named by secretID (its value, or a string field of its JSON value,
// must hash to the candidate's).
func matchSecrets(ctx context.Context, d *Deps, cands []*Candidate, secretID string) error {
	if d.SM == nil {
		return errNoAWS
	}
	if secretID != "" {
		out, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &secretID, VersionStage: aws.String(stageCurrent)})
		if err != nil {
			return fmt.Errorf("--secret-id %s: %w", secretID, err)
		}
		desc, err := d.SM.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &secretID})
		if err != nil {
			return fmt.Errorf("--secret-id %s: %w", secretID, err)
		}
		hashes := valueHashes(aws.ToString(out.SecretString))
		n := 0
		for _, c := range cands {
			if hashes[c.Finding.SecretSHA256] {
				c.SecretID = aws.ToString(out.Name)
				c.RotationLambda = aws.ToString(desc.RotationLambdaARN)
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("--secret-id %s: its value matches none of the selected findings", secretID)
		}
		return nil
	}
	byHash := map[string]*Candidate{}
	for _, c := range cands {
		byHash[c.Finding.SecretSHA256] = c
	}
	p := secretsmanager.NewListSecretsPaginator(d.SM, &secretsmanager.ListSecretsInput{
		Filters: []smtypes.Filter{{Key: smtypes.FilterNameStringTypeTagKey, Values: []string{TagSecretSHA256}}},
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, s := range page.SecretList {
			for _, t := range s.Tags {
				// migrate tags the whole value, and each key of a grouped
				// (JSON) secret as TagSecretSHA256+":"+key.
				if k := aws.ToString(t.Key); k != TagSecretSHA256 && !strings.HasPrefix(k, TagSecretSHA256+":") {
					continue
				}
				if c := byHash[strings.ToLower(aws.ToString(t.Value))]; c != nil && c.SecretID == "" {
					c.SecretID = aws.ToString(s.Name)
					c.RotationLambda = aws.ToString(s.RotationLambdaARN)
				}
			}
		}
	}
	return nil
}

// valueHashes returns the SHA-256 of a secret value and of each string
// field when it is a JSON object.
func valueHashes(v string) map[string]bool {
	h := map[string]bool{finding.SecretHash(v): true}
	var m map[string]any
	if json.Unmarshal([]byte(v), &m) == nil {
		for _, x := range m {
			if s, ok := x.(string); ok {
				h[finding.SecretHash(s)] = true
			}
		}
	}
	return h
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
