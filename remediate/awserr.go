package remediate

import (
	"errors"

	"github.com/aws/smithy-go"
)

// awsCode returns the AWS error code of err ("NoSuchEntity", ...) or "".
func awsCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func isNotFound(err error) bool {
	switch awsCode(err) {
	case "NoSuchEntity", "ResourceNotFoundException":
		return true
	}
	return false
}

// maskKeyID shortens an access key ID to its first and last four characters.
func maskKeyID(id string) string {
	if len(id) < 12 {
		return "****"
	}
	return id[:4] + "…" + id[len(id)-4:]
}
