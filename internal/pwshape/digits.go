// Package pwshape holds the password shapes the rules and the confidence
// scorer share.
package pwshape

// Digits reports a run of four or more digits holding three or more
// distinct ones (1234, 123456, 4711): under a password key in a config,
// dotenv or credential file, or in a connection string, the password the
// database runs with, however sequential. 0000 and 1111 are filler; six or
// more of one digit (111111, 888888) are the default password many
// projects give their accounts.
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
	return len(seen) >= 3 || len(v) >= 6
}

// PrefixedDigits reports one or two letters before such a run (z47110,
// ab1234): seeded accounts' passwords in dumps and seeders, where one
// letter names the role (d for doctor). Longer prefixes are words with
// digits, which the callers judge as words.
func PrefixedDigits(v string) bool {
	i := 0
	for i < len(v) && i < 3 && (v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z') {
		i++
	}
	return i >= 1 && i <= 2 && Digits(v[i:])
}
