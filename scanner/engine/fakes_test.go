package engine

import (
	"encoding/base64"
	"strconv"
)

// Obviously fake but well-formed credentials (the scanner's tests have
// their own in fixture_test.go).
const (
	fakeGitHubPAT = "ghp_R4nd0mFAKEt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"
	fakeAWSKeyID  = "AKIAQYLPMN5HFIQR7XYZ"
	fakeSlackBot  = "xoxb-123456789012-1234567890123-FAKEfakeFAKEfake1234abcd"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func itoa(n int) string { return strconv.Itoa(n) }

// fakeToken returns the i-th of a family of distinct, obviously fake GitHub
// tokens (ghp_FAKE and 32 letters and digits).
func fakeToken(i int) string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := []byte("ghp_FAKE")
	x := uint32(i)*2654435761 + 1
	for j := 0; j < 32; j++ {
		x = x*1103515245 + 12345
		b = append(b, alnum[(x>>16)%uint32(len(alnum))])
	}
	return string(b)
}
