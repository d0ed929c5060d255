package remediate

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
)

// pgCreds is a PostgreSQL credential in the shape RDS rotation uses.
type pgCreds struct {
	Engine   string `json:"engine"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	Password string `json:"password"`
	DBName   string `json:"dbname,omitempty"`
	// SSLMode is not part of the RDS shape; kept when the URL had one.
	SSLMode string `json:"sslmode,omitempty"`
}

var pgURLRe = regexp.MustCompile(`(?i)\bpostgres(?:ql)?://[^\s'"<>` + "`" + `]+`)

// parsePGURL reads a postgres:// URL.
func parsePGURL(s string) (pgCreds, bool) {
	u, err := url.Parse(strings.TrimRight(s, ".,;)"))
	if err != nil || u.User == nil || u.Hostname() == "" {
		return pgCreds{}, false
	}
	pw, ok := u.User.Password()
	if !ok || pw == "" {
		return pgCreds{}, false
	}
	port := 5432
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return pgCreds{}, false
		}
	}
	return pgCreds{Engine: "postgres", Host: u.Hostname(), Port: port, Username: u.User.Username(), Password: pw,
		DBName: strings.TrimPrefix(u.Path, "/"), SSLMode: u.Query().Get("sslmode")}, true
}

// parsePGValue reads a secret value: RDS-shaped JSON or a postgres:// URL.
func parsePGValue(v string) (pgCreds, bool) {
	var c struct {
		pgCreds
		Port json.RawMessage `json:"port"`
	}
	if json.Unmarshal([]byte(v), &c) == nil {
		switch strings.ToLower(c.Engine) {
		case "postgres", "postgresql", "aurora-postgresql":
		default:
			return pgCreds{}, false
		}
		p := strings.Trim(string(c.Port), `"`)
		c.pgCreds.Port = 5432
		if n, err := strconv.Atoi(p); err == nil {
			c.pgCreds.Port = n
		}
		return c.pgCreds, c.Host != "" && c.Username != ""
	}
	return parsePGURL(strings.TrimSpace(v))
}

func (c pgCreds) connConfig() (*pgx.ConnConfig, error) {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(c.Username, c.Password),
		Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), Path: "/" + c.DBName}
	q := url.Values{"connect_timeout": {"10"}}
	if c.SSLMode != "" {
		q.Set("sslmode", c.SSLMode)
	}
	u.RawQuery = q.Encode()
	cfg, err := pgx.ParseConfig(u.String())
	if err != nil {
		return nil, errors.New("invalid PostgreSQL connection settings") // the error would quote the URL
	}
	return cfg, nil
}

func (c pgCreds) connect(ctx context.Context) (*pgx.Conn, error) {
	cfg, err := c.connConfig()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("sign in as %s on %s:%d: %s", c.Username, c.Host, c.Port, pgErrText(err, c.Password))
	}
	return conn, nil
}

// pgErrText renders a connection error without the password.
func pgErrText(err error, password string) string {
	s := err.Error()
	if len(password) >= 4 {
		s = strings.ReplaceAll(s, password, "REDACTED")
	}
	return s
}

// postgresEngine rotates PostgreSQL role passwords. The new password is sent
// as a SCRAM-SHA-256 verifier computed here, so the plain text never reaches
// the server (nor its statement log).
type postgresEngine struct{}

func (postgresEngine) name() string { return "postgresql" }

func (postgresEngine) accepts(v string) bool { _, ok := parsePGValue(v); return ok }

func (postgresEngine) withPassword(v, password string) (string, error) {
	c, ok := parsePGValue(v)
	if !ok {
		return "", errors.New("not a PostgreSQL credential")
	}
	if strings.HasPrefix(strings.TrimSpace(v), "{") {
		// keep unknown fields of the JSON
		var m map[string]any
		if err := json.Unmarshal([]byte(v), &m); err != nil {
			return "", err
		}
		m["password"] = password
		b, err := json.Marshal(m)
		return string(b), err
	}
	c.Password = password
	cfg := url.URL{Scheme: "postgres", User: url.UserPassword(c.Username, c.Password),
		Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), Path: "/" + c.DBName}
	if c.SSLMode != "" {
		cfg.RawQuery = "sslmode=" + url.QueryEscape(c.SSLMode)
	}
	return cfg.String(), nil
}

func (postgresEngine) set(ctx context.Context, current, pending string) error {
	cur, _ := parsePGValue(current)
	next, _ := parsePGValue(pending)
	conn, err := cur.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	verifier, err := scramVerifier(next.Password)
	if err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "ALTER ROLE "+pgx.Identifier{next.Username}.Sanitize()+" WITH PASSWORD '"+verifier+"'")
	if err != nil {
		return fmt.Errorf("ALTER ROLE %s: %s", next.Username, pgErrText(err, next.Password))
	}
	return nil
}

func (postgresEngine) test(ctx context.Context, v string) error {
	c, ok := parsePGValue(v)
	if !ok {
		return errors.New("not a PostgreSQL credential")
	}
	conn, err := c.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var one int
	return conn.QueryRow(ctx, "SELECT 1").Scan(&one)
}

// scramVerifier computes PostgreSQL's SCRAM-SHA-256 password verifier
// (RFC 5802/7677 with 4096 iterations, as the server would store it).
func scramVerifier(password string) (string, error) {
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
