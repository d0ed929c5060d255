package rules

// dockerLogin finds registry passwords on docker/podman login command lines
// (-p, --password, or piped in with echo … | docker login --password-stdin).
func dockerLogin() Rule {
	return build(spec{
		id:          "docker-login-password",
		description: "Registry password on a docker login command line",
		regex: `(?i)(?:\b(?:docker|podman|buildah)[ \t]+login\b[^\n]*?[ \t](?:-p|--password)(?:[ \t]+|=)(?:` +
			`"([^"\r\n]{6,})"|'([^'\r\n]{6,})'|([^\s'"]{6,}))` +
			`|\becho[ \t]+(?:-n[ \t]+)?(?:"([^"\r\n$]{6,})"|'([^'\r\n]{6,})'|([^\s'"|$]{6,}))[ \t]*\|[ \t]*(?:sudo[ \t]+)?(?:docker|podman|buildah)[ \t]+login\b)`,
		entropy:  2.5,
		keywords: []string{"docker", "podman", "buildah"},
		tags:     []string{"ci", "cli", "docker"},
		tps: []string{
			"      - run: docker login -u ci-bot -p Rq8!vLm2Xz7k registry.internal.io\n",
			"    - docker login --username deploy --password=Tz9#kQ2mLv7x $CI_REGISTRY\n",
			"sh 'echo \"Mv7!qL2xRz9k\" | docker login -u deployer --password-stdin ghcr.io'\n",
		},
		fps: []string{
			"      - run: docker login -u ${{ secrets.USER }} -p ${{ secrets.DOCKER_PASSWORD }}\n",
			"    - docker login -u \"$CI_REGISTRY_USER\" -p \"$CI_REGISTRY_PASSWORD\" $CI_REGISTRY\n",
			"    - echo \"$CI_JOB_TOKEN\" | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY\n",
			"echo $(Password) | docker login -u ci --password-stdin\n",
		},
	})
}
