package migrate

import (
	"crypto/sha256"
	"fmt"
)

// ClientRequestToken derives the idempotency token for storing value hash
// valueHash under name: a UUID-shaped (version 5 style) string from the
// SHA-256 of both, so a retried or re-run call sends the same token and
// Secrets Manager does not create a second version. The value itself is
// not an input, only its hash.
func ClientRequestToken(name, valueHash string) string {
	sum := sha256.Sum256([]byte("secretsweep-migrate\x00" + name + "\x00" + valueHash))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50 // version 5 (name-based, SHA)
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
