package rules

// awsSecret finds AWS secret access keys: named as such
// (aws_secret_access_key, SecretAccessKey, …) or written right after their
// access key id (credentials CSV, "AKIA… secret" pairs).
func awsSecret() Rule {
	return build(spec{
		id:          "aws-secret-access-key",
		description: "AWS secret access key",
		regex: `(?i)(?:(?:aws[_.-]?secret[_.-]?(?:access[_.-]?)?key|secret[_.-]?access[_.-]?key)["']?[ \t]*(?:[:=]|=>|:=)?[ \t]*["']?` +
			`|\b(?-i:AKIA|ASIA)[A-Z2-7]{16}["']?[ \t]*[,;:|][ \t]*["']?)([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`,
		entropy:  4,
		keywords: []string{"secret", "akia", "asia"},
		tags:     []string{"aws", "provider"},
		tps: []string{
			"aws_secret_access_key = Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq2\n",
			"User name,Password,Access key ID,Secret access key\nci,,AKIA2Q4L7MZ3XV6RTW5K,Qv8L2mXz7Rk9Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoPl8Sx\n",
			"      - run: aws configure set aws_secret_access_key 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\n",
			"  \"SecretAccessKey\": \"Rz9vL2mQx7Kk8Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoPq7X\",\n",
		},
		fps: []string{
			"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
			"aws_secret_access_key = ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n",
			"aws_secret_access_key = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
			"AKIA2Q4L7MZ3XV6RTW5K,\n",
		},
	})
}
