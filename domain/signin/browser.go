package signin

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Browser opens url in the user's browser: $BROWSER when set (the first of
// its colon-separated commands, %s standing for the URL), else the
// platform's opener (xdg-open, open, rundll32). The browser gets an
// environment without FLEXSLOT_ variables, and its output goes nowhere (it
// would draw over the wizard).
func Browser(url string) error {
	var args []string
	if b := os.Getenv("BROWSER"); b != "" {
		args = strings.Fields(strings.Split(b, ":")[0])
		if i := indexOf(args, "%s"); i >= 0 {
			args[i] = url
		} else {
			args = append(args, url)
		}
	} else {
		switch runtime.GOOS {
		case "darwin":
			args = []string{"open", url}
		case "windows":
			args = []string{"rundll32", "url.dll,FileProtocolHandler", url}
		default:
			args = []string{"xdg-open", url}
		}
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = withoutFlexslot(os.Environ())
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reaped when it ends; the browser may outlive the flow
	return nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// withoutFlexslot drops FLEXSLOT_ variables (a token, a client secret) from
// an environment.
func withoutFlexslot(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "FLEXSLOT_") {
			out = append(out, kv)
		}
	}
	return out
}
