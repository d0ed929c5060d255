// Command accuracy measures precision and recall of secretsweep and of
// gitleaks' default rules on the hand-labelled corpus in
// testdata/accuracy, per category and overall. With -real it scores the
// command-line tools secretsweep, gitleaks, detect-secrets and credsweeper
// side by side on the labelled real-code corpus (bench/accuracy/realcode)
// and on the hand-written corpus; see bench/accuracy/README.md.
//
//	go run ./bench/accuracy [-v] [-gitleaks-bin /usr/local/bin/gitleaks]
//	go run ./bench/accuracy -real [-mirror DIR] [-min-confidence low] [-v]
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("accuracy", flag.ContinueOnError)
	corpus := fs.String("corpus", "testdata/accuracy/corpus", "corpus directory")
	labelsPath := fs.String("labels", "testdata/accuracy/labels.json", "labels manifest")
	gitleaksBin := fs.String("gitleaks-bin", "", "also run this gitleaks binary (gitleaks dir) as a cross-check")
	prefix := fs.String("prefix", "", "score only files under this corpus sub-path (e.g. holdout/)")
	verbose := fs.Bool("v", false, "list missed credentials and false positives (file:line, rule, secret hash prefix)")
	var rc realConfig
	fs.BoolVar(&rc.On, "real", false, "score the four command-line tools on the real-code corpus and the hand-written one")
	fs.StringVar(&rc.Dir, "realcode", "bench/accuracy/realcode", "real-code corpus: repos.json and labels.json (-real)")
	fs.StringVar(&rc.Mirror, "mirror", "/work/.mirror", "directory of repository mirrors (owner+name/repo); missing ones are cloned from GitHub (-real)")
	fs.StringVar(&rc.Work, "work", filepath.Join(os.TempDir(), "secretsweep-accuracy"), "where repository trees are written and kept between runs (-real)")
	fs.StringVar(&rc.Paths.Secretsweep, "secretsweep-bin", "", "secretsweep binary (-real; default: go build ./cmd/secretsweep)")
	fs.StringVar(&rc.Paths.MinConfidence, "min-confidence", "", "pass --min-confidence to secretsweep, if it has the flag (-real)")
	fs.StringVar(&rc.Setup, "setup", "bench/accuracy/setup.sh", "script that installs the peers into bench/.venv and bench/.bin (-real)")
	fs.StringVar(&rc.Only, "tools", "", "comma-separated tools to run (-real; default all four)")
	fs.Func("list", "with -v, also list these clean held-out groups' misses and false positives, comma-separated (holdout2,holdout4; for relabelling, never for tuning) (-real)", func(v string) error {
		if rc.ListGroups == nil {
			rc.ListGroups = map[string]bool{}
		}
		for _, g := range strings.Split(v, ",") {
			if !heldOutName.MatchString(g) || g == groupHoldout {
				return fmt.Errorf("%q is no clean held-out group (holdout2, holdout3, ...)", g)
			}
			rc.ListGroups[g] = true
		}
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	if rc.On {
		rc.Corpus, rc.Labels, rc.Verbose = *corpus, *labelsPath, *verbose
		return runReal(ctx, rc, w)
	}
	labels, err := loadLabels(*labelsPath, *corpus)
	if err != nil {
		return err
	}
	labels = underPrefix(labels, *prefix)
	tmp, err := os.MkdirTemp("", "accuracy-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tools := []Tool{secretsweepTool(tmp), gitleaksRulesTool(tmp)}
	if *gitleaksBin != "" {
		tools = append(tools, gitleaksBinaryTool(*gitleaksBin, tmp))
	}
	evals := make([]*Evaluation, len(tools))
	for i, t := range tools {
		findings, err := t.Scan(ctx, *corpus)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		evals[i] = evaluate(underPrefix(findings, *prefix), labels)
	}
	printTable(w, tools, evals)
	if *verbose {
		for i, t := range tools {
			printDetails(w, t.Name, evals[i])
		}
	}
	return nil
}

// underPrefix keeps the items whose file lies under prefix.
func underPrefix[T interface{ path() string }](items []T, prefix string) []T {
	if prefix == "" {
		return items
	}
	var out []T
	for _, it := range items {
		if strings.HasPrefix(it.path(), prefix) {
			out = append(out, it)
		}
	}
	return out
}

func printTable(w io.Writer, tools []Tool, evals []*Evaluation) {
	byCat := make([]map[string]*Score, len(evals))
	for i, ev := range evals {
		byCat[i] = ev.ByCategory
	}
	names := categoryNames(byCat)
	fmt.Fprintf(w, "%-20s %4s %4s", "category", "pos", "neg")
	for _, t := range tools {
		fmt.Fprintf(w, "  %-28s", t.Name+" recall/precision (fp)")
	}
	fmt.Fprintln(w)
	row := func(name string, get func(*Evaluation) *Score) {
		s0 := get(evals[0])
		fmt.Fprintf(w, "%-20s %4d %4d", name, s0.Positives, s0.Negatives)
		for _, ev := range evals {
			s := get(ev)
			fmt.Fprintf(w, "  %-28s", fmt.Sprintf("%5.3f / %5.3f (%d)", s.Recall(), s.Precision(), s.FP))
		}
		fmt.Fprintln(w)
	}
	for _, c := range names {
		row(c, func(ev *Evaluation) *Score {
			if s := ev.ByCategory[c]; s != nil {
				return s
			}
			return &Score{}
		})
	}
	row("OVERALL", func(ev *Evaluation) *Score { return &ev.Overall })
}

// printDetails lists misses and false positives by location and rule; the
// secret itself is shown only as a SHA-256 prefix.
func printDetails(w io.Writer, name string, ev *Evaluation) {
	fmt.Fprintf(w, "\n%s: %d missed credentials\n", name, len(ev.Missed))
	for _, l := range ev.Missed {
		fmt.Fprintf(w, "  missed  %s:%d [%s]\n", l.File, l.Line, l.Category)
	}
	fp := 0
	for _, o := range ev.Outcomes {
		if !o.Correct {
			fp++
		}
	}
	fmt.Fprintf(w, "%s: %d false positives\n", name, fp)
	for _, o := range ev.Outcomes {
		if !o.Correct {
			h := o.Finding.Hash
			if o.Finding.Secret != "" {
				h = "sha256:" + shortHash(o.Finding.Secret)
			}
			fmt.Fprintf(w, "  fp      %s:%d %s %.19s [%s]\n", o.Finding.File, o.Finding.StartLine, o.Finding.RuleID, h, o.Category)
		}
	}
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}
