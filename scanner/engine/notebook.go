package engine

import (
	"strconv"
	"strings"
)

// isNotebook reports a Jupyter notebook: JSON whose code cells hold their
// source as one JSON string per line.
func isNotebook(path string) bool {
	return strings.HasSuffix(strings.ToLower(path), ".ipynb")
}

// notebookText returns a notebook's text with every line that is one JSON
// string (a cell's source or output line, "api_key = \"…\"\n",) replaced
// by the string's value, so that the rules read the code as written: with
// its own quotes, not JSON's escaped ones. Line numbers are kept (one line
// in, one line out: a value's trailing newline is dropped, an inner one
// becomes a space); other lines are left as they are.
func notebookText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for len(text) > 0 {
		line, rest, found := strings.Cut(text, "\n")
		b.WriteString(notebookLine(line))
		if found {
			b.WriteByte('\n')
		}
		text = rest
	}
	return b.String()
}

// notebookLine unquotes a line holding one JSON string and an optional
// comma, keeping its indentation and a CR; any other line is returned as
// it is.
func notebookLine(line string) string {
	body := strings.TrimRight(line, "\r")
	cr := line[len(body):]
	trimmed := strings.TrimLeft(body, " \t")
	indent := body[:len(body)-len(trimmed)]
	trimmed = strings.TrimSuffix(strings.TrimRight(trimmed, " \t"), ",")
	if len(trimmed) < 2 || trimmed[0] != '"' || trimmed[len(trimmed)-1] != '"' {
		return line
	}
	v, err := strconv.Unquote(trimmed)
	if err != nil {
		return line
	}
	v = strings.ReplaceAll(strings.TrimSuffix(v, "\n"), "\n", " ")
	return indent + v + cr
}
