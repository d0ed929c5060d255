package parse

// Registry is the explicit list of credential-file parsers.
func Registry() []Parser {
	return []Parser{
		// FTP/SFTP clients and editors' deployment settings.
		fileZilla{},
		deployConfig{},
		jetBrains{},
		// Database tools, ORMs and dumps.
		dbeaver{},
		dbeaverCredentials{},
		robomongo{},
		ormYAML{},
		// Kubernetes Secret manifests.
		k8sSecret{},
		sqlCredential{},
		pgpass{},
		// Mail clients, the git credential store, .netrc, framework keys.
		esmtprc{},
		gitCredentials{},
		netrc{},
		railsKey{},
		// Files that hold one password: Docker secrets, *_password files.
		secretFile{},
	}
}

// Matching returns the parsers of ps that read a file at path.
func Matching(ps []Parser, path string) []Parser {
	var out []Parser
	for _, p := range ps {
		if p.Match(path) {
			out = append(out, p)
		}
	}
	return out
}
