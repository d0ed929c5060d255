package rules

// putty finds the private part of PuTTY .ppk private keys (v2 and v3). The
// finding starts at the file's PuTTY-User-Key-File header when the key
// has one (as a PEM key's starts at its BEGIN line) and spans to the
// private lines, whose first line is the secret.
func putty() Rule {
	return build(spec{
		id:          "putty-private-key",
		description: "PuTTY private key",
		regex:       `(?i)(?:PuTTY-User-Key-File-\d:[^\r\n]*\r?\n(?:[^\r\n]*\r?\n){0,40}?)?Private-Lines:[ \t]*\d+[ \t]*\r?\n([A-Za-z0-9+/]{20,}={0,2})`,
		keywords:    []string{"private-lines"},
		tags:        []string{"key", "ssh", "provider"},
		tps: []string{
			"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 1\nAAAAB3NzaC1yc2EAAAADAQABAAAAgQC8\nPrivate-Lines: 2\nAAAAgQCq8vL2mQz7R9Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoXk8vL2mQz7R9Tw3\nBn5Cy1Hd4Fg6Ja0Ue2Io\nPrivate-MAC: 4d2f9a\n",
			"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAI\nPrivate-Lines: 1\nAAAAIHq8vL2mQz7R9Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoXk8vL2mQz\n",
		},
		fps: []string{
			"Public-Lines: 6\nAAAAB3NzaC1yc2EAAAADAQABAAABAQC8\n",
			"PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 14\n<private key data>\n",
			"See Private-Lines: in the PuTTY key format documentation.\n",
		},
	})
}
