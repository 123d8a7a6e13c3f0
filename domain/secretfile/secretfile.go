// Package secretfile writes a registration's client id and secret to a .env
// file readable by its owner only: mode 0600 on Unix, a DACL that grants only
// the user on Windows. The wizard, the line prompts and the scripted run all
// save through it.
//
// A file is written whole or not at all: the secret goes into a new file
// beside the target (readable by its owner only from its creation, synced),
// which is renamed over the target only once it holds the secret. An old file
// at the target is untouched until then, and a symbolic link there, or a
// directory others may write to, is refused.
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

	"github.com/flexslot/flexslot-register/validate"
)

// DefaultPath is where the wizard offers to save the secret.
const DefaultPath = "./flexslot-client.env"

// The variables a secret file sets.
const (
	IDVar     = "FLEXSLOT_CLIENT_ID"
	SecretVar = "FLEXSLOT_CLIENT_SECRET"
)

// Content is the .env text of a registration; a public client has no secret
// line. It refuses a client id or secret that is not a credential
// (validate.Credential): written raw, it could set other variables or run
// code when the file is sourced.
func Content(clientID, secret string) (string, error) {
	if validate.Credential(clientID) != nil || (secret != "" && validate.Credential(secret) != nil) {
		return "", fmt.Errorf("the server sent a client id or secret that is %w; nothing was written", validate.ErrNotCredential)
	}
	out := IDVar + "=" + clientID + "\n"
	if secret != "" {
		out += SecretVar + "=" + secret + "\n"
	}
	return out, nil
}

// Secret reads the client secret from a file Content wrote.
func Secret(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), SecretVar+"="); ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("%s has no %s line", path, SecretVar)
}

// Pending is a secret file made before the request, so that a client is
// never created whose secret has nowhere to go: a new file beside the target
// that becomes the target on Commit.
type Pending struct {
	path string
	tmp  *os.File
	// reserved is set when the target did not exist and was made empty, to
	// keep the name: Abort removes it.
	reserved bool
}

// Prepare checks that path can receive the secret and makes the file that
// will hold it. Without force an existing file is refused; with force it is
// replaced on Commit, and untouched until then.
func Prepare(path string, force bool) (*Pending, error) {
	path = ExpandHome(path)
	dir := filepath.Dir(path)
	exists, err := check(path, force)
	if err != nil {
		return nil, err
	}
	p := &Pending{path: path}
	if !exists {
		// Keep the name now: a file that appears meanwhile is not replaced.
		f, err := createNew(path)
		if errors.Is(err, fs.ErrExist) {
			return nil, existsError{path}
		}
		if err != nil {
			return nil, err
		}
		f.Close()
		p.reserved = true
	}
	p.tmp, err = createTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		p.Abort()
		return nil, err
	}
	return p, nil
}

// Check refuses what Prepare would refuse, and creates nothing: a symbolic
// link or something other than a regular file at path, a file there without
// force, a directory others may write to. A dry run asks it.
func Check(path string, force bool) error {
	_, err := check(ExpandHome(path), force)
	return err
}

// check is Check on an expanded path; exists says whether a file is there.
func check(path string, force bool) (exists bool, err error) {
	info, err := os.Lstat(path)
	exists = err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return false, err
	case exists && info.Mode()&fs.ModeSymlink != 0:
		return true, fmt.Errorf("%s is a symbolic link: the secret is never written through one", path)
	case exists && !info.Mode().IsRegular():
		return true, fmt.Errorf("%s is not a regular file", path)
	case exists && !force:
		return true, existsError{path}
	}
	if !exists {
		info = nil
	}
	return exists, checkDir(filepath.Dir(path), info)
}

// checkDir refuses a directory others may write to (they could swap the file
// under us), unless it is a sticky one such as /tmp and the target, if any,
// is ours.
func checkDir(dir string, target fs.FileInfo) error {
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !othersMayWrite(info) {
		return nil
	}
	if info.Mode()&fs.ModeSticky != 0 && (target == nil || ownedByUs(target)) {
		return nil
	}
	return fmt.Errorf("%s can be written by other users: choose a directory of your own", dir)
}

// Path is the target.
func (p *Pending) Path() string { return p.path }

// Commit writes the client id and secret, syncs them, and renames the new
// file over the target. On any failure the target is as it was before
// Prepare (an old file untouched; none where there was none) and the error
// says what failed.
func (p *Pending) Commit(clientID, secret string) error {
	content, err := Content(clientID, secret)
	if err != nil {
		p.Abort()
		return fmt.Errorf("could not write %s: %w", p.path, err)
	}
	return p.commit(content)
}

// commit is Commit of any content.
func (p *Pending) commit(content string) error {
	_, err := p.tmp.WriteString(content)
	if err == nil {
		err = p.tmp.Sync()
	}
	if closeErr := p.tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(p.tmp.Name(), p.path)
	}
	if err != nil {
		p.Abort()
		return fmt.Errorf("could not write %s: %w", p.path, err)
	}
	p.reserved = false
	if d, err := os.Open(filepath.Dir(p.path)); err == nil {
		d.Sync() // the rename itself survives a crash
		d.Close()
	}
	return nil
}

// Abort removes what Prepare made; an old file at the target is untouched.
func (p *Pending) Abort() {
	if p.tmp != nil {
		p.tmp.Close()
		os.Remove(p.tmp.Name())
	}
	if p.reserved {
		os.Remove(p.path)
		p.reserved = false
	}
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
	p, err := Prepare(path, false)
	if errors.Is(err, fs.ErrExist) {
		return Saved{Path: ExpandHome(path)}, fmt.Errorf("%s already exists and is never overwritten; choose another path", ExpandHome(path))
	}
	if err != nil {
		return Saved{Path: ExpandHome(path)}, err
	}
	if err := p.Commit(clientID, secret); err != nil {
		return Saved{Path: p.Path()}, err
	}
	return Saved{Path: p.Path(), GitTracks: gitWouldTrack(p.Path())}, nil
}

// SaveNew writes content (a draft, not a secret) to path with the care Save
// takes: readable by its owner only, never through a symbolic link, all or
// nothing. An existing file is refused unless replace; the error then matches
// fs.ErrExist, so the caller can ask first.
func SaveNew(path, content string, replace bool) (string, error) {
	p, err := Prepare(path, replace)
	if err != nil {
		return ExpandHome(path), err
	}
	return p.Path(), p.commit(content)
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
