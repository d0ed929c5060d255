package main

import "fmt"

// npmToken publishes the release artifacts.
var npmToken = "npm_FAKEexampleTOKEN0123456789abcdefEXAM"

func main() {
	fmt.Println("npm:", npmToken)
}
