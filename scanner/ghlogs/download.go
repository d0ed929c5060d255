package ghlogs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"

	"github.com/google/go-github/v60/github"
)

// errLogsGone marks a run whose logs expired or were deleted.
var errLogsGone = errors.New("logs are no longer available")

// download fetches the log archive of a run into a temporary file and
// returns its path; the caller removes it.
func (s *session) download(ctx context.Context, runID int64) (string, error) {
	what := fmt.Sprintf("run %d: get log archive", runID)
	var loc *url.URL
	err := s.call(ctx, what, func() (*github.Response, error) {
		// go-github does not check this endpoint's responses: it only
		// expects the 302 to the archive.
		u, resp, err := s.gh.Actions.GetWorkflowRunLogs(ctx, s.owner, s.repo, runID, 3)
		if err == nil {
			loc = u
			return resp, nil
		}
		if resp != nil && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) {
			return resp, errLogsGone
		}
		return resp, err
	})
	if err != nil {
		return "", err
	}
	if loc == nil || (loc.Scheme != "https" && loc.Scheme != "http") {
		return "", fmt.Errorf("%s: GitHub returned no usable download URL", what)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, loc.String(), nil)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		// The URL carries a short-lived signature: name only its host.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", fmt.Errorf("%s: download from %s: %w", what, loc.Host, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return "", errLogsGone
	case resp.StatusCode != http.StatusOK:
		return "", fmt.Errorf("%s: download from %s: HTTP %s", what, loc.Host, resp.Status)
	}
	limit := s.opts.MaxArchiveSize
	if resp.ContentLength > limit {
		return "", tooLarge(runID, limit)
	}
	tmp, err := os.CreateTemp(s.opts.TempDir, "secretsweep-run-*.zip")
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, limit+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = tooLarge(runID, limit)
	} else if err != nil {
		err = fmt.Errorf("%s: download from %s: %w", what, loc.Host, err)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

func tooLarge(runID, limit int64) error {
	return fmt.Errorf("run %d: log archive is larger than the %s limit", runID, byteSize(limit))
}

// byteSize formats n in binary units.
func byteSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
