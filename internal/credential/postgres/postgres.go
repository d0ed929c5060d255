// Package postgres knows PostgreSQL credentials: postgres:// URLs found in
// code, the RDS-shaped JSON Secrets Manager holds them in, how to check one
// by logging in, and how to change a role's password without the new one
// ever reaching the server in plain text.
package postgres

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/secretsweep/secretsweep/internal/credential"
)

// DefaultPort is PostgreSQL's port when a URL names none.
const DefaultPort = 5432

// URLPattern finds postgres:// and postgresql:// URLs in text.
var URLPattern = regexp.MustCompile(`(?i)\bpostgres(?:ql)?://[^\s'"<>` + "`" + `]+`)

// trailing is punctuation that ends a sentence or a literal, not a URL.
const trailing = ".,;)]}"

// Creds is a PostgreSQL credential in the shape RDS rotation uses.
type Creds struct {
	Engine   string `json:"engine"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	Password string `json:"password"`
	DBName   string `json:"dbname,omitempty"`
	// SSLMode is not part of the RDS shape; kept when the URL had one.
	SSLMode string `json:"sslmode,omitempty"`
}

// Addr is host:port.
func (c Creds) Addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// URL renders the credential as a postgres:// URL.
func (c Creds) URL() string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(c.Username, c.Password), Host: c.Addr(), Path: "/" + c.DBName}
	if c.SSLMode != "" {
		u.RawQuery = "sslmode=" + url.QueryEscape(c.SSLMode)
	}
	return u.String()
}

// ParseURL reads a postgres:// URL that names a host and a password.
func ParseURL(s string) (Creds, bool) {
	u, err := url.Parse(strings.TrimRight(s, trailing))
	if err != nil || u.User == nil || u.Hostname() == "" {
		return Creds{}, false
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return Creds{}, false
	}
	port := DefaultPort
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return Creds{}, false
		}
	}
	return Creds{Engine: "postgres", Host: u.Hostname(), Port: port, Username: u.User.Username(), Password: pw,
		DBName: strings.TrimPrefix(u.Path, "/"), SSLMode: u.Query().Get("sslmode")}, true
}

// ParseValue reads a secret value: RDS-shaped JSON or a postgres:// URL.
func ParseValue(v string) (Creds, bool) {
	var c struct {
		Creds
		Port json.RawMessage `json:"port"`
	}
	if json.Unmarshal([]byte(v), &c) == nil {
		switch strings.ToLower(c.Engine) {
		case "postgres", "postgresql", "aurora-postgresql":
		default:
			return Creds{}, false
		}
		c.Creds.Port = DefaultPort
		if n, err := strconv.Atoi(strings.Trim(string(c.Port), `"`)); err == nil {
			c.Creds.Port = n
		}
		return c.Creds, c.Host != "" && c.Username != ""
	}
	return ParseURL(strings.TrimSpace(v))
}

// Find returns the credential of the first postgres:// URL in texts whose
// credential the secret is: the whole URL, its password (as written or
// decoded), or a part of the URL that holds the password.
func Find(secret string, texts ...string) (Creds, bool) {
	if secret == "" {
		return Creds{}, false
	}
	for _, text := range texts {
		for _, raw := range URLPattern.FindAllString(text, -1) {
			raw = strings.TrimRight(raw, trailing)
			c, ok := ParseURL(raw)
			if !ok {
				continue
			}
			written := writtenPassword(raw)
			if secret == raw || secret == c.Password || secret == written ||
				(strings.Contains(raw, secret) && strings.Contains(secret, written)) {
				return c, true
			}
		}
	}
	return Creds{}, false
}

// writtenPassword is the password as the URL spells it (percent-encoded),
// located the way net/url splits the authority.
func writtenPassword(raw string) string {
	_, rest, _ := strings.Cut(raw, "://")
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	_, pw, _ := strings.Cut(rest[:at], ":")
	return pw
}

// ConnConfig is the connection to what the credential says only: its
// password (no password file, no PG* defaults), its host (no fallback to
// others), a connect timeout.
func (c Creds) ConnConfig(timeout time.Duration) (*pgx.ConnConfig, error) {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(c.Username, c.Password), Host: c.Addr(), Path: "/" + c.DBName}
	q := url.Values{}
	if c.SSLMode != "" {
		q.Set("sslmode", c.SSLMode)
	}
	u.RawQuery = q.Encode()
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, errors.New("invalid PostgreSQL connection settings") // the error would quote the URL
	}
	cfg.Password = c.Password
	cfg.ConnectTimeout = timeout
	var same []*pgconn.FallbackConfig
	for _, fb := range cfg.Fallbacks {
		if fb.Host == cfg.Host {
			same = append(same, fb)
		}
	}
	cfg.Fallbacks = same
	return cfg, nil
}

