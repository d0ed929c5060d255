package rules

import "github.com/zricethezav/gitleaks/v8/config"

// gradleSigning finds passwords in Gradle build scripts written in the
// Groovy DSL's call form, without an assignment: an Android
// signingConfigs block's storePassword and keyPassword (the keystore is
// often committed beside them), and a repository's credentials { password
// '…' }. Every such literal unlocks a keystore or a repository, whatever
// its strength; Android's published debug-keystore password ("android")
// and placeholders are not reported. The Kotlin DSL's assignments are
// generic-secret-code's.
func gradleSigning() Rule {
	return build(spec{
		id:          "gradle-signing-password",
		description: "Keystore or repository password in a Gradle build script (signingConfigs, credentials)",
		regex:       `(?m)^[ \t]*(?:storePassword|keyPassword|password|keystorePassword|keyStorePassword)[ \t]*\(?[ \t]*(?:"([^"\r\n$]{4,})"|'([^'\r\n]{4,})')[ \t]*\)?[ \t]*;?[ \t]*(?://.*)?\r?$`,
		keywords:    []string{"password"},
		tags:        []string{"config", "password", "confidence:medium"},
		path:        `(?i)\.gradle(?:\.kts)?$`,
		weakOK:      true,
		allow: []*config.Allowlist{passwordPlaceholders(),
			{Description: "Android's debug keystore password", Regexes: compileAll([]string{`^android$`})}},
		tps: []string{
			"    signingConfigs {\n        release {\n            storePassword \"zork4711\"\n            keyPassword 'zork4711'\n        }\n    }\n",
			"            storePassword '123123'\n",
			"    credentials {\n        username 'deployer'\n        password 'Zq8vL2mXr7kT'\n    }\n",
		},
		fps: []string{
			"            storePassword \"android\"\n",
			"            storePassword System.getenv(\"STORE_PASSWORD\")\n",
			"            keyPassword keystoreProperties['keyPassword']\n",
			"            storePassword \"${storePass}\"\n",
			"            password \"changeme\"\n",
		},
	})
}
