package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// StateKind marks a state file (report merge tells states from reports by it).
const StateKind = "secretsweep-audit-state"

// State is what --state keeps between runs: per repository, the tips that
// were scanned and the open findings (redacted: a secret is only named by
// its hash), plus the run in progress so an interrupted run resumes.
type State struct {
	Kind    string
	Version int
	// Run is the current or last run.
	Run *RunInfo `json:",omitempty"`
	// Repositories by full name.
	Repositories map[string]*RepoState
}

// RunInfo identifies one audit run.
type RunInfo struct {
	ID           string // unique: the start time and a random suffix
	Started      string // RFC 3339
	Organization string
	Shard        string `json:",omitempty"`
	Complete     bool   // false while the run is going (or was killed)
}

// RepoState is what the state remembers of one repository.
type RepoState struct {
	// Run is the ID of the run that last scanned the repository.
	Run string
	// Tips are the commits every branch and tag pointed at, sorted.
	Tips []string
	// Result is the repository's line in that run's report.
	Result RepoResult
	// Findings are the open findings, redacted, each with its mark
	// (new or known) as that run reported it.
	Findings []finding.Finding
}

const stateVersion = 1

func newState() *State {
	return &State{Kind: StateKind, Version: stateVersion, Repositories: map[string]*RepoState{}}
}

// LoadState reads a state file; a missing file is an empty state.
func LoadState(path string) (*State, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return newState(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	return parseState(path, data)
}

func parseState(path string, data []byte) (*State, error) {
	var st State
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("state %s: not a secretsweep audit state (invalid JSON: %s)", path, jsonErr(err))
	}
	if st.Kind != StateKind {
		return nil, fmt.Errorf("state %s: not a secretsweep audit state (kind %q)", path, st.Kind)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("state %s: version %d is not supported (want %d)", path, st.Version, stateVersion)
	}
	if st.Repositories == nil {
		st.Repositories = map[string]*RepoState{}
	}
	for name, rs := range st.Repositories {
		if rs == nil {
			return nil, fmt.Errorf("state %s: repository %q has no entry", path, name)
		}
		for i := range rs.Findings {
			if rs.Findings[i].Secret != finding.RedactedValue {
				return nil, fmt.Errorf("state %s: finding %s of %s is not redacted", path, rs.Findings[i].Fingerprint, name)
			}
			rs.Findings[i].Redact()
		}
	}
	return &st, nil
}

// jsonErr describes a decoding error without quoting the input.
func jsonErr(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("syntax error at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %s must be %s, at byte %d", typ.Field, typ.Type, typ.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "input ends early"
	}
	return err.Error()
}

// encode renders the state; map keys are sorted, so the bytes are stable.
func (s *State) encode() ([]byte, error) {
	for _, rs := range s.Repositories {
		for i := range rs.Findings {
			if rs.Findings[i].Secret != finding.RedactedValue {
				return nil, fmt.Errorf("refusing to store unredacted finding %s", rs.Findings[i].Fingerprint)
			}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes the state atomically (internal/gitrepo), so a crash or
// kill -9 leaves the previous state or this one, never a part.
func (s *State) Save(path string) error {
	data, err := s.encode()
	if err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	if err := gitrepo.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	return nil
}

// MergeStates joins the states of shard jobs. A repository in several keeps
// the entry of the latest run; the merged run is complete when all were.
func MergeStates(states ...*State) *State {
	out := newState()
	complete := true
	var latest *RunInfo
	for _, st := range states {
		if st.Run != nil {
			complete = complete && st.Run.Complete
			if latest == nil || st.Run.Started > latest.Started {
				r := *st.Run
				latest = &r
			}
		}
		for name, rs := range st.Repositories {
			if prev, ok := out.Repositories[name]; !ok || rs.Run > prev.Run {
				out.Repositories[name] = rs
			}
		}
	}
	if latest != nil {
		latest.Complete = complete
		latest.Shard = ""
		out.Run = latest
	}
	return out
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
