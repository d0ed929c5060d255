package report

import (
	"html/template"
	"io"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// htmlReporter writes one self-contained page (inline CSS, no scripts, no
// external resources). html/template escapes every value.
type htmlReporter struct{}

func (htmlReporter) Name() string { return "html" }

type htmlRow struct {
	Rule, Description, Confidence, Location, Commit, CommitFull string
	Author, Date, Message, Match, Fingerprint                   string
}

type htmlPage struct {
	Version, Title, Summary string
	Rows                    []htmlRow
	Warnings                []string
	Errors                  []string // what could not be read: the scan is incomplete
}

func (htmlReporter) Write(w io.Writer, res *finding.Result, opts Options) error {
	res = orEmpty(res)
	tmpl, err := template.New("report").
		Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).
		Parse(htmlTemplate)
	if err != nil {
		return err
	}
	page := htmlPage{Version: opts.Version, Summary: SummaryLine(res)}
	for _, warn := range res.Stats.Warnings {
		page.Warnings = append(page.Warnings, printable(warn))
	}
	for _, e := range res.Stats.Errors {
		page.Errors = append(page.Errors, printable(e))
	}
	page.Title = "secretsweep: no leaks found"
	if n := len(res.Findings); n > 0 {
		page.Title = "secretsweep found " + plural(n, "possible secret")
	}
	if res.Stats.Incomplete() {
		page.Title = "secretsweep: scan incomplete"
		if n := len(res.Findings); n > 0 {
			page.Title += ", " + plural(n, "possible secret") + " found in what was read"
		}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		author := f.Author
		if f.Email != "" {
			author += " <" + f.Email + ">"
		}
		page.Rows = append(page.Rows, htmlRow{
			Rule: f.RuleID, Description: f.Description, Confidence: string(f.Confidence), Location: fileLine(f),
			Commit: shortSHA(f.Commit), CommitFull: f.Commit, Author: strings.TrimSpace(author),
			Date: f.Date, Message: firstLine(f.Message), Match: shorten(printable(f.Match)),
			Fingerprint: f.Fingerprint,
		})
	}
	return tmpl.Execute(w, page)
}

const htmlTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; }
h1 { font-size: 1.4em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
code { font: 12px ui-monospace, monospace; word-break: break-all; }
.ok { color: #1a7f37; } .warn { color: #9a6700; } .muted { color: #656d76; }
</style>
</head>
<body>
<h1 class="{{if or .Errors .Rows}}warn{{else}}ok{{end}}">{{.Title}}</h1>
<p class="muted">{{.Summary}}</p>
{{- if .Errors}}
<p class="warn" style="color: #cf222e">What could not be read was not scanned:</p>
<ul class="warn" style="color: #cf222e">
{{- range .Errors}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .Warnings}}
<ul class="warn">
{{- range .Warnings}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
{{- if .Rows}}
<table>
<thead><tr><th>#</th><th>Rule</th><th>Confidence</th><th>Location</th><th>Commit</th><th>Author</th><th>Date</th><th>Match</th><th>Fingerprint</th></tr></thead>
<tbody>
{{- range $i, $r := .Rows}}
<tr><td>{{inc $i}}</td><td><code>{{$r.Rule}}</code><br><span class="muted">{{$r.Description}}</span></td><td>{{$r.Confidence}}</td><td><code>{{$r.Location}}</code></td><td>{{if $r.Commit}}<code title="{{$r.CommitFull}}">{{$r.Commit}}</code><br><span class="muted">{{$r.Message}}</span>{{end}}</td><td>{{$r.Author}}</td><td>{{$r.Date}}</td><td><code>{{$r.Match}}</code></td><td><code>{{$r.Fingerprint}}</code></td></tr>
{{- end}}
</tbody>
</table>
<p>Move each secret to AWS Secrets Manager with <code>secretsweep migrate</code>, then rotate it with <code>secretsweep remediate</code>: it is already in the git history.</p>
{{- end}}
<footer class="muted">secretsweep{{if .Version}} {{.Version}}{{end}}</footer>
</body>
</html>
`
