package awsclient

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/smithy-go/logging"
)

func TestLoadRegion(t *testing.T) {
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	if _, err := Load(context.Background(), ""); err == nil || !strings.Contains(err.Error(), "no region") {
		t.Errorf("no region: err = %v", err)
	}
	cfg, err := Load(context.Background(), "eu-west-1")
	if err != nil || cfg.Region != "eu-west-1" {
		t.Errorf("override: %v %v", cfg.Region, err)
	}
	// The SDK's warnings never reach the commands' stderr.
	if _, ok := cfg.Logger.(logging.Nop); !ok {
		t.Errorf("logger %T, want logging.Nop", cfg.Logger)
	}
	t.Setenv("AWS_REGION", "us-west-2")
	if cfg, err := Load(context.Background(), ""); err != nil || cfg.Region != "us-west-2" {
		t.Errorf("env: %v %v", cfg.Region, err)
	}
}
