package rules

// privateKeyString finds PEM private keys written as one string with
// escaped newlines ("-----BEGIN RSA PRIVATE KEY-----\nMIIE…) in JSON, code
// and YAML, with or without the END line (gitleaks' private-key needs it;
// cut or concatenated strings lack it). The secret is the first line of
// the key body. A generic rule, it gives way to private-key when that
// reports the whole block.
func privateKeyString() Rule {
	return build(spec{
		id:          "generic-private-key-string",
		description: "PEM private key in a string with escaped newlines",
		regex:       `-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:\\r)?\\n([A-Za-z0-9+/]{40,}={0,2})`,
		entropy:     4,
		keywords:    []string{"private key-----", "private key block-----"},
		tags:        []string{"provider", "key"},
		tps: []string{
			"KEY = \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxJq8vL2\\nmXz7\"\n",
			"{\"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCq8vL2mXz7Tk9R\\n\"}\n",
			"  key: \"-----BEGIN EC PRIVATE KEY-----\\r\\nMHcCAQEEIJq8vL2mXz7Tk9Rw3Bn5Cy1Hd4Fg6Ja0Ue2Io8Pl7SxoAoGCCqGSM49\"\n",
		},
		fps: []string{
			"KEY = \"-----BEGIN RSA PRIVATE KEY-----\\nMIIE...\\n-----END RSA PRIVATE KEY-----\"\n",
			"pem = \"-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq8vL2mXz7Tk9Rw3Bn5Cy\\n\"\n",
			"if strings.HasPrefix(s, \"-----BEGIN RSA PRIVATE KEY-----\\n\") {\n",
		},
	})
}
