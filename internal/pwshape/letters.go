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
