package engine

import (
	"context"
	"strings"
	"testing"
)

func TestNotebookText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"source line", `    "api_key = \"zork\"\n",`, `    api_key = "zork"`},
		{"last source line", `    "x = 'zork'"`, `    x = 'zork'`},
		{"CRLF kept", "    \"x = \\\"zork\\\"\\n\",\r", "    x = \"zork\"\r"},
		{"inner newline", `    "a\nb",`, `    a b`},
		{"key and value", `   "cell_type": "code",`, `   "cell_type": "code",`},
		{"not JSON", `    "broken \q",`, `    "broken \q",`},
		{"bracket", `   "source": [`, `   "source": [`},
	} {
		if got := notebookText(tc.in + "\n"); got != tc.want+"\n" {
			t.Errorf("%s: notebookText(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

// TestNotebookCellsScanned scans a notebook's code cells as code: the
// escaped quotes of their JSON strings do not hide an assignment or a
// keyword argument, and findings keep the notebook's line numbers.
func TestNotebookCellsScanned(t *testing.T) {
	nb := strings.Join([]string{
		`{`,
		` "cells": [`,
		`  {`,
		`   "cell_type": "code",`,
		`   "source": [`,
		`    "import psycopg2\n",`,
		`    "conn = psycopg2.connect(host=\"localhost\", user=\"shop\", password=\"Zork!4711x\")\n",`,
		`    "OPENAI_KEY = \"Zq8vL2mXr7kTn4Wb3c9dZork\""`,
		`   ]`,
		`  }`,
		` ]`,
		`}`,
	}, "\n") + "\n"
	engines := bothEngines(t)
	for mode, e := range engines {
		lines := map[int]bool{}
		for _, f := range e.Scan(context.Background(), Fragment{Path: "analysis/explore.ipynb", Text: nb, StartLine: 1}) {
			lines[f.StartLine] = true
		}
		if !lines[7] || !lines[8] {
			t.Errorf("%s: lines with findings %v, want 7 and 8", mode, lines)
		}
	}
}
