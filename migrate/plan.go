package migrate

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// PlanOptions configure how findings become a plan.
type PlanOptions struct {
	// Prefix starts every secret name (default: the repository name).
	Prefix string
	// GroupByFile stores the values of one file as one JSON secret.
	GroupByFile bool
	// GitHubSecrets sends values found in GitHub Actions workflows to
	// repository secrets instead of Secrets Manager.
	GitHubSecrets bool
	// Hasher makes the keyed hash of findings that have none.
	Hasher finding.Hasher
	// K8sSync is how rewritten Kubernetes manifests get their Secrets
	// (rewrite.K8sSyncExternalSecrets, the default, or rewrite.K8sSyncCSI).
	K8sSync string
}

// BuildPlan turns working-tree findings into named secrets and per-file
// code changes. scanPath is the directory the findings' paths are relative
// to; root the repository root; prev the journal of earlier runs (names
// chosen then are kept). Nothing is written.
func BuildPlan(root, scanPath string, findings []finding.Finding, prev []JournalEntry, o PlanOptions) (*Plan, error) {
	p := &Plan{Root: root, Prefix: strings.Trim(o.Prefix, "/")}
	if p.Prefix == "" {
		return nil, fmt.Errorf("empty secret name prefix")
	}
	p.Items = collectItems(root, scanPath, findings, o.Hasher)
	kubernetesEnvNames(root, p.Items)
	propertiesKeyNames(root, p.Items)
	for _, it := range p.Items {
		if v, ok := rewrite.DotenvValue(it.File, it.Finding.Line, it.Finding.Secret); ok && v != it.Finding.Secret {
			it.Value = v
		}
	}
	nameItems(p, journalIndex(prev), o)
	for _, it := range p.Items {
		it.NameReason = Redact(it.NameReason, secretsOf(p.Items))
	}
	p.Secrets = buildSecrets(p.Items)
	p.Files = planFiles(p.Items)
	for _, fp := range p.Files {
		fp.K8sSync = o.K8sSync
	}
	p.Done = doneBefore(prev, p.Secrets)
	return p, nil
}

// collectItems keeps working-tree findings inside root, one per value and
// line, in file and line order. Findings of several rules that cover
// overlapping extents of one token are one credential: the longest match
// is kept.
func collectItems(root, scanPath string, findings []finding.Finding, h finding.Hasher) []*Item {
	var cands []*Item
	for _, f := range findings {
		if f.Commit != "" || f.Source != "" || f.Secret == "" || f.Redacted() {
			continue
		}
		abs := f.File
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(scanPath, abs)
		}
		abs, _ = filepath.Abs(abs)
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, JournalDir+"/") || strings.HasPrefix(rel, ".git/") {
			continue
		}
		cands = append(cands, &Item{Finding: f, File: rel})
	}
	cands = mergeOverlapping(cands)
	seen := map[string]bool{}
	var out []*Item
	for _, it := range cands {
		f := it.Finding
		hash := f.SecretHash
		if hash == "" {
			hash = h.Sum(f.Secret)
			f.SecretHash = hash
		}
		k := fmt.Sprintf("%s\x00%d\x00%s", it.File, f.StartLine, hash)
		if seen[k] {
			continue // several rules matched the same value
		}
		seen[k] = true
		line := f.Line
		if !strings.Contains(line, f.Secret) {
			line = f.Match
		}
		out = append(out, &Item{Finding: f, File: it.File, Variable: VariableName(line, f.Secret), Part: urlPart(line, f.Secret), Hash: hash})
	}
	// Names are printed, journaled and stored in AWS: one must not quote a
	// value ("AKIA…:secret" names the secret after its key id). Such an
	// item is named after its rule instead.
	red := finding.NewRedactor(finding.SecretsOf(findings))
	for _, it := range out {
		if red.Redact(it.Variable) != it.Variable {
			it.Variable = ""
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Finding.StartLine != b.Finding.StartLine {
			return a.Finding.StartLine < b.Finding.StartLine
		}
		return a.Finding.StartColumn < b.Finding.StartColumn
	})
	return out
}

// mergeOverlapping drops every finding whose extent overlaps a longer
// finding's in the same file (two rules matching one token, one of them a
// character short): the credential is planned once, as the longer match.
func mergeOverlapping(items []*Item) []*Item {
	drop := make([]bool, len(items))
	for i, a := range items {
		for j, b := range items {
			if i == j || drop[j] || a.File != b.File || !overlaps(a.Finding, b.Finding) {
				continue
			}
			la, lb := len(a.Finding.Secret), len(b.Finding.Secret)
			if la < lb || la == lb && a.Finding.Secret != b.Finding.Secret && i > j {
				drop[i] = true
				break
			}
		}
	}
	var out []*Item
	for i, it := range items {
		if !drop[i] {
			out = append(out, it)
		}
	}
	return out
}

