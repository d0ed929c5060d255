// Package pwshape holds the password shapes the rules and the confidence
// scorer share.
package pwshape

// Digits reports a run of four or more digits holding three or more
// distinct ones (1234, 123456, 4711): under a password key in a config,
// dotenv or credential file, or in a connection string, the password the
// database runs with, however sequential. 0000 and 1111 are filler.
func Digits(v string) bool {
	if len(v) < 4 {
		return false
	}
	seen := map[rune]bool{}
	for _, r := range v {
		if r < '0' || r > '9' {
			return false
		}
		seen[r] = true
	}
	return len(seen) >= 3
}
