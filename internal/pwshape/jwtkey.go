package pwshape

import "regexp"

// jwtKeyName matches the name of a JSON Web Token signing secret.
var jwtKeyName = regexp.MustCompile(`(?i)^(?:jwt[_.-]?(?:(?:access|refresh)[_.-]?)?(?:secret|key|signing[_.-]?key|secret[_.-]?key|token[_.-]?secret|private[_.-]?key)|secret[_.-]?or[_.-]?key|(?:access|refresh)?[_.-]?token[_.-]?secret)$`)

// JWTKeyName reports a key naming a JSON Web Token signing secret
// (jwt_secret, jwtSecret, JWT_KEY, JWT_REFRESH_SECRET, secretOrKey, token_secret): the literal
// there signs every token the service trusts, so even a word is the key.
func JWTKeyName(key string) bool { return jwtKeyName.MatchString(key) }
