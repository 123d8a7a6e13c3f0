package sandbox

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// StateEnv is the environment variable that says where the sandbox keeps its
// state: a file path, or StateOff for a sandbox that forgets at exit. Tests
// set it to a temporary directory, never the user's own state.
const StateEnv = "FLEXSLOT_SANDBOX_STATE"

// StateOff, as StateEnv, keeps the sandbox in memory only.
const StateOff = "off"

// stateFileName is the state file's name in the user's state directory.
const stateFileName = "sandbox.json"

// StatePath is where `--sandbox` runs and `flexslot-register sandbox` keep
// the sandbox's state: StateEnv when set ("" for StateOff), else
// $XDG_STATE_HOME/flexslot-register/sandbox.json, else
// ~/.local/state/flexslot-register/sandbox.json on Unix and
// %LocalAppData%\flexslot-register\sandbox.json on Windows. The directory is
// made when the state is first written.
func StatePath() (string, error) {
	if path, ok := os.LookupEnv(StateEnv); ok && path != "" {
		if path == StateOff {
			return "", nil
		}
		return filepath.Abs(path)
	}
	dir, err := stateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "flexslot-register", stateFileName), nil
}

// stateDir is the user's state directory, as the XDG base directory
// specification names it (a relative XDG_STATE_HOME is ignored, as it asks).
func stateDir() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	switch runtime.GOOS {
	case "windows":
		if dir := os.Getenv("LocalAppData"); dir != "" {
			return dir, nil
		}
		return os.UserConfigDir()
	case "plan9", "js", "wasip1":
		return os.UserConfigDir()
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	if home == "" {
		return "", errors.New("no home directory to keep the sandbox's state in")
	}
	return filepath.Join(home, ".local", "state"), nil
}
