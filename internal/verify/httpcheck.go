package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// maxBody caps how much of a provider's answer is read.
const maxBody = 64 << 10

// answer is a provider's HTTP response.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// decode parses a JSON body into v, ignoring errors (fields stay zero).
func (a answer) decode(v any) { _ = json.Unmarshal(a.body, v) }

// call sends a request built by build with hc and reads the answer. Its
// error names the provider's host only, never the request's credentials.
func call(ctx context.Context, hc *http.Client, name, method, rawURL string, build func(*http.Request)) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, method, rawURL, nil)
	if err != nil {
		return answer{}, fmt.Errorf("%s: bad endpoint URL", name)
	}
	req.Header.Set("User-Agent", "secretsweep-verify")
	build(req)
	// No redirects: a custom credential header (PRIVATE-TOKEN) would follow
	// one to another host, and the secret must reach its provider only.
	noRedirect := *hc
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return answer{}, fmt.Errorf("%s: request to %s failed: %v", name, req.URL.Host, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return answer{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// otherStatus is the verdict for a status a verifier does not expect:
// rate limits, server errors and the rest are unknown.
func otherStatus(name string, a answer) finding.Verification {
	switch {
	case a.status == http.StatusTooManyRequests:
		return unknownf("%s: rate limited (HTTP 429)", name)
	case a.status >= 500:
		return unknownf("%s: provider error (HTTP %d)", name, a.status)
	}
	return unknownf("%s: unexpected answer (HTTP %d)", name, a.status)
}
