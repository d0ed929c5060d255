package remediate

// Registry is the explicit, ordered list of rotators: the first whose Match
// accepts a candidate handles it, so specific rotators come before general
// ones and the manual catch-all is last.
func Registry(d *Deps) []Rotator {
	return []Rotator{
		awsKeyRotator{d},
		smLambdaRotator{d},
		postgresRotator{d},
		githubRevoker{d},
		slackRevoker{d},
		gitlabRevoker{d},
		npmRevoker{d},
		smBuiltinRotator{d},
		manualRotator{},
	}
}
