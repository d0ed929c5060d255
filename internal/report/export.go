package report

// Printable makes scanned text safe to show in a log or document: control
// characters, Unicode bidi controls and invalid UTF-8 are shown as Go
// escapes. Callers outside this package (the GitHub Action's annotations
// and comments) use it so there is one escaping rule.
func Printable(s string) string { return printable(s) }

// MarkdownCode renders scanned text as inline code that markdown, HTML and
// GitHub's autolinking cannot interpret (see mdCode).
func MarkdownCode(s string) string { return mdCode(s) }
