package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// savedMsg reports a save of the client id and secret.
type savedMsg struct {
	path string
	err  error
	// gitTracks is set when the file is inside a git work tree that would not
	// ignore it: one `git add .` from publishing the secret.
	gitTracks bool
}

// envFile is the .env content of a saved registration; a public client has
// no secret line.
func envFile(clientID, secret string) string {
	out := "FLEXSLOT_CLIENT_ID=" + clientID + "\n"
	if secret != "" {
		out += "FLEXSLOT_CLIENT_SECRET=" + secret + "\n"
	}
	return out
}

// saveSecret writes the client id and secret to path in .env format, readable
// by the owner only (0600), and never over an existing file.
func saveSecret(path, clientID, secret string) tea.Cmd {
	return func() tea.Msg {
		path = expandHome(path)
		f, err := CreateSecretFile(path, false)
		if errors.Is(err, fs.ErrExist) {
			return savedMsg{path: path, err: fmt.Errorf("%s already exists and is never overwritten; choose another path", path)}
		}
		if err != nil {
			return savedMsg{path: path, err: err}
		}
		if err := writeSecretFile(f, clientID, secret); err != nil {
			os.Remove(path)
			return savedMsg{path: path, err: err}
		}
		return savedMsg{path: path, gitTracks: gitWouldTrack(path)}
	}
}

// expandHome turns a leading ~/ into the home directory, as a shell would.
func expandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// gitWouldTrack reports whether path lies in a git work tree that does not
// ignore it. No git, or no repository, means no warning.
func gitWouldTrack(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	err = exec.Command("git", "-C", filepath.Dir(abs), "check-ignore", "-q", filepath.Base(abs)).Run()
	var exitErr *exec.ExitError
	// check-ignore exits 1 for "not ignored", 128 outside a repository.
	return errors.As(err, &exitErr) && exitErr.ExitCode() == 1
}
