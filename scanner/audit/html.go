package audit

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// The HTML report is one self-contained page: inline CSS, charts drawn in
// inline SVG, no script, font, style sheet or image from anywhere (its
// Content-Security-Policy forbids them). html/template escapes every value.

type htmlPage struct {
	Title, Summary, Generated, Version string
	Shards                             string
	Cards                              []card
	Charts                             []chart
	Repos                              []RepoResult
	Failed                             []RepoResult
	Rules                              []ruleGroup
	Incremental, Verified              bool
}

type card struct {
	Label string
	Value int
	Class string
}

// chart is a horizontal bar chart.
type chart struct {
	Title          string
	Width, Height  int
	Bars           []bar
	Empty          string
	LabelW, BarMax int
}

type bar struct {
	Label       string
	Value       int
	Y, W, TextX int
	Color       string
}

type ruleGroup struct {
	Rule, Description string
	Rows              []htmlFinding
}

type htmlFinding struct {
	Repository, Location, Link, Commit, Date, Age string
	Mark, Verification, Match, Confidence         string
}

const (
	colorBar    = "#0969da"
	colorNew    = "#cf222e"
	colorOK     = "#1a7f37"
	colorWarn   = "#9a6700"
	colorMuted  = "#8c959f"
	maxRuleBars = 15
)

// ageBuckets name the age of a leaking commit, youngest first.
var ageBuckets = []struct {
	label string
	upTo  time.Duration
}{
	{"under 30 days", 30 * 24 * time.Hour},
	{"30 to 90 days", 90 * 24 * time.Hour},
	{"90 days to 1 year", 365 * 24 * time.Hour},
	{"1 to 2 years", 2 * 365 * 24 * time.Hour},
	{"over 2 years", 1 << 62},
}

func ageOf(f *finding.Finding, now time.Time) (string, bool) {
	t, err := time.Parse(time.RFC3339, f.Date)
	if err != nil || now.IsZero() {
		return "unknown", false
	}
	d := now.Sub(t)
	for _, b := range ageBuckets {
		if d < b.upTo {
			return b.label, true
		}
	}
	return ageBuckets[len(ageBuckets)-1].label, true
}

