package parse

import (
	"fmt"
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

// TestSQLLongInsertColumns checks that the parts of a long INSERT keep its
// column list, however long, and hold whole rows: each row's password is
// read from its own column, and the user beside it.
func TestSQLLongInsertColumns(t *testing.T) {
	cols := []string{"id", "first_name", "last_name", "email", "phone", "street", "city", "zip", "country", "created_at", "user_name", "passwd"}
	var b strings.Builder
	b.WriteString("INSERT INTO people (" + strings.Join(cols, ", ") + ") VALUES\n")
	const rows = 2000
	for i := 0; i < rows; i++ {
		sep := ",\n"
		if i == rows-1 {
			sep = ";\n"
		}
		fmt.Fprintf(&b, "(%d, 'Ann', 'Lee', 'a@b.test', '555', 'Main St', 'Town', '123', 'NL', '2024-01-01', 'u%d', 't3st-pw-%d')%s", i, i, i, sep)
	}
	got := Run(sqlCredential{}, "dump.sql", []byte(b.String()), nil)
	if len(got) != rows {
		t.Fatalf("%d candidates, want %d", len(got), rows)
	}
	for i, c := range got {
		if want := fmt.Sprintf("t3st-pw-%d", i); c.Secret != want || c.Line != i+1 || c.Context != fmt.Sprintf("u%d", i) {
			t.Fatalf("candidate %d: %q on line %d for %q, want %q on line %d", i, c.Secret, c.Line, c.Context, want, i+1)
		}
	}
}
