package parse

import (
	"strings"
	"testing"
)

// TestSQLLongInsert checks that an INSERT longer than maxStmtTokens is
// read in parts that keep its table: a hash deep in a users dump is found
// on its line, one deep in another table's is not.
func TestSQLLongInsert(t *testing.T) {
	const hash = "$2y$10$Q7mN3kP9xR2vL8tB4wZ6yOe1cF5hJ0sU7aD3gK9nM2pQ4rT6vX8yW"
	for _, tc := range []struct {
		table, column string
		want          int // candidates
	}{{"`app`.`users`", "password", 1}, {"products", "digest", 0}} {
		var b strings.Builder
		b.WriteString("INSERT INTO " + tc.table + " (id, email, " + tc.column + ") VALUES\n")
		const rows, at = 3000, 2500
		for i := 0; i < rows; i++ {
			pw := "'x'"
			if i == at {
				pw = "'" + hash + "'"
			}
			b.WriteString("(1, 'a@b.test', " + pw + "),\n")
		}
		b.WriteString("(2, 'c@d.test', 'y');\n")
		got := Run(sqlCredential{}, "dump.sql", []byte(b.String()), nil)
		if len(got) != tc.want {
			t.Fatalf("%s: %d candidates, want %d", tc.table, len(got), tc.want)
		}
		if tc.want == 1 && (got[0].Line != at+1 || got[0].Secret != hash || got[0].RuleID != sqlHashRule) {
			t.Errorf("%s: %+v, want the hash on line %d", tc.table, got[0], at+1)
		}
	}
}
