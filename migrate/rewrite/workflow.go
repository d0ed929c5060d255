package rewrite

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// workflowRewriter replaces secret literals in GitHub Actions workflows
// (.github/workflows/*.yml). By default the literal becomes
// ${{ env.ALIAS }}, set by an aws-actions/aws-secretsmanager-get-secrets
// step inserted before the first step of the job that uses it (secret-ids
// "ALIAS,ID"; with parse-json-secrets for JSON keys, whose variables are
// ALIAS_KEY). That works for values inside steps (env, with, run); values
// at job or workflow level are manual steps in this mode. When
// Target.SecretID is "github-secrets:NAME" the literal becomes
// ${{ secrets.NAME }} wherever it is (the caller creates the repository
// secret). ${{ }} is substituted textually, so a value inside a run script
// behaves exactly as the literal did.
//
// Edits are made at the byte spans yaml.v3 reports, so comments and layout
// are kept; the result is decoded again and every edited scalar must hold
// the expected text at its (shifted) path, and every inserted step must be
// where it was put.
type workflowRewriter struct{}

// GitHubSecretsPrefix marks a Target.SecretID as a GitHub Actions
// repository secret name instead of a Secrets Manager secret.
const GitHubSecretsPrefix = "github-secrets:"

// getSecretsAction is the action that reads Secrets Manager in a job.
const getSecretsAction = "aws-actions/aws-secretsmanager-get-secrets@v2"

func (workflowRewriter) Name() string { return "github-actions" }

func (workflowRewriter) Match(path string) bool { return isWorkflowPath(path) }

// wfJob collects what one job needs from Secrets Manager.
type wfJob struct {
	name    string
	steps   *yaml.Node
	first   int               // earliest step index using a secret
	aliases map[string]string // secret id -> alias
	order   []string          // secret ids in order
	json    bool
}

