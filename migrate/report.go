package migrate

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// historyReminder ends every plan and summary.
const historyReminder = `Reminder: the old values remain in git history (and in every clone and fork);
moving them does not make them safe. Rotate them: secretsweep remediate
(it finds these secrets by their secretsweep:hmac tag).`

func regionsOf(o Options) []string {
	return append([]string{o.Region}, o.Store.ReplicaRegions...)
}

// writePlan prints the plan: per file, its findings with their secret
// names and the redacted diff; then manual steps, cost and IAM policy.
func writePlan(w io.Writer, p *Plan, o Options, alt *Plan) {
	fmt.Fprintf(w, "secretsweep migrate plan for %s (repository %s); nothing has been written.\n\n", p.Root, p.Repo)
	if len(p.Items) == 0 {
		fmt.Fprintln(w, "Nothing to do: no hardcoded secrets to migrate.")
		writeDone(w, p)
		return
	} else {
		fmt.Fprintf(w, "%d finding(s) -> %d secret(s) in AWS Secrets Manager, region %s\n", len(p.Items), len(p.Secrets), orStar(o.Region))
		if n := countNotStored(p); n > 0 {
			fmt.Fprintf(w, "%d finding(s) not stored: no code would read them (see below)\n", n)
		}
	}
	helpers := map[string][]byte{}
	// Every value of the plan, not only the file's: a diff's context lines
	// may hold a value that is not migrated (stopped, or another rule's).
	secrets := allSecrets(p)
	for _, fp := range p.Files {
		fmt.Fprintf(w, "\n== %s", fp.Path)
		if fp.Rewriter != "" {
			fmt.Fprintf(w, " (%s rewriter)", fp.Rewriter)
		}
		fmt.Fprintln(w)
		for _, it := range fp.Items {
			writeItem(w, it, true)
		}
		if fp.Change != nil {
			fmt.Fprint(w, Redact(UnifiedDiff(fp.Path, string(fp.Before), string(fp.Change.Content), false), secrets))
			helperFiles(fp, helpers)
			for _, n := range fp.Change.Notes {
				fmt.Fprintf(w, "note: %s\n", Redact(n, secrets))
			}
		}
	}
	if d := helperDiffs(p.Root, helpers); d != "" {
		fmt.Fprintf(w, "\n== helper files\n%s", Redact(d, secrets))
	}
	writeStopped(w, p)
	writeDone(w, p)
	fmt.Fprintln(w)
	c := EstimateCost(countAWS(p.Secrets, false), len(o.Store.ReplicaRegions), o.CallsPerSecretMonth)
	if alt != nil {
		ac := EstimateCost(countAWS(alt.Secrets, false), len(o.Store.ReplicaRegions), o.CallsPerSecretMonth)
		c.AlternativeName, c.AlternativeN, c.AlternativeUSD = "--group-by file", ac.Secrets, ac.TotalUSD
		if o.GroupByFile {
			c.AlternativeName = "one secret per value (no --group-by)"
		}
	}
	c.Write(w)
	var refs []SecretRef
	for _, s := range p.Secrets {
		if !isGitHubSecret(s.Name) {
			refs = append(refs, SecretRef{Name: s.Name})
		}
	}
	writePolicy(w, append(refs, doneRefs(p)...), o)
	fmt.Fprintf(w, "\n%s\nRun again with --apply (or --patch FILE, or --pr) to do it.\n", historyReminder)
}

// writeItem prints one finding, its secret and (withReason, the plan)
// why the secret has its name.
func writeItem(w io.Writer, it *Item, withReason bool) {
	f := it.Finding
	fmt.Fprintf(w, "  line %d  %s  hmac:%s -> %s", f.StartLine, f.RuleID, f.ShortHash(), it.Secret.Name)
	if it.Key != "" {
		fmt.Fprintf(w, " [key %s]", it.Key)
	}
	if it.Secret.Action != "" {
		fmt.Fprintf(w, " (%s)", it.Secret.Action)
	}
	fmt.Fprintln(w)
	if withReason && it.NameReason != "" && it.Stopped == "" {
		fmt.Fprintf(w, "    name: %s\n", it.NameReason)
	}
	switch {
	case it.Stopped != "":
		fmt.Fprintf(w, "    STOPPED: %s\n", it.Stopped)
	case it.NotStored != "":
		fmt.Fprintf(w, "    NOT STORED: %s (%s)\n", it.NotStored, it.Manual)
	case it.Manual != "":
		fmt.Fprintf(w, "    MANUAL: %s\n", it.Manual)
	}
}

