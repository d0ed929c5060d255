package action

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// Hidden markers in the bodies the Action writes. A later run finds its own
// review and the findings it already commented on by them.
const (
	reviewMarker   = "<!-- secretsweep:review -->"
	followupMarker = "<!-- secretsweep:review-followup -->"
	fpMarkerPrefix = "<!-- secretsweep:fp:"
	fpMarkerSuffix = " -->"
)

// maxInlineComments bounds the inline comments of one review; the summary
// table lists every finding.
const maxInlineComments = 50

// reviewer posts the pull request review.
type reviewer struct {
	gh          *github.Client
	owner, repo string
	pr          *PullRequest
	head        string
}

// located is a finding with where it is in the head and its marker id.
type located struct {
	f    *finding.Finding
	line int    // line in the head version of f.File; 0 when absent
	id   string // stable marker id
	sug  *suggestion
}

// markerIDs gives each finding a stable id that does not depend on its
// line: the rule, the file and the redacted match (the text around the
// secret, with the secret replaced), numbered when they repeat in a file.
// It holds no hash of the secret itself, keyed or not: runners are
// ephemeral, so a keyed hash would change between pushes unless the user
// shares SECRETSWEEP_HASH_KEY, and markers must survive every push.
func markerIDs(fs []finding.Finding) []string {
	ids := make([]string, len(fs))
	count := map[string]int{}
	for i := range fs {
		f := &fs[i]
		key := f.RuleID + "\x00" + f.File + "\x00" + f.Match
		count[key]++
		n := count[key]
		if n > 1 {
			key += fmt.Sprintf("\x00%d", n)
		}
		sum := sha256.Sum256([]byte(key))
		ids[i] = hex.EncodeToString(sum[:10])
	}
	return ids
}

func fpMarker(id string) string { return fpMarkerPrefix + id + fpMarkerSuffix }

// markersIn returns the fingerprint marker ids in a body.
func markersIn(body string) []string {
	var ids []string
	for {
		i := strings.Index(body, fpMarkerPrefix)
		if i < 0 {
			return ids
		}
		body = body[i+len(fpMarkerPrefix):]
		j := strings.Index(body, fpMarkerSuffix)
		if j < 0 {
			return ids
		}
		ids = append(ids, body[:j])
		body = body[j:]
	}
}

// reviewResult says what happened to the review, for the log and summary.
type reviewResult struct {
	Message  string
	Skipped  bool // the token cannot comment (fork): a notice, not a warning
	Failed   bool
	Comments int // inline comments posted
}

// post creates or updates the review. It never fails the run: errors
// become a result the caller prints.
func (rv *reviewer) post(ctx context.Context, items []located, summary string) reviewResult {
	self := rv.identity(ctx)
	prev, err := rv.previousReview(ctx, self)
	if err != nil {
		return rv.failure("list reviews", err)
	}
	done, err := rv.commented(ctx, self)
	if err != nil {
		return rv.failure("list review comments", err)
	}
	var drafts []*github.DraftReviewComment
	var inline []located
	for _, it := range items {
		if it.line == 0 || done[it.id] || len(drafts) == maxInlineComments {
			continue
		}
		done[it.id] = true
		d := &github.DraftReviewComment{
			Path: github.String(it.f.File),
			Line: github.Int(it.line),
			Side: github.String("RIGHT"),
			Body: github.String(commentBody(it)),
		}
		if s := it.sug; s != nil && s.start > 0 {
			// The comment covers exactly the lines the suggestion replaces.
			d.Line = github.Int(s.end)
			if s.start != s.end {
				d.StartLine, d.StartSide = github.Int(s.start), github.String("RIGHT")
			}
		}
		drafts = append(drafts, d)
		inline = append(inline, it)
	}
	if prev == nil && len(items) == 0 {
		return reviewResult{Message: "no review needed: no leaks and no earlier review"}
	}
	body := reviewMarker + "\n" + summary
	if prev != nil {
		if _, _, err := rv.gh.PullRequests.UpdateReview(ctx, rv.owner, rv.repo, rv.pr.Number, prev.GetID(), body); err != nil {
			return rv.failure("update the review", err)
		}
		if len(drafts) == 0 {
			return reviewResult{Message: fmt.Sprintf("updated the review summary (review %d); no new findings to comment on", prev.GetID())}
		}
		body = followupMarker + "\n" + fmt.Sprintf("secretsweep: %d new possible secret%s in %s; the first secretsweep review has the summary.", len(drafts), plural(len(drafts)), short(rv.head))
	}
	n, err := rv.create(ctx, body, drafts)
	if err != nil {
		return rv.failure("create the review", err)
	}
	verb := "created a review"
	if prev != nil {
		verb = "updated the review summary and added a review"
	}
	return reviewResult{Message: fmt.Sprintf("%s with %d inline comment%s", verb, n, plural(n)), Comments: n}
}

