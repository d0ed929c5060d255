package rules

// sshpass finds passwords given to sshpass -p in scripts and CI steps.
func sshpass() Rule {
	return build(spec{
		id:          "sshpass-password",
		description: "SSH password on an sshpass command line",
		regex:       `(?i)\bsshpass[ \t]+-p[ \t]*(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|([^\s'"]{4,}))`,
		entropy:     2.5,
		keywords:    []string{"sshpass"},
		tags:        []string{"ci", "cli", "ssh"},
		tps: []string{
			"      - run: sshpass -p 'Hq8!vL2mXz7k' scp dist.tgz deploy@10.0.4.12:/srv/app\n",
			"sh \"sshpass -pZr9!kQ2mLv7x ssh ops@bastion uptime\"\n",
		},
		fps: []string{
			"      - run: sshpass -p \"$SSH_PASSWORD\" scp dist.tgz deploy@host:/srv\n",
			"sshpass -e ssh ops@bastion uptime\n",
			"sshpass -p ${{ secrets.SSH_PASS }} ssh host\n",
		},
	})
}
