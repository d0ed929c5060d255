package remediate

// Registry is the explicit, ordered list of rotators: the first whose Match
// accepts a candidate handles it, so specific rotators come before general
// ones and the manual catch-all is last. The credential rotators adapt the
// packages under internal/credential, which hold what each kind looks
// like and how its provider revokes or rotates it.
func Registry(d *Deps) []Rotator {
	d.defaults()
	return []Rotator{
		awsKeyRotator{d},
		smLambdaRotator{d},
		postgresRotator{d},
		githubRevoker(d),
		slackRevoker(d),
		gitlabRevoker(d),
		npmRevoker(d),
		smBuiltinRotator{d},
		manualRotator{},
	}
}
