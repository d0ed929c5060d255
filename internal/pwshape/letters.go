package pwshape

// RandomLetters reports a generated value made of letters only: twelve or
// more of them, both cases, the case changing between at least two in five
// neighbouring letters and fewer than three in ten letters vowels
// (KqTzWxhRmPLd), or fewer than four in ten when the case changes between
// at least every other pair (a short generated value's vowels vary:
// EAZWZKnNaOlT). Identifiers and labels run words together: they change
// case about twice a word and are a third vowels (ChangePasswordComponent,
// getElementsByTagName); a generator's letters change case about every
// other letter and are a fifth vowels.
func RandomLetters(v string) bool {
	if len(v) < 12 {
		return false
	}
	changes, upper, lower, vowels := 0, 0, 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		isUpper := c >= 'A' && c <= 'Z'
		if !isUpper && (c < 'a' || c > 'z') {
			return false
		}
		switch c | 0x20 {
		case 'a', 'e', 'i', 'o', 'u':
			vowels++
		}
		if isUpper {
			upper++
		} else {
			lower++
		}
		if i > 0 && isUpper != (v[i-1] >= 'A' && v[i-1] <= 'Z') {
			changes++
		}
	}
	vowelsOK := vowels*10 < len(v)*3 || (changes*2 >= len(v)-1 && vowels*10 < len(v)*4)
	return upper >= 3 && lower >= 3 && changes*5 >= (len(v)-1)*2 && vowelsOK
}

// RandomOneCase reports a generated value of one letter case only, the
// shape of the SMTP authorization codes Chinese mail services (163, 126,
// QQ) issue in place of the account password: sixteen letters, upper or
// lower case. It takes 12 to 40 letters of one case, at least half of
// them distinct, fewer than a quarter vowels (a generator's letters are a
// fifth vowels, words two fifths), and no more than a quarter of the
// neighbours consecutive in the alphabet (abcdefgh…).
func RandomOneCase(v string) bool {
	if len(v) < 12 || len(v) > 40 {
		return false
	}
	var seen [26]bool
	distinct, vowels, runs := 0, 0, 0
	upper := v[0] >= 'A' && v[0] <= 'Z'
	for i := 0; i < len(v); i++ {
		c := v[i]
		if upper {
			if c < 'A' || c > 'Z' {
				return false
			}
			c |= 0x20
		} else if c < 'a' || c > 'z' {
			return false
		}
		if !seen[c-'a'] {
			seen[c-'a'] = true
			distinct++
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			vowels++
		}
		if i > 0 && (c == v[i-1]|0x20+1 || c+1 == v[i-1]|0x20) {
			runs++
		}
	}
	return distinct*2 >= len(v) && vowels*4 < len(v) && runs*4 <= len(v)
}

// publishedDemo are the shared passwords of public demo and practice
// sites that UI-test suites log in to (SauceDemo's secret_sauce): every
// copy of such a suite carries the same value, and it logs in.
var publishedDemo = map[string]bool{"secret_sauce": true}

// PublishedDemo reports a public practice site's shared password.
func PublishedDemo(v string) bool { return publishedDemo[v] }
