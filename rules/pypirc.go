package rules

// pypirc finds the index passwords of a .pypirc, the file twine and
// setup.py upload read: a password line under an index section, written
// with "=" or ":" and with or without blanks (configparser takes
// password:value as well as password = value). Every such line is an
// account's password or an API token, whatever its strength.
func pypirc() Rule {
	return build(spec{
		id:          "pypirc-password",
		description: "Package index password in a .pypirc",
		regex:       `(?im)^[ \t]*password[ \t]*[:=][ \t]*([^\s#;][^\r\n]*?)[ \t]*\r?$`,
		path:        `(?:^|/)\.?pypirc$`,
		keywords:    []string{"password"},
		tags:        []string{"config", "credfile"},
		weakOK:      true,
		check:       assignCheck(true),
		tps: []string{
			"[pypi]\nusername:zorkuser\npassword:Zq49810712\n",
			"[testpypi]\nrepository = https://test.pypi.org/legacy/\nusername = zork\npassword = gnome-quux\n",
		},
		fps: []string{
			"[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n",
			"[pypi]\nusername: zork\npassword: <your password>\n",
			"[pypi]\nusername = zork\n# password = \n",
		},
	})
}
