package finding

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
)

// ReadJSON reads a JSON report written by secretsweep or gitleaks (for
// remediate --report). Findings whose Secret is the redaction placeholder
// come back marked redacted. Hashes are read as they are: SecretHash (keyed;
// check its key with finding.Hasher.CheckFindings) and, from reports written
// before keyed hashes, SecretSHA256. Errors give the position of bad input
// and never quote values from it.
func ReadJSON(r io.Reader) ([]Finding, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read JSON report: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("read JSON report: input is empty (want a JSON array of findings)")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var findings []Finding
	if err := dec.Decode(&findings); err != nil {
		return nil, fmt.Errorf("read JSON report: %s", describeJSONError(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		line, col := position(data, dec.InputOffset())
		return nil, fmt.Errorf("read JSON report: unexpected data after the array at line %d, column %d", line, col)
	}
	for i := range findings {
		f := &findings[i]
		if f.RuleID == "" {
			return nil, fmt.Errorf("read JSON report: finding %d has no RuleID", i+1)
		}
		if f.Secret == RedactedValue {
			f.Redact()
		}
	}
	if findings == nil {
		findings = []Finding{}
	}
	return findings, nil
}

// describeJSONError turns a decoding error into a one-line message with a
// line and column, without echoing the offending value.
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return fmt.Sprintf("invalid JSON at line %d, column %d: %v", line, col, syn)
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		if typ.Type != nil && typ.Type.Kind() == reflect.Slice {
			return fmt.Sprintf("line %d, column %d: want a JSON array of findings, got a JSON %s (is this a JSON report?)", line, col, typ.Value)
		}
		if typ.Field == "" {
			return fmt.Sprintf("line %d, column %d: want each finding to be a JSON object, got a JSON %s", line, col, typ.Value)
		}
		return fmt.Sprintf("line %d, column %d: field %s must be %s, got a JSON %s", line, col, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "invalid JSON: input ends early (truncated report?)"
	default:
		return err.Error()
	}
}

// position converts a byte offset into 1-based line and column numbers.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	if col < 1 {
		col = 1
	}
	return line, col
}