func (workflowRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	docs, err := yamlDocs(src)
	if err != nil || len(docs) != 1 {
		return nil, fmt.Errorf("%s: not a single valid YAML document; file left alone", path)
	}
	starts := lineStarts(src)
	ch := &Change{Content: src}
	done := map[int]bool{}
	var edits []edit
	type expect struct {
		path  []any
		job   string
		value string
	}
	var expects []expect
	jobs := map[string]*wfJob{}
	var jobOrder []string
	edited := map[*yaml.Node]bool{}
	ghNames := map[string]bool{}
	for i, t := range targets {
		var hit *yamlHit
		for _, h := range yamlScalars(docs, t.Line) {
			if t.Secret != "" && strings.Contains(h.node.Value, t.Secret) {
				hit = &h
				break
			}
		}
		if hit == nil {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		if edited[hit.node] {
			ch.Manual = append(ch.Manual, manual(t, "another secret in the same value was rewritten; run migrate again for this one"))
			continue
		}
		var expr, job string
		if name, ok := strings.CutPrefix(t.SecretID, GitHubSecretsPrefix); ok {
			name = githubSecretName(name, t)
			expr = "${{ secrets." + name + " }}"
			ghNames[name] = true
		} else {
			if strings.ContainsAny(t.SecretID, ", \t\r\n") || t.SecretID == "" {
				ch.Manual = append(ch.Manual, manual(t, "the secret name cannot be listed in secret-ids"))
				continue
			}
			j, idx, ok := workflowStep(hit.path)
			if !ok {
				ch.Manual = append(ch.Manual, manual(t, "the value is set at job or workflow level, before any step can read Secrets Manager; move it into the steps or use GitHub secrets"))
				continue
			}
			wj := jobs[j]
			if wj == nil {
				steps := yamlLookup(docs, []any{0, "jobs", j, "steps"})
				wj = &wfJob{name: j, steps: steps, first: idx, aliases: map[string]string{}}
				jobs[j] = wj
				jobOrder = append(jobOrder, j)
			}
			if idx < wj.first {
				wj.first = idx
			}
			alias, ok := wj.aliases[t.SecretID]
			if !ok {
				alias = workflowAlias(t, wj.aliases)
				wj.aliases[t.SecretID] = alias
				wj.order = append(wj.order, t.SecretID)
			}
			env := alias
			if t.Key != "" {
				env = alias + "_" + strings.ToUpper(ident(t.Key))
				wj.json = true
			}
			expr = "${{ env." + env + " }}"
			job = j
		}
		e, newValue, reason := workflowEdit(src, starts, hit.node, t, expr, inFlow(hit))
		if reason != "" {
			ch.Manual = append(ch.Manual, manual(t, "%s", reason))
			continue
		}
		edits = append(edits, e...)
		expects = append(expects, expect{path: hit.path, job: job, value: newValue})
		edited[hit.node] = true
		done[i] = true
	}
	// Insert one get-secrets step per job, before its first user.
	inserted := map[string]int{}
	for _, j := range jobOrder {
		wj := jobs[j]
		if wj.steps == nil || wj.steps.Kind != yaml.SequenceNode || wj.first >= len(wj.steps.Content) {
			return nil, fmt.Errorf("%s: job %s has no block list of steps; file left alone", path, j)
		}
		at, text, ok := workflowStepInsert(src, starts, wj.steps.Content[wj.first], wj)
		if !ok {
			return nil, fmt.Errorf("%s: job %s: cannot place a step before step %d (flow-style or unusual layout); file left alone", path, j, wj.first+1)
		}
		edits = append(edits, edit{at, at, text})
		inserted[j] = wj.first
	}
	if len(edits) == 0 {
		return ch, nil
	}
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	want := map[string]yamlWant{}
	for _, e := range expects {
		p := append([]any(nil), e.path...)
		if e.job != "" && len(p) > 4 {
			if idx, ok := p[4].(int); ok && idx >= inserted[e.job] {
				p[4] = idx + 1
			}
		}
		want[pathKey(p)] = yamlWant{path: p, value: e.value}
	}
	for j, idx := range inserted {
		want[j+"/uses"] = yamlWant{path: []any{0, "jobs", j, "steps", idx, "uses"}, value: getSecretsAction}
	}
	if err := yamlVerify(out, want); err != nil {
		return nil, fmt.Errorf("%s: %v; file left alone", path, err)
	}
	ch.Content = out
	if len(jobs) > 0 {
		ch.Notes = append(ch.Notes, "GitHub Actions: each job that reads Secrets Manager needs AWS credentials before the inserted step: add aws-actions/configure-aws-credentials with role-to-assume (OIDC, `permissions: id-token: write`) and allow secretsmanager:GetSecretValue on the secrets")
	}
	if len(ghNames) > 0 {
		names := make([]string, 0, len(ghNames))
		for n := range ghNames {
			names = append(names, n)
		}
		sort.Strings(names)
		ch.Notes = append(ch.Notes, "GitHub Actions: the workflow now reads repository secrets "+strings.Join(names, ", ")+"; they must exist before it runs")
	}
	finishChange(ch, targets, done)
	return ch, nil
}

// workflowStep returns the job and step index of a path inside a step.
func workflowStep(path []any) (string, int, bool) {
	if len(path) < 6 || path[1] != "jobs" || path[3] != "steps" {
		return "", 0, false
	}
	job, ok1 := path[2].(string)
	idx, ok2 := path[4].(int)
	return job, idx, ok1 && ok2
}

// githubSecretName makes a valid repository secret name: letters, digits
// and underscores, not starting with a digit or GITHUB_.
func githubSecretName(name string, t Target) string {
	if name == "" {
		name = t.Variable
	}
	n := strings.ToUpper(ident(name))
	if strings.HasPrefix(n, "GITHUB_") {
		n = "SECRET_" + n
	}
	return n
}

// workflowAlias picks the environment variable name for a secret.
func workflowAlias(t Target, taken map[string]string) string {
	base := t.Variable
	if base == "" || t.Key != "" {
		base = t.SecretID[strings.LastIndex(t.SecretID, "/")+1:]
	}
	base = strings.ToUpper(ident(base))
	alias := base
	for i := 2; ; i++ {
		clash := false
		for _, a := range taken {
			if a == alias {
				clash = true
			}
		}
		if !clash {
			return alias
		}
		alias = fmt.Sprintf("%s_%d", base, i)
	}
}

// workflowEdit replaces the secret inside a scalar with expr. It returns
// the edits, the scalar's new value, or why it cannot.
//
// A plain scalar inside a flow collection ({a: b}, [a]) is rewritten as a
// double-quoted one, since ${{ }} holds flow indicators.
func workflowEdit(src []byte, starts []int, n *yaml.Node, t Target, expr string, flow bool) ([]edit, string, string) {
	if start, end, ok := yamlSpan(src, starts, n); ok {
		if n.Value == t.Secret || (flow && n.Style == 0) {
			v := strings.ReplaceAll(n.Value, t.Secret, expr)
			text := v
			if n.Style != 0 || flow {
				text = quoteC(v)
			}
			return []edit{{start, end, text}}, v, ""
		}
		raw := string(src[start:end])
		if n.Style&yaml.DoubleQuotedStyle != 0 && strings.Contains(raw, `\`) {
			return nil, "", "the value is a double-quoted string with escapes"
		}
		if strings.Count(raw, t.Secret) != strings.Count(n.Value, t.Secret) {
			return nil, "", "the secret is not written verbatim in the value"
		}
		return []edit{{start, end, strings.ReplaceAll(raw, t.Secret, expr)}}, strings.ReplaceAll(n.Value, t.Secret, expr), ""
	}
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return nil, "", "the value is a multi-line, tagged or anchored scalar"
	}
	if t.Line <= n.Line || t.Line > len(starts) {
		return nil, "", "the secret is not inside the block's text"
	}
	ls := starts[t.Line-1]
	le := len(src)
	if t.Line < len(starts) {
		le = starts[t.Line] - 1
	}
	line := string(src[ls:le])
	if c := strings.Count(line, t.Secret); c == 0 || c != strings.Count(n.Value, t.Secret) {
		return nil, "", "the secret appears on other lines of the block as well"
	}
	return []edit{{ls, le, strings.ReplaceAll(line, t.Secret, expr)}}, strings.ReplaceAll(n.Value, t.Secret, expr), ""
}

// workflowStepInsert builds the get-secrets step placed before step.
func workflowStepInsert(src []byte, starts []int, step *yaml.Node, wj *wfJob) (int, string, bool) {
	if step.Kind != yaml.MappingNode || step.Style&yaml.FlowStyle != 0 || step.Line < 1 || step.Line > len(starts) {
		return 0, "", false
	}
	ls := starts[step.Line-1]
	lineEnd := len(src)
	if step.Line < len(starts) {
		lineEnd = starts[step.Line] - 1
	}
	line := string(src[ls:lineEnd])
	// Byte offset of the mapping's column.
	off := 0
	for col := 1; col < step.Column && off < len(line); col++ {
		_, w := utf8.DecodeRuneInString(line[off:])
		off += w
	}
	dash := strings.LastIndex(line[:off], "-")
	if dash < 0 || strings.TrimSpace(line[:dash]) != "" || strings.TrimSpace(line[dash+1:off]) != "" || strings.ContainsAny(line[:off], "\t") {
		return 0, "", false
	}
	ind := line[:dash]
	in := ind + strings.Repeat(" ", off-dash)
	var b strings.Builder
	fmt.Fprintf(&b, "%s- name: Read secrets from AWS Secrets Manager\n", ind)
	fmt.Fprintf(&b, "%suses: %s\n", in, getSecretsAction)
	fmt.Fprintf(&b, "%swith:\n", in)
	fmt.Fprintf(&b, "%s  secret-ids: |\n", in)
	for _, id := range wj.order {
		fmt.Fprintf(&b, "%s    %s,%s\n", in, wj.aliases[id], id)
	}
	if wj.json {
		fmt.Fprintf(&b, "%s  parse-json-secrets: true\n", in)
	}
	return ls, b.String(), true
}

// inFlow reports whether a hit is inside a flow-style collection.
func inFlow(h *yamlHit) bool {
	for _, a := range h.ancestors {
		if a.Style&yaml.FlowStyle != 0 {
			return true
		}
	}
	return false
}
