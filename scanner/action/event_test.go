package action

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

func readPayload(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseEventPayloads(t *testing.T) {
	pr, err := ParseEvent(EventPullRequest, readPayload(t, "pull_request_opened.payload.json"))
	if err != nil {
		t.Fatal(err)
	}
	want := PullRequest{Number: 2, BaseSHA: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", BaseRef: "master",
		HeadSHA: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", HeadRef: "changes",
		BaseRepo: "Codertocat/Hello-World", HeadRepo: "Codertocat/Hello-World"}
	if *pr.PullRequest != want || pr.PullRequest.Fork() || pr.DefaultBranch != "master" {
		t.Errorf("pull request = %+v", pr.PullRequest)
	}
	push, err := ParseEvent(EventPush, readPayload(t, "push_with-new-branch.payload.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p := push.Push; p.Ref != "refs/heads/master" || !p.Created || !hook.IsZeroName(p.Before) || p.After != "6113728f27ae82c7b1a177c8d03f9e96e0adf246" {
		t.Errorf("push = %+v", p)
	}
	del, err := ParseEvent(EventPush, readPayload(t, "push_payload.json"))
	if err != nil || !del.Push.Deleted {
		t.Errorf("deleted tag push = %+v, %v", del, err)
	}
	mg, err := ParseEvent(EventMergeGroup, readPayload(t, "merge_group_checks_requested.payload.json"))
	if err != nil || mg.MergeGroup.BaseSHA != "f95f852bd8fca8fcc58a9a2d6c842781e32a215e" {
		t.Errorf("merge group = %+v, %v", mg, err)
	}
	if _, err := ParseEvent(EventSchedule, readPayload(t, "schedule.payload.json")); err != nil {
		t.Error(err)
	}
	if _, err := ParseEvent(EventWorkflowDispatch, []byte(`{"inputs":{},"ref":"refs/heads/main"}`)); err != nil {
		t.Error(err)
	}
}

func TestParseEventRejects(t *testing.T) {
	pr := string(readPayload(t, "pull_request_opened.payload.json"))
	for _, tc := range []struct {
		name, event, payload, want string
	}{
		{"not json", EventPush, "{", "not valid JSON: syntax error"},
		{"wrong type", EventPush, `{"ref": 3}`, "field ref has the wrong type"},
		{"no ref", EventPush, `{"before":"` + strings.Repeat("a", 40) + `","after":"` + strings.Repeat("b", 40) + `"}`, "is not a full ref name"},
		{"short sha", EventPush, `{"ref":"refs/heads/x","before":"abc","after":"` + strings.Repeat("b", 40) + `"}`, `before "abc" is not a full commit id`},
		{"option-like sha", EventPush, `{"ref":"refs/heads/x","before":"--upload-pack=x","after":"` + strings.Repeat("b", 40) + `"}`, "is not a full commit id"},
		{"ref with a colon", EventPush, `{"ref":"refs/heads/a:b","before":"` + strings.Repeat("a", 40) + `","after":"` + strings.Repeat("b", 40) + `"}`, "is not a full ref name"},
		{"pull request without head", EventPullRequest, strings.Replace(pr, `"sha": "ec26c3e57ca3a959ca5aad62de7213c562f8c821"`, `"sha": ""`, 1), "pull_request.head.sha"},
		{"merge group without object", EventMergeGroup, `{}`, "no merge_group object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseEvent(tc.event, []byte(tc.payload))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