// overlaps reports whether two findings cover overlapping text: by their
// positions when known, else on one line with one value inside the other.
func overlaps(a, b finding.Finding) bool {
	if a.Secret == b.Secret {
		return false // the same value: deduplicated by hash
	}
	if a.StartColumn > 0 && b.StartColumn > 0 && a.EndLine > 0 && b.EndLine > 0 {
		before := func(l1, c1, l2, c2 int) bool { return l1 < l2 || l1 == l2 && c1 <= c2 }
		return before(a.StartLine, a.StartColumn, b.EndLine, b.EndColumn) && before(b.StartLine, b.StartColumn, a.EndLine, a.EndColumn)
	}
	return a.StartLine == b.StartLine && (strings.Contains(a.Secret, b.Secret) || strings.Contains(b.Secret, a.Secret))
}

// nameItems gives each item its secret name (and key): the one a previous
// run planned for it, else a fresh one that avoids names planned before.
func nameItems(p *Plan, prev journalIndex, o PlanOptions) {
	group := o.GroupByFile
	taken := prev.takenNames()
	var fresh, gh []*Item
	names := map[*Item]string{}
	for _, it := range p.Items {
		toGH := o.GitHubSecrets && toGitHub(it.File)
		e, ok := prev.plannedFor(it.Finding.Fingerprint, it.File, it.Finding.RuleID, it.Hash)
		switch {
		case ok && toGH && isGitHubSecret(e.Name):
			names[it] = e.Name
			it.NameReason = keptReason
		case ok && !toGH && strings.HasPrefix(e.Name, p.Prefix+"/") && (e.Key != "") == group:
			names[it], it.Key = e.Name, e.Key
			it.NameReason = keptReason
		case toGH:
			gh = append(gh, it)
		default:
			fresh = append(fresh, it)
		}
	}
	assignGitHubNames(gh, taken, names)
	for _, it := range gh {
		it.NameReason = "GitHub repository secret, " + it.nameInput().leafReason()
	}
	if !group {
		in := make([]nameInput, len(fresh))
		for i, it := range fresh {
			in[i] = it.nameInput()
		}
		assigned, reasons := assignNames(p.Prefix, in, taken)
		for i, n := range assigned {
			names[fresh[i]], fresh[i].NameReason = n, reasons[i]
		}
		shareByValue(p, prev, names, fresh)
	} else {
		byFile := map[string][]*Item{}
		for _, it := range fresh {
			byFile[it.File] = append(byFile[it.File], it)
		}
		for file, items := range byFile {
			name := groupName(p.Prefix, file)
			in := make([]nameInput, len(items))
			for i, it := range items {
				in[i] = it.nameInput()
			}
			for i, key := range assignKeys(in) {
				reason := "the JSON secret of its file (--group-by file); key " + in[i].leafReason()
				if key != in[i].baseLeaf() {
					reason += "; with a hash of the value: the file holds other values under the same key"
				}
				if h, ok := taken[name+"\x00"+key]; ok && h != items[i].Hash {
					key += "_" + hashSuffix(items[i].Hash)
					reason += "; with a hash of the value: an earlier run gave the key to another value"
				}
				names[items[i]], items[i].Key, items[i].NameReason = name, key, reason
			}
		}
	}
	for _, it := range p.Items {
		it.Secret = &Secret{Name: names[it]} // replaced by the shared one in buildSecrets
	}
}

// shareByValue gives all items holding one value one secret, so it is
// stored (and later rotated) once: the name an earlier run planned for the
// value, else the smallest of the names its items were given.
func shareByValue(p *Plan, prev journalIndex, names map[*Item]string, items []*Item) {
	best := map[string]string{}
	for _, e := range prev {
		if e.Step == StepPlanned && e.Key == "" && strings.HasPrefix(e.Name, p.Prefix+"/") {
			if b, ok := best[e.Hash]; e.Hash != "" && (!ok || e.Name < b) {
				best[e.Hash] = e.Name
			}
		}
	}
	fresh := map[string]string{}
	for _, it := range items {
		if _, ok := best[it.Hash]; ok {
			continue
		}
		if b, ok := fresh[it.Hash]; !ok || names[it] < b {
			fresh[it.Hash] = names[it]
		}
	}
	reasonOf := map[string]string{}
	for _, it := range items {
		if reasonOf[names[it]] == "" {
			reasonOf[names[it]] = it.NameReason
		}
	}
	for _, it := range items {
		b, ok := best[it.Hash]
		if !ok {
			b = fresh[it.Hash]
		}
		switch {
		case b == names[it]:
		case ok:
			it.NameReason = "the same value is found elsewhere; " + keptReason
		default:
			it.NameReason = "the same value is found elsewhere and stored once under its name, " + reasonOf[b]
		}
		names[it] = b
	}
}

