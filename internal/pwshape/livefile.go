package pwshape

import "regexp"

// LiveFilePath matches the files a stack runs with as they are: a dotenv
// file that is not a template (.env, .env.local, defaults.env; not
// .env.example) and a compose file. A password there is what the service
// runs with, whatever it reads like.
const LiveFilePath = `(?i)(?:^|[\\/])(?:(?:\.env(?:\.(?:local|dev|development|prod|production|staging|docker))?|[\w.-]+\.env)|(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml|docker-[\w.-]+\.ya?ml|(?:docker-)?stack\.ya?ml)$`

var liveFile = regexp.MustCompile(LiveFilePath)

// LiveFile reports whether path is such a file.
func LiveFile(path string) bool { return liveFile.MatchString(path) }
