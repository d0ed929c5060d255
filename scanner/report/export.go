package report

// MarkdownCode renders scanned text as inline code that markdown, HTML and
// GitHub's autolinking cannot interpret (see mdCode).
func MarkdownCode(s string) string { return mdCode(s) }
