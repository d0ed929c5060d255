// Package httpx is the one HTTP helper through which credentials reach
// their providers. It never follows a redirect: a credential sent in a
// header (Authorization, PRIVATE-TOKEN) or a body would otherwise be
// replayed to wherever the answer points, and net/http forwards custom
// headers, and Authorization between ports of one host, on redirect.
package httpx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/secretsweep/secretsweep/internal/credential"
)

// MaxBody caps how much of an answer is read.
const MaxBody = 1 << 20

// DefaultTimeout bounds a request made with a nil client.
const DefaultTimeout = 30 * time.Second

// ErrRedirect is returned (wrapped) for a 3xx answer, which is never followed.
var ErrRedirect = errors.New("redirect not followed, so the credential reaches its provider only")

// Request is one call to a provider.
type Request struct {
	// Provider names the provider in errors ("GitHub").
	Provider string
	Method   string
	URL      string
	Header   http.Header
	Body     []byte
}

// Response is a provider's answer, with at most MaxBody of its body.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// NoRedirect returns a copy of hc (a client with DefaultTimeout when nil)
// that hands back redirects instead of following them.
func NoRedirect(hc *http.Client) *http.Client {
	c := http.Client{Timeout: DefaultTimeout}
	if hc != nil {
		c = *hc
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// Do sends r through a copy of hc that does not follow redirects, and
// reads the answer. A 3xx answer is an error wrapping ErrRedirect. Errors
// name the provider, the method and the URL's host and path: never a
// header, the query or the body, which may hold the credential.
func Do(ctx context.Context, hc *http.Client, r Request) (Response, error) {
	where := r.Method + " " + safeURL(r.URL)
	var body io.Reader
	if r.Body != nil {
		body = strings.NewReader(string(r.Body))
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return Response{}, fmt.Errorf("%s: %s: bad endpoint URL", r.Provider, where)
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("User-Agent", "secretsweep")
	resp, err := NoRedirect(hc).Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return Response{}, fmt.Errorf("%s: %s: %w", r.Provider, where, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if err != nil {
		return Response{}, fmt.Errorf("%s: %s: read answer: %w", r.Provider, where, err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		to := "elsewhere"
		if loc, err := resp.Location(); err == nil {
			to = loc.Host
		}
		return Response{}, fmt.Errorf("%s: %s answered HTTP %d to %s: %w", r.Provider, where, resp.StatusCode, to, ErrRedirect)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// safeURL is u without its query, fragment and user info.
func safeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	return p.Host + p.EscapedPath()
}

// JSON decodes the body into v, which must be a pointer to a struct or
// map: an empty, non-JSON or non-object body is an error.
func (r Response) JSON(v any) error {
	b := strings.TrimSpace(string(r.Body))
	if !strings.HasPrefix(b, "{") {
		return errors.New("the answer is not a JSON object")
	}
	if err := json.Unmarshal([]byte(b), v); err != nil {
		return errors.New("the answer is not the documented JSON")
	}
	return nil
}

// StringField is the non-empty string field name of a JSON object body,
// or an error saying the answer lacks it.
func (r Response) StringField(name string) (string, error) {
	var m map[string]any
	if err := r.JSON(&m); err != nil {
		return "", err
	}
	v, _ := m[name].(string)
	if v == "" {
		return "", fmt.Errorf("no %s in the answer", name)
	}
	return v, nil
}

// Message is a provider's error message from a JSON body ("message" or a
// string "error"), else the start of the body.
func (r Response) Message() string {
	var m struct {
		Message string `json:"message"`
		Error   any    `json:"error"`
	}
	if json.Unmarshal(r.Body, &m) == nil {
		if m.Message != "" {
			return m.Message
		}
		if s, ok := m.Error.(string); ok && s != "" {
			return s
		}
	}
	return strings.TrimSpace(string(r.Body[:min(len(r.Body), 200)]))
}

// Unexpected is the verdict for an answer a check does not expect: rate
// limits, server errors and the rest are unknown.
func Unexpected(provider string, r Response) credential.Verdict {
	switch {
	case r.Status == http.StatusTooManyRequests:
		return credential.Unknownf("%s: rate limited (HTTP 429)", provider)
	case r.Status >= 500:
		return credential.Unknownf("%s: provider error (HTTP %d)", provider, r.Status)
	}
	return credential.Unknownf("%s: unexpected answer (HTTP %d)", provider, r.Status)
}

// Shapeless is the verdict for a success status whose body is not the
// documented answer (a captive portal, a proxy, a different service).
func Shapeless(provider string, r Response, err error) credential.Verdict {
	return credential.Unknownf("%s: unreadable answer (HTTP %d: %v)", provider, r.Status, err)
}

// Base is the configured base URL without trailing slashes, or def when
// none is configured.
func Base(configured, def string) string {
	if s := strings.TrimRight(configured, "/"); s != "" {
		return s
	}
	return def
}
