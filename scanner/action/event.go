package action

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

// Event names the Action understands.
const (
	EventPullRequest       = "pull_request"
	EventPullRequestTarget = "pull_request_target"
	EventPush              = "push"
	EventMergeGroup        = "merge_group"
	EventSchedule          = "schedule"
	EventWorkflowDispatch  = "workflow_dispatch"
)

// Events lists the supported event names.
func Events() []string {
	return []string{EventPullRequest, EventPullRequestTarget, EventPush, EventMergeGroup, EventSchedule, EventWorkflowDispatch}
}

// Event is the part of a GitHub event payload the Action reads. Only
// object names, ref names, numbers and repository names are taken from it:
// nothing in a payload is executed or interpolated into a command.
type Event struct {
	Name string
	// PullRequest is set for pull_request and pull_request_target.
	PullRequest *PullRequest
	// Push is set for push.
	Push *Push
	// MergeGroup is set for merge_group.
	MergeGroup *MergeGroup
	// DefaultBranch is repository.default_branch, when the payload has it.
	DefaultBranch string
}

// PullRequest is a pull request event's payload.
type PullRequest struct {
	Number   int
	BaseSHA  string
	BaseRef  string
	HeadSHA  string
	HeadRef  string
	BaseRepo string // owner/name
	HeadRepo string // owner/name; differs from BaseRepo for forks
}

// Fork reports whether the pull request comes from another repository.
func (p *PullRequest) Fork() bool {
	return p.HeadRepo != "" && !strings.EqualFold(p.HeadRepo, p.BaseRepo)
}

// Push is a push event's payload.
type Push struct {
	Ref     string
	Before  string
	After   string
	Created bool
	Deleted bool
	Forced  bool
}

// MergeGroup is a merge_group event's payload.
type MergeGroup struct {
	HeadSHA, HeadRef, BaseSHA, BaseRef string
}

// payload mirrors the JSON fields read from GitHub's event payloads.
type payload struct {
	Number      int `json:"number"`
	PullRequest *struct {
		Number int `json:"number"`
		Base   struct {
			SHA  string `json:"sha"`
			Ref  string `json:"ref"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
		Head struct {
			SHA  string `json:"sha"`
			Ref  string `json:"ref"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"head"`
	} `json:"pull_request"`
	Ref        string `json:"ref"`
	Before     string `json:"before"`
	After      string `json:"after"`
	Created    bool   `json:"created"`
	Deleted    bool   `json:"deleted"`
	Forced     bool   `json:"forced"`
	MergeGroup *struct {
		HeadSHA string `json:"head_sha"`
		HeadRef string `json:"head_ref"`
		BaseSHA string `json:"base_sha"`
		BaseRef string `json:"base_ref"`
	} `json:"merge_group"`
	Repository *struct {
		FullName      string `json:"full_name"`
		DefaultBranch string `json:"default_branch"`
	} `json:"repository"`
}

// maxPayload bounds the event file read (GitHub's payloads are at most a
// few hundred KiB; push payloads list at most 20 commits).
const maxPayload = 25 << 20

// LoadEvent reads and validates the event payload at path for event name.
func LoadEvent(name, path string) (*Event, error) {
	if name == "" {
		return nil, errors.New("GITHUB_EVENT_NAME is not set (secretsweep action runs in a GitHub Actions job)")
	}
	if !supported(name) {
		return nil, fmt.Errorf("event %q is not supported (want one of %s)", name, strings.Join(Events(), ", "))
	}
	if path == "" {
		return nil, errors.New("GITHUB_EVENT_PATH is not set (secretsweep action runs in a GitHub Actions job)")
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("event payload: %w", unwrapPath(err))
	}
	if !st.Mode().IsRegular() || st.Size() > maxPayload {
		return nil, fmt.Errorf("event payload %s: not a regular file under %d MiB", path, maxPayload>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("event payload: %w", unwrapPath(err))
	}
	return ParseEvent(name, data)
}

func supported(name string) bool {
	for _, e := range Events() {
		if e == name {
			return true
		}
	}
	return false
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// ParseEvent parses and validates a payload for event name.
func ParseEvent(name string, data []byte) (*Event, error) {
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s event payload is not valid JSON: %v", name, jsonErr(err))
	}
	ev := &Event{Name: name}
	if p.Repository != nil {
		ev.DefaultBranch = p.Repository.DefaultBranch
	}
	switch name {
	case EventPullRequest, EventPullRequestTarget:
		if p.PullRequest == nil {
			return nil, fmt.Errorf("%s event payload has no pull_request object", name)
		}
		pr := &PullRequest{
			Number:  p.PullRequest.Number,
			BaseSHA: p.PullRequest.Base.SHA, BaseRef: p.PullRequest.Base.Ref,
			HeadSHA: p.PullRequest.Head.SHA, HeadRef: p.PullRequest.Head.Ref,
		}
		if pr.Number == 0 {
			pr.Number = p.Number
		}
		if p.PullRequest.Base.Repo != nil {
			pr.BaseRepo = p.PullRequest.Base.Repo.FullName
		}
		if p.PullRequest.Head.Repo != nil {
			pr.HeadRepo = p.PullRequest.Head.Repo.FullName
		}
		if pr.Number <= 0 {
			return nil, fmt.Errorf("%s event payload has no pull request number", name)
		}
		if err := checkSHAs(name, "pull_request.base.sha", pr.BaseSHA, "pull_request.head.sha", pr.HeadSHA); err != nil {
			return nil, err
		}
		ev.PullRequest = pr
	case EventPush:
		ps := &Push{Ref: p.Ref, Before: p.Before, After: p.After, Created: p.Created, Deleted: p.Deleted, Forced: p.Forced}
		if !strings.HasPrefix(ps.Ref, "refs/") || strings.ContainsAny(ps.Ref, " \t\r\n\\:~^?*[") {
			return nil, fmt.Errorf("push event payload: ref %q is not a full ref name", ps.Ref)
		}
		if err := checkSHAs(name, "before", ps.Before, "after", ps.After); err != nil {
			return nil, err
		}
		ev.Push = ps
	case EventMergeGroup:
		if p.MergeGroup == nil {
			return nil, errors.New("merge_group event payload has no merge_group object")
		}
		mg := &MergeGroup{HeadSHA: p.MergeGroup.HeadSHA, HeadRef: p.MergeGroup.HeadRef, BaseSHA: p.MergeGroup.BaseSHA, BaseRef: p.MergeGroup.BaseRef}
		if err := checkSHAs(name, "merge_group.base_sha", mg.BaseSHA, "merge_group.head_sha", mg.HeadSHA); err != nil {
			return nil, err
		}
		ev.MergeGroup = mg
	}
	return ev, nil
}

// jsonErr shortens a JSON error to one line without quoting the input.
func jsonErr(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s has the wrong type (%s)", te.Field, te.Value)
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}

// checkSHAs validates pairs of (field name, value) as full object names.
func checkSHAs(event string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if !hook.IsObjectName(pairs[i+1]) {
			return fmt.Errorf("%s event payload: %s %q is not a full commit id", event, pairs[i], clip(pairs[i+1]))
		}
	}
	return nil
}

// clip shortens a payload value quoted in an error.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
