package action

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/migrate"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// suggestion is what input migrate did for one finding: the secret its
// value is stored in and, when the rewrite of its line is complete on its
// own, the lines to replace and their replacement.
type suggestion struct {
	name       string // the Secrets Manager secret holding the value
	start, end int    // head lines the suggestion replaces (1-based, inclusive)
	text       string // the new lines, with their newlines
	// why says why there is no one-click suggestion ("" when there is).
	why string
}

// suggest stores the values of the findings (unredacted) in Secrets
// Manager through migrate and computes, on a temporary copy of the head's
// files (never the checkout), the rewrite of each commented line. It
// returns one entry per finding (nil: nothing to suggest). A missing AWS
// client or a failed store is one notice line; findings are unaffected.
func (r *run) suggest(ctx context.Context, p *plan, fs []finding.Finding, lines []int) []*suggestion {
	out := make([]*suggestion, len(fs))
	if !r.o.Migrate || r.ev.PullRequest == nil || !r.o.Comment || p.mode != scanner.ModeRange || len(fs) == 0 || r.repo == nil {
		return out
	}
	notice := func(msg string) {
		command(r.o.Out, "notice", "secretsweep: migrate: "+msg+"; the review comments carry no suggested change")
	}
	if r.o.Secrets == nil {
		why := r.o.SecretsProblem
		if why == "" {
			why = "no AWS credentials"
		}
		notice(oneLine(fmt.Errorf("%s", why)))
		return out
	}
	tree, err := commitTree(r.repo, p.head)
	if err != nil {
		notice("cannot read the head commit")
		return out
	}
	if err := os.MkdirAll(r.tempDir(), 0o700); err != nil {
		notice("cannot create a temporary directory")
		return out
	}
	dir, err := os.MkdirTemp(r.tempDir(), "migrate-")
	if err != nil {
		notice("cannot create a temporary directory")
		return out
	}
	// The copies hold the values: they never outlive this call.
	defer os.RemoveAll(dir)
	var cp []finding.Finding
	written := map[string][]string{} // file -> its lines
	for i := range fs {
		f := fs[i]
		if lines[i] == 0 || f.File == "" || f.Secret == "" || !filepath.IsLocal(filepath.FromSlash(f.File)) {
			continue
		}
		if written[f.File] == nil {
			data, found, err := readFile(tree, f.File, maxLocateBytes)
			if err != nil || !found {
				continue
			}
			dst := filepath.Join(dir, filepath.FromSlash(f.File))
			if os.MkdirAll(filepath.Dir(dst), 0o700) != nil || os.WriteFile(dst, data, 0o600) != nil {
				continue
			}
			written[f.File] = strings.Split(string(data), "\n")
		}
		// As a scan of the copy reports it: the head's line and its text
		// (migrate names the secret after the variable on it).
		f.EndLine = lines[i] + f.EndLine - f.StartLine
		f.StartLine = lines[i]
		if l := written[f.File]; lines[i] <= len(l) {
			f.Line = l[lines[i]-1]
		}
		cp = append(cp, f)
	}
	if len(cp) == 0 {
		return out
	}
	res, err := migrate.Suggest(ctx, cp, migrate.SuggestOptions{
		Root:    dir,
		Origin:  strings.TrimSuffix(r.o.ServerURL, "/") + "/" + r.o.Repository,
		Secrets: r.o.Secrets,
		Hasher:  r.o.Hasher,
	})
	if err != nil {
		notice(migrate.Redact(oneLine(err), finding.SecretsOf(fs)))
		return out
	}
	if len(res.Errors) > 0 {
		msg := fmt.Sprintf("%d secret(s) not stored in Secrets Manager: %s", len(res.Errors), res.Errors[0])
		notice(migrate.Redact(oneLine(fmt.Errorf("%s", msg)), finding.SecretsOf(fs)))
	}
	r.log(res.String())
	values := finding.SecretsOf(fs)
	for i := range fs {
		f := &fs[i]
		name := res.Stored[f.Fingerprint]
		if name == "" || lines[i] == 0 {
			continue
		}
		s := &suggestion{name: name}
		out[i] = s
		fsug := res.Files[f.File]
		if fsug == nil {
			s.why = "no rewriter handles this line; replace the value with a lookup of the secret by hand"
			continue
		}
		s.why = extraChanges(tree, fsug)
		if s.why != "" {
			continue
		}
		for _, rg := range fsug.Regions {
			if rg.Start <= lines[i] && lines[i] <= rg.End {
				s.start, s.end, s.text = rg.Start, rg.End, rg.New
			}
		}
		if s.start == 0 {
			s.why = "the rewrite does not change this line"
			continue
		}
		for _, v := range values {
			if v != "" && strings.Contains(s.text, v) {
				s.start, s.end, s.text = 0, 0, ""
				s.why = "the rewrite of this line still holds a value"
			}
		}
	}
	return out
}

// extraChanges says what a file's rewrite changes besides the lines of its
// findings (imports, helper files not already in the head), which a
// one-click suggestion on those lines cannot carry; "" when nothing.
func extraChanges(tree *object.Tree, fs *migrate.FileSuggestion) string {
	var extra []string
	var helpers []string
	for name := range fs.Helpers {
		helpers = append(helpers, name)
	}
	sort.Strings(helpers)
	for _, name := range helpers {
		if data, found, err := readFile(tree, name, maxLocateBytes); err == nil && found && bytes.Equal(data, fs.Helpers[name]) {
			continue
		}
		extra = append(extra, "adds the helper file "+report.MarkdownCode(name))
	}
	own := map[int]bool{}
	for _, l := range fs.Lines {
		own[l] = true
	}
	other := 0
	for _, rg := range fs.Regions {
		hit := false
		for l := rg.Start; l <= rg.End; l++ {
			hit = hit || own[l]
		}
		if !hit {
			other++
		}
	}
	if other > 0 {
		extra = append(extra, fmt.Sprintf("changes %d other place%s of the file (an import)", other, plural(other)))
	}
	return strings.Join(extra, " and ")
}