func countNotStored(p *Plan) int {
	n := 0
	for _, it := range p.Items {
		if it.Stopped == "" && it.NotStored != "" {
			n++
		}
	}
	return n
}

func writeStopped(w io.Writer, p *Plan) {
	var manual, stopped, unstored []*Item
	for _, it := range p.Items {
		switch {
		case it.Stopped != "":
			stopped = append(stopped, it)
		case it.NotStored != "":
			unstored = append(unstored, it)
		case it.Manual != "":
			manual = append(manual, it)
		}
	}
	if len(manual) > 0 {
		fmt.Fprintf(w, "\nManual steps (%d): the secret is stored, replace the value in the code yourself:\n", len(manual))
		for _, it := range manual {
			fmt.Fprintf(w, "  - %s:%d (%s) -> %s%s: %s\n", it.File, it.Finding.StartLine, it.Finding.RuleID,
				it.Secret.Name, keySuffix(it), it.Manual)
		}
	}
	if len(unstored) > 0 {
		fmt.Fprintf(w, "\nNot stored (%d): nothing in the code would read these values (likely false findings); pass --store-manual to store them:\n", len(unstored))
		for _, it := range unstored {
			fmt.Fprintf(w, "  - %s:%d (%s, hmac:%s): %s\n", it.File, it.Finding.StartLine, it.Finding.RuleID, it.Finding.ShortHash(), it.Manual)
		}
	}
	if len(stopped) > 0 {
		fmt.Fprintf(w, "\nStopped (%d): not migrated:\n", len(stopped))
		for _, it := range stopped {
			fmt.Fprintf(w, "  - %s:%d (%s, hmac:%s): %s\n", it.File, it.Finding.StartLine, it.Finding.RuleID,
				it.Finding.ShortHash(), it.Stopped)
		}
	}
}

func writeDone(w io.Writer, p *Plan) {
	if len(p.Done) == 0 {
		return
	}
	fmt.Fprintf(w, "\nAlready migrated by an earlier run (journal %s/%s):\n", JournalDir, JournalFile)
	for _, e := range p.Done {
		fmt.Fprintf(w, "  - %s\n", e.Name)
	}
}

func doneRefs(p *Plan) []SecretRef {
	var out []SecretRef
	for _, e := range p.Done {
		out = append(out, SecretRef{Name: e.Name, ARN: e.ARN})
	}
	return out
}

func writePolicy(w io.Writer, refs []SecretRef, o Options) {
	if len(refs) == 0 {
		return
	}
	kms := ""
	if strings.HasPrefix(o.Store.KMSKeyID, "arn:") {
		kms = o.Store.KMSKeyID
	}
	fmt.Fprintf(w, "\nIAM policy the rewritten code needs (least privilege):\n%s\n",
		ReadPolicy(refs, regionsOf(o), o.Account, kms).JSON())
	if o.Store.KMSKeyID != "" && kms == "" {
		fmt.Fprintln(w, "  (also allow kms:Decrypt on the key given by --kms-key-id; pass its ARN to have it listed)")
	}
}

