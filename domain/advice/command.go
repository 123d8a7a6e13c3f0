package advice

import (
	"strings"

	"github.com/flexslot/flexslot-register/api"
)

// Command is the tool's name, in the commands the advice gives.
const Command = "flexslot-register"

// apiFlags are the flags that chose this run's API (" --sandbox",
// " --api-url URL"), which every command the advice gives repeats: a hint
// after a run against a sandbox must not send the user to production. ""
// is the production API.
var apiFlags string

// SetAPI records the flags that chose this run's API, for every command the
// advice gives from then on: --sandbox, or --api-url for any API but
// production. A command calls it once, when its flags are parsed, before
// any advice is given.
func SetAPI(sandbox bool, apiURL string) {
	apiURL = strings.TrimSuffix(apiURL, "/")
	switch {
	case sandbox:
		apiFlags = " --sandbox"
	case apiURL != "" && apiURL != api.DefaultBaseURL:
		apiFlags = " --api-url " + shellArg(apiURL)
	default:
		apiFlags = ""
	}
}

// CommandLine is the command line that runs the tool with args against this
// run's API (SetAPI), to be pasted into a shell.
func CommandLine(args ...string) string {
	line := Command
	for _, a := range args {
		line += " " + shellArg(a)
	}
	return line + apiFlags
}

// shellArg is a, quoted when a shell would not take it as it is.
func shellArg(a string) string {
	if plainPath.MatchString(a) {
		return a
	}
	return api.ShellQuote(a)
}
