package rules

import (
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// expressionValue matches unquoted values that are expressions rather
// than literals: negations (!!opt), symbols (:mem_cache_store), instance
// and class variables (@user.token), dereferences, calls, indexing and
// boolean operators.
var expressionValue = regexp.MustCompile(`^(?:!|:[A-Za-z_]|@|&[A-Za-z_]|\*[A-Za-z_])` +
	`|[A-Za-z_]\w*(?:\.\w+)*\(|[A-Za-z_]\w*\[|\|\||&&|==|!=|->`)

// isExpression reports whether v is an expression. A value whose brackets
// close before they open, or close another kind than they opened
// (w]w[}t]+[G), is not one a program could hold: that is the punctuation
// of a generated secret (a random API token in a compose file), whatever
// calls or indexing its letters seem to spell.
func isExpression(v string) bool {
	return bracketsNest(v) && expressionValue.MatchString(v)
}

// bracketsNest reports whether every closing bracket of v closes the
// innermost open one of its kind. Brackets left open are allowed: a value
// cut at a space ends inside a call.
func bracketsNest(v string) bool {
	var open []byte
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '(', '[', '{':
			open = append(open, c)
		case ')', ']', '}':
			want := map[byte]byte{')': '(', ']': '[', '}': '{'}[c]
			if len(open) == 0 || open[len(open)-1] != want {
				return false
			}
			open = open[:len(open)-1]
		}
	}
	return true
}

// notExpression wraps a rule's check so that values that are expressions
// are dropped before it runs.
func notExpression(check func(match, secret string) bool) func(match, secret string) bool {
	return func(match, secret string) bool {
		return !isExpression(secret) && check(match, secret)
	}
}
