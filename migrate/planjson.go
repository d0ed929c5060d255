package migrate

import (
	"encoding/json"
	"io"
	"strings"
)

// Output formats of the plan.
const (
	FormatText = "text"
	FormatJSON = "json"
)

// Formats lists the plan's output formats.
var Formats = []string{FormatText, FormatJSON}

// jsonPlan is the plan as --format json prints it (snake_case keys, as
// remediate's). It names values by their keyed hash, never by value.
type jsonPlan struct {
	Root        string          `json:"root"`
	Repository  string          `json:"repository"`
	Prefix      string          `json:"prefix"`
	Region      string          `json:"region,omitempty"`
	Findings    []jsonFinding   `json:"findings"`
	Secrets     []jsonSecret    `json:"secrets"`
	Files       []jsonFile      `json:"files"`
	Done        []string        `json:"already_migrated"`
	MonthlyUSD  float64         `json:"monthly_cost_usd"`
	Policy      *PolicyDocument `json:"iam_policy,omitempty"`
	NothingToDo bool            `json:"nothing_to_do"`
}

type jsonFinding struct {
	File        string `json:"file"`
	Line        int    `json:"line"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Hash        string `json:"hash"`
	SecretName  string `json:"secret_name,omitempty"`
	Key         string `json:"key,omitempty"`
	NameReason  string `json:"name_reason,omitempty"`
	// Status is rewrite, manual, not_stored or stopped.
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

type jsonSecret struct {
	Name     string `json:"name"`
	Grouped  bool   `json:"grouped"`
	Findings int    `json:"findings"`
}

type jsonFile struct {
	Path     string   `json:"path"`
	Rewriter string   `json:"rewriter,omitempty"`
	Diff     string   `json:"diff,omitempty"`
	Notes    []string `json:"notes,omitempty"`
}

// writePlanJSON prints the plan as one JSON object.
func writePlanJSON(w io.Writer, p *Plan, o Options) error {
	secrets := allSecrets(p)
	out := jsonPlan{Root: p.Root, Repository: p.Repo, Prefix: p.Prefix, Region: o.Region,
		Findings: []jsonFinding{}, Secrets: []jsonSecret{}, Files: []jsonFile{}, Done: []string{},
		NothingToDo: len(p.Items) == 0}
	for _, it := range p.Items {
		f := jsonFinding{File: it.File, Line: it.Finding.StartLine, Rule: it.Finding.RuleID,
			Fingerprint: Redact(it.Finding.Fingerprint, secrets), Hash: it.Hash, Status: "rewrite"}
		switch {
		case it.Stopped != "":
			f.Status, f.Reason = "stopped", it.Stopped
		case it.NotStored != "":
			f.Status, f.Reason = "not_stored", it.NotStored+" ("+it.Manual+")"
		case it.Manual != "":
			f.Status, f.Reason = "manual", it.Manual
		}
		if it.Stopped == "" && it.NotStored == "" {
			f.SecretName, f.Key, f.NameReason = it.Secret.Name, it.Key, it.NameReason
		}
		out.Findings = append(out.Findings, f)
	}
	var refs []SecretRef
	for _, s := range p.Secrets {
		out.Secrets = append(out.Secrets, jsonSecret{Name: s.Name, Grouped: s.Grouped(), Findings: len(s.Items)})
		if !isGitHubSecret(s.Name) {
			refs = append(refs, SecretRef{Name: s.Name})
		}
	}
	for _, fp := range p.Files {
		jf := jsonFile{Path: fp.Path, Rewriter: fp.Rewriter}
		if fp.Change != nil {
			jf.Diff = Redact(UnifiedDiff(fp.Path, string(fp.Before), string(fp.Change.Content), false), secrets)
			for _, n := range fp.Change.Notes {
				jf.Notes = append(jf.Notes, Redact(n, secrets))
			}
		}
		out.Files = append(out.Files, jf)
	}
	for _, e := range p.Done {
		out.Done = append(out.Done, e.Name)
	}
	if len(p.Items) > 0 {
		out.MonthlyUSD = EstimateCost(countAWS(p.Secrets, false), len(o.Store.ReplicaRegions), o.CallsPerSecretMonth).TotalUSD
	}
	kms := ""
	if strings.HasPrefix(o.Store.KMSKeyID, "arn:") {
		kms = o.Store.KMSKeyID
	}
	if refs = append(refs, doneRefs(p)...); len(refs) > 0 {
		pol := ReadPolicy(refs, regionsOf(o), o.Account, kms)
		out.Policy = &pol
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