func writeHTML(w io.Writer, r *Report, version string) error {
	tmpl, err := template.New("audit").Parse(auditTemplate)
	if err != nil {
		return err
	}
	now, _ := time.Parse(time.RFC3339Nano, r.Generated)
	p := htmlPage{
		Title:       "secretsweep audit of " + orgName(r),
		Summary:     r.Summary(),
		Generated:   r.Generated,
		Version:     version,
		Shards:      strings.Join(r.Shards, ", "),
		Repos:       r.Repositories,
		Failed:      r.Failed(),
		Incremental: r.Incremental,
		Verified:    r.Verified,
	}
	p.Cards = []card{
		{"repositories", len(r.Repositories), ""},
		{"scanned", len(r.Repositories) - len(p.Failed), "ok"},
		{"failed", len(p.Failed), cls(len(p.Failed) > 0, "bad")},
		{"findings", len(r.Findings), cls(len(r.Findings) > 0, "bad")},
	}
	if r.Incremental {
		p.Cards = append(p.Cards, card{"new findings", r.NewFindings(), cls(r.NewFindings() > 0, "bad")})
	}

	byRule := map[string]*ruleGroup{}
	ages := map[string]int{}
	verif := map[string]int{}
	perRepo := map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		g := byRule[f.RuleID]
		if g == nil {
			g = &ruleGroup{Rule: f.RuleID, Description: f.Description}
			byRule[f.RuleID] = g
		}
		age, _ := ageOf(f, now)
		ages[age]++
		perRepo[f.Repository]++
		v := "not checked"
		if f.Verification != nil {
			v = f.Verification.Status
		}
		verif[v]++
		loc := fmt.Sprintf("%s:%d", f.File, f.StartLine)
		g.Rows = append(g.Rows, htmlFinding{
			Repository: f.Repository, Location: printable(loc), Link: f.Link,
			Commit: short(f.Commit), Date: f.Date, Age: age, Mark: markOf(f),
			Verification: verificationText(f), Match: shorten(printable(f.Match)), Confidence: string(f.Confidence),
		})
	}
	for _, id := range sortedKeys(byRule) {
		p.Rules = append(p.Rules, *byRule[id])
	}
	sort.SliceStable(p.Rules, func(i, j int) bool { return len(p.Rules[i].Rows) > len(p.Rules[j].Rows) })

	var ruleBars []bar
	for _, g := range p.Rules {
		ruleBars = append(ruleBars, bar{Label: g.Rule, Value: len(g.Rows), Color: colorBar})
	}
	if len(ruleBars) > maxRuleBars {
		rest := 0
		for _, b := range ruleBars[maxRuleBars:] {
			rest += b.Value
		}
		ruleBars = append(ruleBars[:maxRuleBars], bar{Label: "other rules", Value: rest, Color: colorMuted})
	}
	p.Charts = append(p.Charts, newChart("Findings by rule", ruleBars, "No findings."))

	var ageBars []bar
	for _, b := range ageBuckets {
		ageBars = append(ageBars, bar{Label: b.label, Value: ages[b.label], Color: colorWarn})
	}
	if ages["unknown"] > 0 {
		ageBars = append(ageBars, bar{Label: "unknown (no commit)", Value: ages["unknown"], Color: colorMuted})
	}
	p.Charts = append(p.Charts, newChart("Findings by age of the leaking commit", ageBars, "No findings."))

	var repoBars []bar
	for _, name := range sortedKeys(perRepo) {
		repoBars = append(repoBars, bar{Label: name, Value: perRepo[name], Color: colorNew})
	}
	sort.SliceStable(repoBars, func(i, j int) bool { return repoBars[i].Value > repoBars[j].Value })
	if len(repoBars) > maxRuleBars {
		repoBars = repoBars[:maxRuleBars]
	}
	p.Charts = append(p.Charts, newChart("Repositories with the most findings", repoBars, "No findings."))

	if r.Verified {
		var vb []bar
		for _, s := range []struct{ name, color string }{{"verified", colorNew}, {"invalid", colorOK}, {"unknown", colorMuted}, {"not checked", colorMuted}} {
			if verif[s.name] > 0 || s.name != "not checked" {
				vb = append(vb, bar{Label: s.name, Value: verif[s.name], Color: s.color})
			}
		}
		p.Charts = append(p.Charts, newChart("Verification (--verify)", vb, "No findings."))
	}
	return tmpl.Execute(w, p)
}

func cls(on bool, c string) string {
	if on {
		return c
	}
	return "ok"
}

// newChart lays the bars out: one 22-pixel row each, lengths scaled to the
// largest value.
func newChart(title string, bars []bar, empty string) chart {
	c := chart{Title: title, Width: 720, LabelW: 260, BarMax: 380, Empty: empty}
	maxV := 0
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	if maxV == 0 {
		return c
	}
	for i := range bars {
		b := &bars[i]
		b.Y = 4 + i*22
		b.W = max(b.Value*c.BarMax/maxV, 1)
		if b.Value == 0 {
			b.W = 0
		}
		b.TextX = c.LabelW + b.W + 6
		if utf8.RuneCountInString(b.Label) > 38 {
			b.Label = string([]rune(b.Label)[:37]) + "…"
		}
	}
	c.Bars = bars
	c.Height = 8 + len(bars)*22
	return c
}

func verificationText(f *finding.Finding) string {
	if f.Verification == nil {
		return ""
	}
	return f.Verification.Status
}

func short(c string) string {
	if len(c) > 7 {
		return c[:7]
	}
	return c
}

// printable shows control and bidi characters as escapes (scanned content
// must not reorder or hide what a reader sees).
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 120 {
		return s
	}
	return string([]rune(s)[:119]) + "…"
}

const auditTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #1f2328; max-width: 1200px; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1em; margin-bottom: .3em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px ui-monospace, monospace; word-break: break-all; }
.cards { display: flex; gap: 1em; flex-wrap: wrap; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .6em 1.2em; min-width: 8em; }
.card b { display: block; font-size: 1.8em; }
.ok { color: #1a7f37; } .bad { color: #cf222e; } .muted { color: #656d76; }
.charts { display: flex; flex-wrap: wrap; gap: 2em; }
.chart text { font: 12px system-ui, sans-serif; fill: #1f2328; }
.mark-new { color: #cf222e; font-weight: bold; } .mark-known { color: #656d76; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="muted">{{.Summary}}. Started {{.Generated}}{{if .Shards}}; shards {{.Shards}}{{end}}.</p>
<div class="cards">
{{- range .Cards}}
<div class="card {{.Class}}"><b>{{.Value}}</b>{{.Label}}</div>
{{- end}}
</div>

<h2>Charts</h2>
<div class="charts">
{{- range .Charts}}
<figure class="chart">
<figcaption><b>{{.Title}}</b></figcaption>
{{- if .Bars}}
<svg width="{{.Width}}" height="{{.Height}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="{{.Title}}">
{{- $c := .}}
{{- range .Bars}}
<text x="{{$c.LabelW}}" dx="-8" y="{{.Y}}" dy="15" text-anchor="end">{{.Label}}</text>
<rect x="{{$c.LabelW}}" y="{{.Y}}" width="{{.W}}" height="18" fill="{{.Color}}"><title>{{.Label}}: {{.Value}}</title></rect>
<text x="{{.TextX}}" y="{{.Y}}" dy="14">{{.Value}}</text>
{{- end}}
</svg>
{{- else}}
<p class="muted">{{.Empty}}</p>
{{- end}}
</figure>
{{- end}}
</div>

<h2>Repositories</h2>
<table>
<thead><tr><th>Repository</th><th>Status</th><th>Scan</th><th>Commits</th><th>Blobs</th><th>Findings</th>{{if .Incremental}}<th>New</th>{{end}}<th>Reason</th></tr></thead>
<tbody>
{{- range .Repos}}
<tr><td>{{if .URL}}<a href="{{.URL}}">{{.Repository}}</a>{{else}}{{.Repository}}{{end}}{{if .Fork}} <span class="muted">fork</span>{{end}}{{if .Archived}} <span class="muted">archived</span>{{end}}</td><td class="{{if eq .Status "ok"}}ok{{else}}bad{{end}}">{{.Status}}</td><td>{{.Scan}}</td><td class="n">{{.Commits}}</td><td class="n">{{.Blobs}}</td><td class="n">{{.Findings}}</td>{{if $.Incremental}}<td class="n">{{.New}}</td>{{end}}<td>{{.Reason}}</td></tr>
{{- end}}
</tbody>
</table>

<h2>Findings by rule</h2>
{{- if not .Rules}}
<p class="ok">No findings.</p>
{{- end}}
{{- range .Rules}}
<h3><code>{{.Rule}}</code> ({{len .Rows}}) <span class="muted">{{.Description}}</span></h3>
<table>
<thead><tr><th>Repository</th><th>Location</th><th>Commit</th><th>Date</th><th>Age</th><th>Confidence</th>{{if $.Incremental}}<th>Status</th>{{end}}{{if $.Verified}}<th>Verified</th>{{end}}<th>Match (redacted)</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td>{{.Repository}}</td><td>{{if .Link}}<a href="{{.Link}}"><code>{{.Location}}</code></a>{{else}}<code>{{.Location}}</code>{{end}}</td><td><code>{{.Commit}}</code></td><td>{{.Date}}</td><td>{{.Age}}</td><td>{{.Confidence}}</td>{{if $.Incremental}}<td class="mark-{{.Mark}}">{{.Mark}}</td>{{end}}{{if $.Verified}}<td>{{.Verification}}</td>{{end}}<td><code>{{.Match}}</code></td></tr>
{{- end}}
</tbody>
</table>
{{- end}}

<h2>Failures</h2>
{{- if .Failed}}
<ul>
{{- range .Failed}}
<li class="bad"><b>{{.Repository}}</b>: {{.Reason}}</li>
{{- end}}
</ul>
{{- else}}
<p class="ok">Every repository was scanned.</p>
{{- end}}
<footer class="muted">secretsweep{{if .Version}} {{.Version}}{{end}}</footer>
</body>
</html>
`