// keptReason is the name reason of an item named by an earlier run.
const keptReason = "the name an earlier run chose (journal " + JournalDir + "/" + JournalFile + ")"

// nameInput is what naming needs to know about the item.
func (it *Item) nameInput() nameInput {
	return nameInput{Variable: it.Variable, Part: it.Part, Sibling: it.Sibling, Rule: it.Finding.RuleID, File: it.File, Hash: it.Hash}
}

// buildSecrets gathers items by secret name.
func buildSecrets(items []*Item) []*Secret {
	by := map[string]*Secret{}
	for _, it := range items {
		name := it.Secret.Name
		s := by[name]
		if s == nil {
			s = &Secret{Name: name}
			if it.Key != "" {
				s.Keys = map[string]string{}
			}
			by[name] = s
		}
		v := it.Finding.Secret
		if it.Value != "" {
			v = it.Value
		}
		switch {
		case s.Grouped() && it.Key != "":
			if old, ok := s.Keys[it.Key]; ok && old != v {
				it.Stopped = fmt.Sprintf("key %s of secret %s already holds another value", it.Key, name)
				continue
			}
			s.Keys[it.Key] = v
		case !s.Grouped() && it.Key == "":
			if len(s.Items) > 0 && s.Plain != v {
				it.Stopped = fmt.Sprintf("secret name %s already holds another value", name)
				continue
			}
			s.Plain = v
		default:
			it.Stopped = fmt.Sprintf("secret %s was planned with another --group-by", name)
			continue
		}
		it.Secret = s
		s.Items = append(s.Items, it)
	}
	out := make([]*Secret, 0, len(by))
	for _, k := range sortedKeys(by) {
		if len(by[k].Items) > 0 {
			out = append(out, by[k])
		}
	}
	return out
}

// planFiles reads each file with findings and runs its rewriter.
func planFiles(items []*Item) []*FilePlan {
	by := map[string]*FilePlan{}
	var order []string
	for _, it := range items {
		if it.Stopped != "" {
			continue
		}
		fp := by[it.File]
		if fp == nil {
			fp = &FilePlan{Path: it.File}
			by[it.File] = fp
			order = append(order, it.File)
		}
		fp.Items = append(fp.Items, it)
	}
	var out []*FilePlan
	for _, f := range order {
		out = append(out, by[f])
	}
	return out
}

// prepare reads the file and computes its change for the items that are
// still to migrate. root is the repository root.
func (fp *FilePlan) prepare(root string, active func(*Item) bool) {
	fp.Abs = filepath.Join(root, filepath.FromSlash(fp.Path))
	fp.Change, fp.Problem = nil, ""
	st, err := os.Lstat(fp.Abs)
	if err != nil || !st.Mode().IsRegular() {
		fp.setProblem("not a regular file")
		return
	}
	src, err := os.ReadFile(fp.Abs)
	if err != nil {
		fp.setProblem("cannot read the file")
		return
	}
	fp.Before, fp.Mode = src, st.Mode().Perm()
	var todo []*Item
	for _, it := range fp.Items {
		if !active(it) {
			continue
		}
		if !bytes.Contains(src, []byte(it.Finding.Secret)) && isUTF16(src, it.Finding.Secret) {
			it.Manual = "the file is UTF-16 text, which the rewriters do not edit; move the value by hand"
			it.NoLiteral = true
			continue
		}
		if !bytes.Contains(src, []byte(it.Finding.Secret)) {
			it.Manual = "the value is not written literally in the file (encoded or split); move it by hand"
			it.NoLiteral = true
			continue
		}
		todo = append(todo, it)
	}
	rw := rewrite.ForProject(os.DirFS(root), fp.Path)
	if rw == nil {
		for _, it := range todo {
			it.Manual = "no rewriter handles this kind of file; replace the value with a lookup of the secret by hand"
		}
		return
	}
	fp.Rewriter = rw.Name()
	if len(todo) == 0 {
		return
	}
	ch, err := runRewriter(rw, fp.Path, src, todo, fp.K8sSync)
	if err != nil {
		reason := "the " + rw.Name() + " rewriter could not change the file safely: " + Redact(err.Error(), secretsOf(fp.Items))
		for _, it := range todo {
			it.Manual = reason
		}
		return
	}
	fp.Change = ch
}

func (fp *FilePlan) setProblem(p string) {
	fp.Problem = p
	for _, it := range fp.Items {
		if it.Manual == "" {
			it.Manual = p
		}
	}
}

