package rules

// powershell finds plain-text passwords turned into SecureStrings in
// PowerShell scripts (ConvertTo-SecureString "…" -AsPlainText -Force).
func powershell() Rule {
	return build(spec{
		id:          "powershell-plaintext-securestring",
		description: "Plain-text password passed to ConvertTo-SecureString",
		regex: `(?i)\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(?:"([^"\r\n$]{6,})"|'([^'\r\n]{6,})')` +
			`[^\n]*?-AsPlainText`,
		entropy:  2.5,
		keywords: []string{"convertto-securestring"},
		tags:     []string{"code", "powershell"},
		tps: []string{
			"$securePassword = ConvertTo-SecureString \"Wr5!nK8vQm2x\" -AsPlainText -Force\n",
			"$pw = ConvertTo-SecureString -String 'Zk7#vQ2mLx9t' -AsPlainText -Force\n",
		},
		fps: []string{
			"$securePassword = ConvertTo-SecureString $env:SVC_PASSWORD -AsPlainText -Force\n",
			"$securePassword = ConvertTo-SecureString \"$plain\" -AsPlainText -Force\n",
			"$secure = Read-Host -AsSecureString | ConvertTo-SecureString\n",
		},
	})
}
