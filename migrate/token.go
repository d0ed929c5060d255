package migrate

import (
	"crypto/sha256"
	"fmt"
)

// ClientRequestToken derives the idempotency token of one write of value
// hash valueHash under name: a UUID-shaped (version 5 style) string from
// the SHA-256 of the three, so a retried or re-run call sends the same
// token and Secrets Manager does not create a second version. after is
// the version the write replaces ("" when creating the secret): writing a
// value the secret held before (v1, v2, then v1 again) is a new write with
// a new token, which Secrets Manager would otherwise ignore. The value
// itself is not an input, only its keyed hash.
func ClientRequestToken(name, valueHash, after string) string {
	sum := sha256.Sum256([]byte("secretsweep-migrate\x00" + name + "\x00" + valueHash + "\x00" + after))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50 // version 5 (name-based, SHA)
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
