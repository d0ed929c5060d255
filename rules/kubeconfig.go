package rules

// kubeconfig finds client private keys embedded in kubeconfig files
// (client-key-data, base64 PEM). Bearer tokens in kubeconfig users are
// found by generic-secret-yaml.
func kubeconfig() Rule {
	return build(spec{
		id:          "kubeconfig-client-key",
		description: "Client private key embedded in a kubeconfig",
		regex:       `(?i)client-key-data:[ \t]*["']?([A-Za-z0-9+/]{40,}={0,2})`,
		entropy:     3.5,
		keywords:    []string{"client-key-data"},
		tags:        []string{"config", "kubernetes", "credfile"},
		tps: []string{
			"  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t\n    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBNHE4dkwybVF6N1I5VHczQm41Q3kxSGQ0Rmc2SmEwVWUySW8=\n",
			"client-key-data: \"LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSU9xOHZMMm1RejdSOVR3M0JuNUN5MUhkNEZnNkphMA==\"\n",
		},
		fps: []string{
			"    client-key: /home/ci/.minikube/profiles/minikube/client.key\n",
			"    client-key-data: ${CLIENT_KEY_DATA}\n",
			"    client-key-data: REDACTED\n",
		},
	})
}
