package finding

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Secrets are named outside memory (reports, the migrate journal, Secrets
// Manager tags, the remediate audit log, error messages) by a keyed hash:
// HMAC-SHA256 under a key the user holds, written
//
//	hmac-sha256:<key id>:<64 hex digits>
//
// The key id (KeyIDLen hex digits of HMAC(key, "secretsweep key id")) says
// which key made a hash without revealing the key, so a hash made with
// another key is reported as such instead of silently matching nothing.
// Unlike a plain SHA-256, such a hash cannot be used to test guessed values
// offline by whoever reads a redacted report.
//
// Reports written before keyed hashes carry SecretSHA256, the plain SHA-256
// of the value. They are still read: while scanning, the value is at hand,
// so its plain SHA-256 can be computed in memory for the comparison only
// (PlainSHA256), never written.

// HashScheme prefixes every keyed hash.
const HashScheme = "hmac-sha256"

// Key sizes.
const (
	// MinKeyLen is the shortest key NewHasher accepts, in bytes.
	MinKeyLen = 16
	// KeyIDLen is the length of a key id in hex digits.
	KeyIDLen = 8
	// ShortHashLen is the length, in hex digits, of the short keyed hash
	// that names a secret in messages and logs.
	ShortHashLen = 12
)

// Secrets Manager tag keys. migrate sets them on the secrets it stores;
// remediate finds the secret that holds a leaked value through them. For a
// grouped (JSON) secret, each key K also gets TagSecretHash+":"+K with the
// hash of that key's value.
const (
	// TagSecretHash holds the keyed hash of the secret's value.
	TagSecretHash = "secretsweep:hmac"
	// TagHashKeyID holds the key id of the hashes in TagSecretHash tags.
	TagHashKeyID = "secretsweep:hash-key-id"
	// TagLegacySHA256 held the plain SHA-256 of the value (written by
	// versions before keyed hashes). It is read, never written.
	TagLegacySHA256 = "secretsweep:sha256"
)

// keyIDLabel is the message whose HMAC identifies a key.
const keyIDLabel = "secretsweep key id"

// Hasher computes keyed hashes of secrets. It is immutable and safe for
// concurrent use. The zero Hasher has no key: Sum returns "" and nothing
// keyed matches.
type Hasher struct {
	key []byte
	id  string
}

// NewHasher returns a Hasher for key (at least MinKeyLen bytes).
func NewHasher(key []byte) (Hasher, error) {
	if len(key) < MinKeyLen {
		return Hasher{}, fmt.Errorf("hash key is %d bytes; want at least %d", len(key), MinKeyLen)
	}
	k := append([]byte(nil), key...)
	m := hmac.New(sha256.New, k)
	m.Write([]byte(keyIDLabel))
	return Hasher{key: k, id: hex.EncodeToString(m.Sum(nil))[:KeyIDLen]}, nil
}

// IsZero reports whether h has no key.
func (h Hasher) IsZero() bool { return len(h.key) == 0 }

// KeyID identifies h's key ("" for the zero Hasher). It is not secret.
func (h Hasher) KeyID() string { return h.id }

// Sum returns the keyed hash of secret, "hmac-sha256:<key id>:<hex>", or ""
// for the zero Hasher.
func (h Hasher) Sum(secret string) string {
	if h.IsZero() {
		return ""
	}
	m := hmac.New(sha256.New, h.key)
	m.Write([]byte(secret))
	return HashScheme + ":" + h.id + ":" + hex.EncodeToString(m.Sum(nil))
}

// Hash sets f.SecretHash from f.Secret unless f is redacted, and drops the
// plain SecretSHA256 a report written before keyed hashes may have carried.
func (h Hasher) Hash(f *Finding) {
	if !f.Redacted() && f.Secret != "" && f.Secret != RedactedValue {
		f.SecretHash = h.Sum(f.Secret)
		f.SecretSHA256 = ""
	}
}

// ParseHash splits a keyed hash into its key id and hex digest.
func ParseHash(s string) (keyID, digest string, ok bool) {
	rest, ok := strings.CutPrefix(s, HashScheme+":")
	if !ok {
		return "", "", false
	}
	keyID, digest, ok = strings.Cut(rest, ":")
	if !ok || len(keyID) != KeyIDLen || !isHex(keyID) || len(digest) != 2*sha256.Size || !isHex(digest) {
		return "", "", false
	}
	return keyID, digest, true
}

// ShortHash returns the first ShortHashLen hex digits of a keyed hash's
// digest: a handle for a secret that is safe to print. It returns "" for
// anything that is not a keyed hash (a plain SHA-256 is never shortened
// into a message).
func ShortHash(hash string) string {
	if _, d, ok := ParseHash(hash); ok {
		return d[:ShortHashLen]
	}
	return ""
}

// KeyMismatchError reports hashes made with another key than the current one.
type KeyMismatchError struct {
	Got  string // key id found in the data
	Want string // the current key's id ("" when no key is set)
}

func (e *KeyMismatchError) Error() string {
	if e.Want == "" {
		return fmt.Sprintf("its secret hashes were made with hash key id %s, and no hash key is set", e.Got)
	}
	return fmt.Sprintf("its secret hashes were made with hash key id %s, but the current hash key's id is %s "+
		"(use the key that wrote it: SECRETSWEEP_HASH_KEY or --hash-key-file)", e.Got, e.Want)
}

// ErrBadHash reports a value that is neither a keyed hash nor a plain SHA-256.
var ErrBadHash = errors.New("not a secret hash (want hmac-sha256:<key id>:<hex>)")

// Check returns a *KeyMismatchError when stored is a keyed hash made with
// another key, ErrBadHash when it is no hash at all, and nil for a keyed
// hash of h's key or a plain SHA-256 (which MatchHash compares in memory).
func (h Hasher) Check(stored string) error {
	if IsPlainSHA256(stored) {
		return nil
	}
	id, _, ok := ParseHash(stored)
	if !ok {
		return ErrBadHash
	}
	if id != h.id {
		return &KeyMismatchError{Got: id, Want: h.id}
	}
	return nil
}

// CheckFindings checks the hashes of findings read from a report (see Check).
func (h Hasher) CheckFindings(fs []Finding) error {
	for i := range fs {
		if fs[i].SecretHash == "" {
			continue
		}
		if err := h.Check(fs[i].SecretHash); err != nil {
			if errors.Is(err, ErrBadHash) {
				return fmt.Errorf("finding %q: SecretHash: %w", fs[i].Fingerprint, err)
			}
			return err
		}
	}
	return nil
}

// MatchHash reports whether stored, a hash read back from a report, tag,
// journal or log, is the hash of secret: a keyed hash made with h's key, or
// a plain SHA-256 written before keyed hashes (computed here, in memory, for
// this comparison only).
func (h Hasher) MatchHash(stored, secret string) bool {
	if IsPlainSHA256(stored) {
		return hmac.Equal([]byte(strings.ToLower(stored)), []byte(PlainSHA256(secret)))
	}
	return !h.IsZero() && stored != "" && hmac.Equal([]byte(stored), []byte(h.Sum(secret)))
}

// Matches reports whether f, read from a report, names secret: by its keyed
// hash, its plain SecretSHA256 (older reports) or its unredacted Secret.
func (h Hasher) Matches(f *Finding, secret string) bool {
	switch {
	case f.SecretHash != "":
		return h.MatchHash(f.SecretHash, secret)
	case f.SecretSHA256 != "":
		return h.MatchHash(f.SecretSHA256, secret)
	default:
		return !f.Redacted() && f.Secret != RedactedValue && f.Secret != "" && f.Secret == secret
	}
}

// PlainSHA256 returns the unkeyed hex SHA-256 of s. It exists to compare a
// value held in memory with a hash written before keyed hashes, or as an
// in-memory map key; never write it anywhere.
func PlainSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// IsPlainSHA256 reports whether s looks like a hex SHA-256 (64 hex digits).
func IsPlainSHA256(s string) bool { return len(s) == 2*sha256.Size && isHex(s) }

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
