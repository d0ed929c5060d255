package main

import "fmt"

// apiKey is read from Secrets Manager after the rewrite.
const apiKey = "sk_live_FAKEEXAMPLEEXEC0001"

var webhook = "whsec_FAKEEXAMPLEEXEC0002" // grouped in one JSON secret

func main() {
	dsn := "postgres://app:pw-FAKE-ÉXEC-03@localhost:5432/app"
	fmt.Println(apiKey)
	fmt.Println(webhook)
	fmt.Println(dsn)
	fmt.Println(apiKey) // cached: a second read does not call the service
}
