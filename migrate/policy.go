package migrate

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// PolicyDocument is an IAM policy document.
type PolicyDocument struct {
	Version   string            `json:"Version"`
	Statement []PolicyStatement `json:"Statement"`
}

// PolicyStatement is one statement of a policy document.
type PolicyStatement struct {
	Sid      string   `json:"Sid"`
	Effect   string   `json:"Effect"`
	Action   []string `json:"Action"`
	Resource []string `json:"Resource"`
}

// SecretRef names a secret for the policy: its ARN when known (after
// --apply), else its name.
type SecretRef struct {
	Name string
	ARN  string
}

// ReadPolicy returns the least-privilege policy the rewritten code needs:
// secretsmanager:GetSecretValue on exactly these secrets. Known ARNs are
// used as they are; a name becomes
// arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-?????? (the six
// characters are the random suffix Secrets Manager appends), once per
// region (primary first, then replicas). account "" means "*". A
// customer-managed KMS key given as an ARN adds kms:Decrypt on that key.
func ReadPolicy(refs []SecretRef, regions []string, account, kmsKeyARN string) PolicyDocument {
	if account == "" {
		account = "*"
	}
	seen := map[string]bool{}
	var res []string
	add := func(r string) {
		if !seen[r] {
			seen[r] = true
			res = append(res, r)
		}
	}
	for _, r := range refs {
		if r.ARN != "" {
			for _, reg := range regions {
				add(arnInRegion(r.ARN, reg))
			}
			continue
		}
		for _, reg := range regions {
			if reg == "" {
				reg = "*"
			}
			add(fmt.Sprintf("arn:aws:secretsmanager:%s:%s:secret:%s-??????", reg, account, r.Name))
		}
	}
	sort.Strings(res)
	doc := PolicyDocument{
		Version: "2012-10-17",
		Statement: []PolicyStatement{{
			Sid:      "ReadMigratedSecrets",
			Effect:   "Allow",
			Action:   []string{"secretsmanager:GetSecretValue"},
			Resource: res,
		}},
	}
	if strings.HasPrefix(kmsKeyARN, "arn:") {
		doc.Statement = append(doc.Statement, PolicyStatement{
			Sid:      "DecryptMigratedSecrets",
			Effect:   "Allow",
			Action:   []string{"kms:Decrypt"},
			Resource: []string{kmsKeyARN},
		})
	}
	return doc
}

// arnInRegion returns arn with its region field replaced by region (""
// keeps it).
func arnInRegion(arn, region string) string {
	parts := strings.SplitN(arn, ":", 6)
	if region == "" || len(parts) != 6 {
		return arn
	}
	parts[3] = region
	return strings.Join(parts, ":")
}

// JSON renders the policy indented.
func (p PolicyDocument) JSON() string {
	b, _ := json.MarshalIndent(p, "", "  ")
	return string(b)
}