// writeSummary prints what an --apply, --patch or --pr run did.
func writeSummary(w io.Writer, p *Plan, o Options, sum *Summary) {
	fmt.Fprintf(w, "secretsweep migrate (%s) in %s\n", o.Mode, p.Root)
	if len(p.Items) == 0 {
		fmt.Fprintln(w, "\nNothing to do: no hardcoded secrets to migrate.")
		writeDone(w, p)
		return
	}
	var refs []SecretRef
	counts := map[StoreAction]int{}
	for _, s := range p.Secrets {
		if s.Verified {
			counts[s.Action]++
			if !isGitHubSecret(s.Name) {
				refs = append(refs, SecretRef{Name: s.Name, ARN: s.ARN})
			}
		}
	}
	fmt.Fprintf(w, "\nSecrets stored and read back: %d (%d created, %d reused, %d overwritten)\n",
		sum.Secrets, counts[ActionCreated], counts[ActionReused], counts[ActionOverwritten])
	for _, s := range p.Secrets {
		switch {
		case s.Verified && isGitHubSecret(s.Name):
			fmt.Fprintf(w, "  %-9s %s  (GitHub repository secret: its value cannot be read back; checked it exists)\n", s.Action, s.Name)
		case s.Verified:
			fmt.Fprintf(w, "  %-9s %s  %s\n", s.Action, s.Name, s.ARN)
		}
	}
	fmt.Fprintln(w)
	for _, fp := range p.Files {
		changed := fp.Change != nil && string(fp.Change.Content) != string(fp.Before)
		verb := "unchanged"
		if changed {
			verb = "rewritten"
			if o.Mode == ModePatch {
				verb = "in patch"
			}
		}
		fmt.Fprintf(w, "%s: %s\n", fp.Path, verb)
		for _, it := range fp.Items {
			writeItem(w, it, false)
		}
		if fp.Change != nil && changed {
			for _, n := range fp.Change.Notes {
				fmt.Fprintf(w, "  note: %s\n", Redact(n, allSecrets(p)))
			}
		}
	}
	writeStopped(w, p)
	writeDone(w, p)
	fmt.Fprintf(w, "\n%d finding(s): %d migrated, %d manual, %d not stored, %d stopped; %d file(s) changed\n",
		sum.Findings, sum.Migrated, sum.Manual, sum.NotStored, sum.Stopped, sum.FilesRewritten)
	if sum.PatchFile != "" {
		fmt.Fprintf(w, "Patch written to %s (mode 0600; it holds the old values: apply it with git apply, then delete it)\n", sum.PatchFile)
		if abs, err := filepath.Abs(sum.PatchFile); err == nil {
			if rel, err := filepath.Rel(p.Root, abs); err == nil && !strings.HasPrefix(rel, "..") {
				fmt.Fprintf(w, "WARNING: the patch is inside the repository; never commit it\n")
			}
		}
	}
	if sum.Branch != "" {
		fmt.Fprintf(w, "Committed on branch %s (now checked out) and pushed\n", sum.Branch)
	}
	if sum.PullRequestURL != "" {
		fmt.Fprintf(w, "Pull request: %s\n", sum.PullRequestURL)
	}
	for _, f := range sum.NotCommitted {
		fmt.Fprintf(w, "Not committed (ignored by git, not tracked): %s: rewritten in place only\n", f)
	}
	c := EstimateCost(countAWS(p.Secrets, true), len(o.Store.ReplicaRegions), o.CallsPerSecretMonth)
	c.Write(w)
	writePolicy(w, append(refs, doneRefs(p)...), o)
	fmt.Fprintf(w, "\n%s\n", historyReminder)
}

// prBody lists what moved where; never a value.
func prBody(p *Plan) string {
	var b strings.Builder
	b.WriteString("`secretsweep migrate` moved hardcoded secrets into AWS Secrets Manager; the code now reads them at run time.\n\n")
	b.WriteString("| File | Line | Rule | Secret | Key |\n|---|---|---|---|---|\n")
	for _, it := range p.Items {
		if it.Stopped == "" && it.Manual == "" && it.Secret.Verified {
			fmt.Fprintf(&b, "| `%s` | %d | %s | `%s` | %s |\n", it.File, it.Finding.StartLine, it.Finding.RuleID, it.Secret.Name, it.Key)
		}
	}
	var manual []string
	for _, it := range p.Items {
		if it.Stopped == "" && it.Manual != "" {
			manual = append(manual, fmt.Sprintf("- `%s:%d` -> `%s%s`: %s", it.File, it.Finding.StartLine, it.Secret.Name, keySuffix(it), it.Manual))
		}
	}
	if len(manual) > 0 {
		b.WriteString("\n**Manual steps left** (the secret is stored; the code still holds the value):\n" + strings.Join(manual, "\n") + "\n")
	}
	b.WriteString("\nThe running code needs `secretsmanager:GetSecretValue` on these secrets.\n\n")
	b.WriteString("**The old values remain in git history.** Rotate them: `secretsweep remediate`.\n")
	return Redact(b.String(), allSecrets(p))
}

// countAWS counts the Secrets Manager secrets (verified ones only, if set);
// GitHub repository secrets cost nothing.
func countAWS(secrets []*Secret, verifiedOnly bool) int {
	n := 0
	for _, s := range secrets {
		if !isGitHubSecret(s.Name) && (s.Verified || !verifiedOnly) {
			n++
		}
	}
	return n
}

func keySuffix(it *Item) string {
	if it.Key == "" {
		return ""
	}
	return " [key " + it.Key + "]"
}

func allSecrets(p *Plan) []string {
	return append(secretsOf(p.Items), p.withheld...)
}

func orStar(s string) string {
	if s == "" {
		return "(from the AWS configuration)"
	}
	return s
}
