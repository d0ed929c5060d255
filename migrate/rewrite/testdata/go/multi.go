// Package payments talks to the payment provider.
package payments

import (
	"fmt"
	"net/http"
)

// APIKey is the provider key. Ünïcödé comment: “quoted” — ok.
const APIKey = "sk_test_FAKEEXAMPLEKEY000000000001"

const (
	// Region of the account.
	Region = "eu-west-1"
	// WebhookSecret signs webhooks.
	WebhookSecret = "whsec_FAKEEXAMPLE0002" // trailing comment
	Timeout       = 30
)

const Size = len(PinnedToken)

const PinnedToken = "tok_FAKEEXAMPLE0003"

type Token string

var tokenTyped Token = "ghp_FAKEEXAMPLEFAKEEXAMPLEFAKEEXAMPLE04"

type config struct {
	Name string `json:"name" secret:"sk_tag_FAKEEXAMPLE05"`
}

func dsn() string {
	  return   "postgres://app:pässwörd-FAKE-06@db.example.com:5432/app?sslmode=require"
}

func client() *http.Request {
	req, _ := http.NewRequest("GET", "https://api.example.com", nil)
	req.Header.Set("Authorization", `Bearer sk_raw_FAKEEXAMPLE07`)
	fmt.Println("using", Region, Timeout, Size, tokenTyped)
	return req
}

func missing() string { return "nothing here" }

// Two secrets in one literal, and a typed value holding part of one.
func twoInOne() string { return "postgres://user_FAKE_EXAMPLE_10:pw_FAKE_EXAMPLE_11@db/app?x=pw_FAKE_EXAMPLE_11" }

var typedDSN Token = "https://u:typed_FAKE12@example.com"