// connectTimeout bounds a login made to rotate a password.
const connectTimeout = 15 * time.Second

// Connect logs in. Its error names the role and the server, never the
// password.
func (c Creds) Connect(ctx context.Context) (*pgx.Conn, error) {
	cfg, err := c.ConnConfig(connectTimeout)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("sign in as %s on %s: %s", c.Username, c.Addr(), scrub(err, c.Password))
	}
	return conn, nil
}

// scrub renders an error without the password.
func scrub(err error, password string) string {
	s := err.Error()
	if len(password) >= 4 {
		s = strings.ReplaceAll(s, password, "REDACTED")
	}
	return s
}

// Verify logs in with the credential, waiting at most timeout (or the
// context's deadline) for the server.
func Verify(ctx context.Context, c Creds, timeout time.Duration) credential.Verdict {
	where := c.Addr()
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = time.Until(dl)
	}
	cfg, err := c.ConnConfig(timeout)
	if err != nil {
		return credential.Unknownf("PostgreSQL: URL at %s does not parse", where)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		defer conn.Close(context.Background())
		return credential.VerifiedBecause("PostgreSQL: login as %s at %s accepted", c.Username, where)
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "28P01", "28000":
			return credential.InvalidBecause("PostgreSQL: %s at %s rejected the login (SQLSTATE %s)", c.Username, where, pgErr.Code)
		case "3D000":
			// Authentication precedes the database lookup.
			return credential.VerifiedBecause("PostgreSQL: login as %s at %s accepted; database %s does not exist", c.Username, where, c.DBName)
		}
		return credential.Unknownf("PostgreSQL: %s answered SQLSTATE %s", where, pgErr.Code)
	}
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return credential.Unknownf("PostgreSQL: no answer from %s within the timeout", where)
	}
	return credential.Unknownf("PostgreSQL: cannot reach %s: %s", where, lastCause(err))
}

// lastCause keeps the innermost cause of a pgconn error, which names the
// host and the network failure but not the connection string.
func lastCause(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}

// Test logs in with c and runs SELECT 1.
func Test(ctx context.Context, c Creds) error {
	conn, err := c.Connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var one int
	return conn.QueryRow(ctx, "SELECT 1").Scan(&one)
}

// SetPassword logs in as current and gives next's role next's password.
// The password is sent as a SCRAM-SHA-256 verifier computed here, so the
// plain text never reaches the server (nor its statement log).
func SetPassword(ctx context.Context, current, next Creds) error {
	conn, err := current.Connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	verifier, err := ScramVerifier(next.Password)
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "ALTER ROLE "+pgx.Identifier{next.Username}.Sanitize()+" WITH PASSWORD '"+verifier+"'")
	if err != nil {
		return fmt.Errorf("ALTER ROLE %s: %s", next.Username, scrub(err, next.Password))
	}
	return nil
}

// ScramVerifier computes PostgreSQL's SCRAM-SHA-256 password verifier
// (RFC 5802/7677 with 4096 iterations, as the server would store it).
func ScramVerifier(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	const iter = 4096
	salted, err := pbkdf2.Key(sha256.New, password, salt, iter, 32)
	if err != nil {
		return "", err
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	clientKey := mac(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	server := mac(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iter, b64(salt), b64(stored[:]), b64(server)), nil
}

// WithPassword returns a secret value (RDS-shaped JSON, whose other
// fields are kept, or a URL) with its password replaced.
func WithPassword(value, password string) (string, error) {
	c, ok := ParseValue(value)
	if !ok {
		return "", errors.New("not a PostgreSQL credential")
	}
	if strings.HasPrefix(strings.TrimSpace(value), "{") {
		var m map[string]any
		if err := json.Unmarshal([]byte(value), &m); err != nil {
			return "", err
		}
		m["password"] = password
		b, err := json.Marshal(m)
		return string(b), err
	}
	c.Password = password
	return c.URL(), nil
}
