package rules

// django finds Django's SECRET_KEY set to a literal in settings modules.
func django() Rule {
	return build(spec{
		id:          "django-secret-key",
		description: "Django SECRET_KEY set to a literal",
		regex:       `\bSECRET_KEY[ \t]*=[ \t]*(?:"([^"\r\n]{20,})"|'([^'\r\n]{20,})')`,
		entropy:     3.5,
		keywords:    []string{"secret_key"},
		tags:        []string{"code", "python"},
		tps: []string{
			"SECRET_KEY = 'django-insecure-q8v#l2m!xz7k@r9t$w3b%n5c^y1h&d4f*g6j'\n",
			"SECRET_KEY = \"k9#vL2mQx7!Rr9Tw3Bn5Cy1Hd4Fg6Ja0Ue2Io8pZ\"\n",
			// Django's alphabet holds $ and (: no shell substitution.
			"SECRET_KEY = 'q7v#l2m)%zx7k@r9t$(w3b%n5c^y1h&d4f*g6jz'\n",
		},
		fps: []string{
			"SECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
			"SECRET_KEY = 'django-insecure-change-me-in-production'\n",
			"SECRET_KEY = env('SECRET_KEY', default='')\n",
			"SECRET_KEY = '$(cat /run/secrets/django_secret_key)'\n",
		},
	})
}