// runRewriter calls rw (recovering from a panic), maps its manual steps
// back to items, and refuses output that still holds a rewritten value or
// puts a value or a helper file where it does not belong.
func runRewriter(rw rewrite.Rewriter, file string, src []byte, items []*Item, k8sSync string) (ch *rewrite.Change, err error) {
	targets := make([]rewrite.Target, len(items))
	for i, it := range items {
		targets[i] = rewrite.Target{
			Line: it.Finding.StartLine, Secret: it.Finding.Secret, Fingerprint: it.Finding.Fingerprint,
			SecretID: it.Secret.Name, Key: it.Key, Variable: it.Variable, K8sSync: k8sSync,
		}
	}
	defer func() {
		if r := recover(); r != nil {
			ch, err = nil, fmt.Errorf("rewriter failed unexpectedly")
		}
	}()
	ch, err = rw.Rewrite(file, src, targets)
	if err != nil {
		return nil, err
	}
	if ch == nil {
		return nil, fmt.Errorf("rewriter returned no change")
	}
	manual := map[string]string{}
	noLiteral := map[string]bool{}
	for _, m := range ch.Manual {
		manual[m.Target.Fingerprint+"\x00"+m.Target.Secret] = m.Reason
		if m.NotFound {
			noLiteral[m.Target.Fingerprint+"\x00"+m.Target.Secret] = true
		}
	}
	for _, it := range items {
		if r, ok := manual[it.Finding.Fingerprint+"\x00"+it.Finding.Secret]; ok {
			if r == "" {
				r = "the rewriter cannot change this use safely"
			}
			it.Manual = Redact(r, secretsOf(items))
			it.NoLiteral = noLiteral[it.Finding.Fingerprint+"\x00"+it.Finding.Secret]
		}
	}
	for _, it := range items {
		if it.Manual == "" && bytes.Contains(ch.Content, []byte(it.Finding.Secret)) {
			clearManual(items)
			return nil, fmt.Errorf("its output still holds the value of %s", it.Finding.Fingerprint)
		}
	}
	dir := path.Dir(file)
	for name, content := range ch.Files {
		target := path.Join(dir, name)
		if strings.HasPrefix(target, "../") || target == ".." || path.IsAbs(name) || target == file {
			clearManual(items)
			return nil, fmt.Errorf("it wants to write a helper outside the repository")
		}
		for _, it := range items {
			if bytes.Contains(content, []byte(it.Finding.Secret)) {
				clearManual(items)
				return nil, fmt.Errorf("its helper %s holds the value of %s", target, it.Finding.Fingerprint)
			}
		}
	}
	return ch, nil
}

func clearManual(items []*Item) {
	for _, it := range items {
		it.Manual, it.NoLiteral = "", false
	}
}

// dropUnread takes out of the plan the secrets whose every finding has no
// literal in the code (likely false findings: nothing would read the
// stored copy), unless storeAll. Files must be prepared first.
func (p *Plan) dropUnread(storeAll bool) {
	if storeAll {
		return
	}
	var keep []*Secret
	for _, s := range p.Secrets {
		read := false
		for _, it := range s.Items {
			if it.Stopped == "" && !it.NoLiteral {
				read = true
			}
		}
		if read {
			keep = append(keep, s)
			continue
		}
		for _, it := range s.Items {
			if it.Stopped == "" {
				it.NotStored = "no literal holding the value was found in the code, so nothing would read it " +
					"(likely a false finding); pass --store-manual to store it anyway"
			}
		}
	}
	p.Secrets = keep
}

// prepareAll computes every file's change for the findings not stopped.
func (p *Plan) prepareAll() {
	for _, fp := range p.Files {
		fp.prepare(p.Root, func(it *Item) bool { return it.Stopped == "" })
	}
}

func secretsOf(items []*Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Finding.Secret
	}
	return out
}

// doneBefore returns the last verified entry per secret a previous run
// stored that this plan does not touch again.
func doneBefore(prev []JournalEntry, secrets []*Secret) []JournalEntry {
	now := map[string]bool{}
	for _, s := range secrets {
		now[s.Name] = true
	}
	last := map[string]JournalEntry{}
	for _, e := range prev {
		if e.Step == StepVerified && !now[e.Name] {
			last[e.Name] = e
		}
	}
	var out []JournalEntry
	for _, k := range sortedKeys(last) {
		out = append(out, last[k])
	}
	return out
}

// isUTF16 reports a file the scanner read as UTF-16 text (scanner/utf16.go):
// it starts with a UTF-16 byte order mark or holds secret in UTF-16. Its
// findings are not rewritten: the rewriters parse and write UTF-8.
func isUTF16(src []byte, secret string) bool {
	if len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF) {
		return true
	}
	if secret == "" {
		return false
	}
	units := utf16.Encode([]rune(secret))
	le, be := make([]byte, 0, 2*len(units)), make([]byte, 0, 2*len(units))
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	return bytes.Contains(src, le) || bytes.Contains(src, be)
}
