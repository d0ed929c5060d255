package engine

import (
	"regexp"
	"strings"
)

// signupWords are the words of a registration. A finding near them gets
// finding.TagSignup.
var signupWords = regexp.MustCompile(`(?i)regist|sign[ _-]?up|create[ _-]?(?:a[ _-]?)?(?:new[ _-]?)?(?:user|account)|new[ _-](?:user|account)`)

// signupBefore reports whether the line holding text[at] or one of the
// eight lines before it holds signupWords.
func signupBefore(text string, at int) bool {
	start := at
	for n := 0; n < 9; n++ { // back to the newline that ends the ninth line above
		i := strings.LastIndexByte(text[:start], '\n')
		if i < 0 {
			start = 0
			break
		}
		start = i
	}
	end := strings.IndexByte(text[at:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += at
	}
	if end-start > 4096 {
		return false // minified text: no guide's example
	}
	return signupWords.MatchString(text[start:end])
}
