package remediate

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

// awsEnv is a moto server and Deps whose real SDK clients point at it.
type awsEnv struct {
	moto *testenv.Moto
	cfg  aws.Config
	d    *Deps
	iam  *iam.Client
	sm   *secretsmanager.Client
}

func startAWS(t *testing.T) *awsEnv {
	t.Helper()
	m := testenv.StartMoto(t)
	cfg, err := awsclient.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	e := &awsEnv{moto: m, cfg: cfg, iam: iam.NewFromConfig(cfg), sm: secretsmanager.NewFromConfig(cfg)}
	e.d = testDeps()
	e.d.NewAWSDeps(cfg)
	return e
}

// testDeps returns Deps with an instant clock-driven sleep.
func testDeps() *Deps {
	d := &Deps{VerifyTimeout: time.Millisecond, PollInterval: time.Millisecond, RotationTimeout: 50 * time.Millisecond, Hasher: testHasher}
	d.Sleep = func(ctx context.Context, dur time.Duration) error { time.Sleep(time.Millisecond); return ctx.Err() }
	d.defaults()
	return d
}

// userWithKey creates an IAM user with one access key and returns the key ID.
func (e *awsEnv) userWithKey(t *testing.T, user string) string {
	t.Helper()
	ctx := context.Background()
	if _, err := e.iam.CreateUser(ctx, &iam.CreateUserInput{UserName: &user}); err != nil {
		t.Fatal(err)
	}
	return e.addKey(t, user)
}

func (e *awsEnv) addKey(t *testing.T, user string) string {
	t.Helper()
	out, err := e.iam.CreateAccessKey(context.Background(), &iam.CreateAccessKeyInput{UserName: &user})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.AccessKey.AccessKeyId)
}

// keys returns the user's keys: ID -> status.
func (e *awsEnv) keys(t *testing.T, user string) map[string]string {
	t.Helper()
	out, err := e.iam.ListAccessKeys(context.Background(), &iam.ListAccessKeysInput{UserName: &user})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, k := range out.AccessKeyMetadata {
		m[aws.ToString(k.AccessKeyId)] = string(k.Status)
	}
	return m
}

func (e *awsEnv) setStatus(t *testing.T, user, id string, st iamtypes.StatusType) {
	t.Helper()
	if _, err := e.iam.UpdateAccessKey(context.Background(), &iam.UpdateAccessKeyInput{UserName: &user, AccessKeyId: &id, Status: st}); err != nil {
		t.Fatal(err)
	}
}

// memRec records steps in memory.
type memRec struct {
	mu    sync.Mutex
	steps []string
}

func (m *memRec) Step(action, target string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := action
	if err != nil {
		s += " ERROR"
	}
	m.steps = append(m.steps, s)
}

func (m *memRec) has(prefix string) bool {
	return m.index(prefix) >= 0
}

func (m *memRec) index(prefix string) int {
	for i, s := range m.steps {
		if strings.HasPrefix(s, prefix) {
			return i
		}
	}
	return -1
}

func (m *memRec) count(prefix string) int {
	n := 0
	for _, s := range m.steps {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}

// testHasher makes keyed hashes with a fake key.
var testHasher = func() finding.Hasher {
	h, err := finding.NewHasher([]byte("FAKE-remediate-test-key-00000000"))
	if err != nil {
		panic(err)
	}
	return h
}()

// candidate builds a candidate for a secret value as a scan would.
func candidate(rule, secret string) *Candidate {
	f := finding.Finding{RuleID: rule, File: "app/config.py", StartLine: 3, EndLine: 3, Secret: secret,
		SecretHash: testHasher.Sum(secret), Fingerprint: "app/config.py:" + rule + ":3"}
	f.Redact()
	return &Candidate{Finding: f, Fingerprints: []string{f.Fingerprint}, Secret: secret}
}

// failingIAM wraps the real IAM client and fails the calls named in fail.
type failingIAM struct {
	IAMAPI
	fail map[string]error
}

func (f failingIAM) UpdateAccessKey(ctx context.Context, in *iam.UpdateAccessKeyInput, o ...func(*iam.Options)) (*iam.UpdateAccessKeyOutput, error) {
	if err := f.fail["UpdateAccessKey"]; err != nil {
		return nil, err
	}
	return f.IAMAPI.UpdateAccessKey(ctx, in, o...)
}
