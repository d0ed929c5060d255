// Package awsclient loads AWS configuration through the SDK's default chain
// (profiles, AWS_REGION, AWS_ENDPOINT_URL, ...) with an optional region
// override, and adaptive retries so throttled calls back off.
package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"
)

// Load returns the SDK configuration; region, when set, overrides the chain.
// The SDK's own log is discarded: its warnings (a response body it could
// not drain, IMDS fallbacks, retries) would print on stderr between the
// commands' one-line errors; every failure reaches the caller as an error.
func Load(ctx context.Context, region string) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = 6 })
		}),
		config.WithLogger(logging.Nop{}),
	}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("aws config: %w", err)
	}
	if cfg.Region == "" {
		return aws.Config{}, fmt.Errorf("aws config: no region: set AWS_REGION or pass --region")
	}
	return cfg, nil
}