// create posts a review. When GitHub rejects its inline comments (a line
// outside the diff gives 422 for the whole review), the review is posted
// without them: the summary lists every finding.
func (rv *reviewer) create(ctx context.Context, body string, drafts []*github.DraftReviewComment) (int, error) {
	req := &github.PullRequestReviewRequest{
		CommitID: github.String(rv.head),
		Body:     github.String(body),
		Event:    github.String("COMMENT"),
		Comments: drafts,
	}
	_, _, err := rv.gh.PullRequests.CreateReview(ctx, rv.owner, rv.repo, rv.pr.Number, req)
	if status(err) == http.StatusUnprocessableEntity && len(drafts) > 0 {
		req.Comments = nil
		req.Body = github.String(body + "\n\n_GitHub did not accept inline comments on these lines; the table lists every finding._")
		_, _, err = rv.gh.PullRequests.CreateReview(ctx, rv.owner, rv.repo, rv.pr.Number, req)
		return 0, err
	}
	return len(drafts), err
}

// identity is the login the token acts as, or "" when the API does not
// say (the Actions token cannot read /user: its reviews are written by a
// bot account).
func (rv *reviewer) identity(ctx context.Context) string {
	u, _, err := rv.gh.Users.Get(ctx, "")
	if err != nil {
		return ""
	}
	return u.GetLogin()
}

// ours reports whether u could be the author of what this Action wrote: the
// token's own user, or (when unknown) a bot account. A pull request's
// author cannot plant markers that silence the Action, since they are a
// user, not a bot.
func ours(u *github.User, self string) bool {
	if u == nil {
		return false
	}
	if self != "" {
		return strings.EqualFold(u.GetLogin(), self)
	}
	return u.GetType() == "Bot"
}

