// Package secretfile writes a registration's client id and secret to a .env
// file readable by its owner only. The wizard, the line prompts and the
// scripted run all save through it.
package secretfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"flexslot-register/validate"
)

// DefaultPath is where the wizard offers to save the secret.
const DefaultPath = "./flexslot-client.env"

// Content is the .env text of a registration; a public client has no secret
// line. It refuses a client id or secret that is not a credential
// (validate.Credential): written raw, it could set other variables or run
// code when the file is sourced.
func Content(clientID, secret string) (string, error) {
	if validate.Credential(clientID) != nil || (secret != "" && validate.Credential(secret) != nil) {
		return "", fmt.Errorf("the server sent a client id or secret that is %w; nothing was written", validate.ErrNotCredential)
	}
	out := "FLEXSLOT_CLIENT_ID=" + clientID + "\n"
	if secret != "" {
		out += "FLEXSLOT_CLIENT_SECRET=" + secret + "\n"
	}
	return out, nil
}

// Create makes the file for the secret, readable by the owner only (0600):
// never over an existing file unless force. The scripted run creates it before
// anything is sent, so that a client is never created whose secret has nowhere
// to go.
func Create(path string, force bool) (*os.File, error) {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(ExpandHome(path), flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, existsError{path}
	}
	if err != nil {
		return nil, err
	}
	if force {
		// O_TRUNC keeps an existing file's mode: make it private too.
		if err := f.Chmod(0o600); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// Write writes the .env lines into the file made for them, and closes it.
func Write(f *os.File, clientID, secret string) error {
	content, err := Content(clientID, secret)
	if err == nil {
		_, err = f.WriteString(content)
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}

// Saved is where a secret was saved.
type Saved struct {
	Path string
	// GitTracks is set when the file lies in a git work tree that would not
	// ignore it: one `git add .` from publishing the secret.
	GitTracks bool
}

// Save writes the client id and secret to a new file at path (a leading ~/ is
// the home directory), never over an existing one; a failed write leaves no
// file behind.
func Save(path, clientID, secret string) (Saved, error) {
	path = ExpandHome(path)
	f, err := Create(path, false)
	if errors.Is(err, fs.ErrExist) {
		return Saved{Path: path}, fmt.Errorf("%s already exists and is never overwritten; choose another path", path)
	}
	if err != nil {
		return Saved{Path: path}, err
	}
	if err := Write(f, clientID, secret); err != nil {
		os.Remove(path)
		return Saved{Path: path}, err
	}
	return Saved{Path: path, GitTracks: gitWouldTrack(path)}, nil
}

// ExpandHome turns a leading ~/ into the home directory, as a shell would.
func ExpandHome(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

// gitTimeout bounds the git check: a slow repository must not hold the secret
// screen.
const gitTimeout = 3 * time.Second

// gitWouldTrack reports whether path lies in a git work tree that does not
// ignore it. No git, or no repository, means no warning.
func gitWouldTrack(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	// The repository's fsmonitor and hooks are programs of its own: they do
	// not run for this check.
	err = exec.CommandContext(ctx, "git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
		"-C", filepath.Dir(abs), "check-ignore", "-q", filepath.Base(abs)).Run()
	var exitErr *exec.ExitError
	// check-ignore exits 1 for "not ignored", 128 outside a repository.
	return errors.As(err, &exitErr) && exitErr.ExitCode() == 1
}

// existsError says a secret file would be overwritten; it matches fs.ErrExist.
type existsError struct{ path string }

func (e existsError) Error() string { return e.path + " already exists" }
func (e existsError) Unwrap() error { return fs.ErrExist }