// previousReview finds the latest review this Action wrote on the pull
// request.
func (rv *reviewer) previousReview(ctx context.Context, self string) (*github.PullRequestReview, error) {
	var found *github.PullRequestReview
	opts := &github.ListOptions{PerPage: 100}
	for pages := 0; pages < 100; pages++ {
		list, resp, err := rv.gh.PullRequests.ListReviews(ctx, rv.owner, rv.repo, rv.pr.Number, opts)
		if err != nil {
			return nil, err
		}
		for _, r := range list {
			if strings.Contains(r.GetBody(), reviewMarker) && ours(r.User, self) {
				found = r
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return found, nil
}

// commented returns the marker ids of the inline comments this Action
// already wrote on the pull request.
func (rv *reviewer) commented(ctx context.Context, self string) (map[string]bool, error) {
	done := map[string]bool{}
	opts := &github.PullRequestListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	for pages := 0; pages < 100; pages++ {
		list, resp, err := rv.gh.PullRequests.ListComments(ctx, rv.owner, rv.repo, rv.pr.Number, opts)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			if ours(c.User, self) {
				for _, id := range markersIn(c.GetBody()) {
					done[id] = true
				}
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	return done, nil
}

func (rv *reviewer) failure(what string, err error) reviewResult {
	code := status(err)
	switch {
	case code == http.StatusForbidden && !isRateLimit(err):
		msg := "the token cannot comment on this pull request (read-only token"
		if rv.pr.Fork() {
			msg += ": a pull request from a fork"
		}
		msg += "); the findings are in the annotations and the job summary"
		return reviewResult{Message: msg, Skipped: true}
	case code == http.StatusUnauthorized:
		return reviewResult{Message: "could not " + what + ": GitHub rejected the token (401)", Failed: true}
	case code == http.StatusNotFound:
		return reviewResult{Message: "could not " + what + ": pull request not found or not visible to the token (404)", Failed: true}
	}
	return reviewResult{Message: "could not " + what + ": " + apiError(err), Failed: true}
}

// status is the HTTP status of a go-github error, or 0.
func status(err error) int {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		return er.Response.StatusCode
	}
	var rl *github.RateLimitError
	if errors.As(err, &rl) && rl.Response != nil {
		return rl.Response.StatusCode
	}
	var ab *github.AbuseRateLimitError
	if errors.As(err, &ab) && ab.Response != nil {
		return ab.Response.StatusCode
	}
	return 0
}

func isRateLimit(err error) bool {
	var rl *github.RateLimitError
	var ab *github.AbuseRateLimitError
	return errors.As(err, &rl) || errors.As(err, &ab)
}

// apiError is a one-line description of a GitHub API error without the
// request's headers.
func apiError(err error) string {
	var er *github.ErrorResponse
	if errors.As(err, &er) && er.Response != nil {
		msg := fmt.Sprintf("GitHub API %d", er.Response.StatusCode)
		if er.Message != "" {
			msg += ": " + er.Message
		}
		return oneLine(errors.New(msg))
	}
	var rl *github.RateLimitError
	if errors.As(err, &rl) {
		return "GitHub API rate limit exceeded"
	}
	var ab *github.AbuseRateLimitError
	if errors.As(err, &ab) {
		return "GitHub API secondary rate limit exceeded"
	}
	return oneLine(err)
}

// commentBody is an inline comment: the rule, the redacted match, why it
// matters and how to fix it.
func commentBody(it located) string {
	f := it.f
	var b strings.Builder
	b.WriteString(fpMarker(it.id))
	b.WriteString("\n")
	fmt.Fprintf(&b, "**secretsweep: possible secret**, rule %s: %s\n\n", report.MarkdownCode(f.RuleID), report.MarkdownCode(f.Match))
	fmt.Fprintf(&b, "%s\n\n", report.MarkdownCode(describe(f)))
	if f.Verification != nil {
		fmt.Fprintf(&b, "Verification: **%s**.\n\n", verificationLabel(f.Verification.Status))
	}
	b.WriteString("**Why it matters:** this value is now in the git history of the pull request. Everyone who can read the repository, its forks and clones can use it, even after the line is deleted.\n\n")
	if s := it.sug; s != nil {
		fmt.Fprintf(&b, "**Stored:** the value is now in AWS Secrets Manager as %s (written and read back).\n\n", report.MarkdownCode(s.name))
		if s.start > 0 {
			b.WriteString("**Suggested change:** read the secret at run time instead; commit the suggestion to fix the code in one click. The value stays in the git history, so rotate it as well (step 2 below).\n\n")
			b.WriteString(suggestionBlock(s.text))
			b.WriteString("\n")
		} else {
			fmt.Fprintf(&b, "No one-click suggestion: %s. Run `secretsweep migrate --apply` on the branch to make the whole change.\n\n", s.why)
		}
	}
	b.WriteString("**How to fix it:**\n")
	b.WriteString("1. Move it out of the code: `secretsweep migrate` stores it in AWS Secrets Manager and rewrites this line to read it at run time.\n")
	b.WriteString("2. Rotate it, since it was pushed: `secretsweep remediate` issues a new credential and retires this one.\n")
	b.WriteString("3. If it is not a secret (a test fixture, an example), add a `gitleaks:allow` comment to the line.\n")
	return b.String()
}

// suggestionBlock is a GitHub suggested change replacing the commented
// lines with text (whole lines). The fence is longer than any run of
// backticks in text.
func suggestionBlock(text string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return fence + "suggestion\n" + text + fence + "\n"
}
