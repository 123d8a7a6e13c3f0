package credstore

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	prodToken    = "flx_pat_ProductionTokenForTests0001"
	sandboxToken = "flx_pat_sandbox_TokenForTests0002"
	sandboxURL   = "http://127.0.0.1:8089"
)

// insideVar marks a test process run again inside a D-Bus session of its own
// with a Secret Service (inSecretService).
const insideVar = "FLEXSLOT_TEST_INSIDE_SECRET_SERVICE"

// secretServiceScript starts gnome-keyring-daemon with an unlocked login
// keyring (password "test") in the session dbus-run-session made, waits until
// it owns the Secret Service's name (a call before that would have D-Bus
// start another daemon, with no login keyring, whose unlock prompt nobody
// answers), runs its arguments and stops the daemon.
const secretServiceScript = `printf test | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
daemon=$!
for i in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
  sleep 0.05
done
"$@"; status=$?
kill $daemon
exit $status`

// inSecretService runs the calling test again in a private D-Bus session
// (dbus-run-session) where gnome-keyring-daemon serves an unlocked login
// keyring under a home of the test's own, checks that it passed there, and
// returns false; in that process it returns true. Without the tools it
// skips, or fails under CI=true (.ci/run installs them).
func inSecretService(t *testing.T) bool {
	t.Helper()
	if os.Getenv(insideVar) == "1" {
		return true
	}
	for _, tool := range []string{"dbus-run-session", "dbus-send", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := "no " + tool + " to run a Secret Service: apt-get install -y dbus gnome-keyring"
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	home := t.TempDir()
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", secretServiceScript, "sh",
		os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), insideVar+"=1", "HOME="+home,
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second // a daemon left holding the output does not hold the test
	err := cmd.Run()
	if err != nil || !strings.Contains(out.String(), "--- PASS: "+t.Name()) {
		t.Fatalf("inside a Secret Service: %v\n%s", err, out.String())
	}
	t.Logf("passed inside a D-Bus session with gnome-keyring-daemon:\n%s", out.String())
	return false
}

// TestSecretService: with a Secret Service on the session bus, a token is
// kept there, one per API, never in the file, and logout takes it out.
func TestSecretService(t *testing.T) {
	if !inSecretService(t) {
		return
	}
	dir := t.TempDir()
	s, err := New(WithDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.keyring.(goKeyring); !ok {
		t.Fatalf("keyring %T, want go-keyring's Secret Service", s.keyring)
	}
	// An older copy in the file goes when the keychain takes the token.
	if err := s.fileSave(prodKey(t), "flx_pat_OlderCopyInTheFile0003"); err != nil {
		t.Fatal(err)
	}
	place, err := s.Save(prodKey(t), prodToken)
	if err != nil || place.Kind != Keychain {
		t.Fatalf("Save = %+v (keychain: %v), %v; want the keychain", place, place.KeychainErr, err)
	}
	if _, err := os.Stat(filepath.Join(dir, fileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file is still there after the keychain took the token: %v", err)
	}
	if place, err := s.Save(sandboxURL, sandboxToken); err != nil || place.Kind != Keychain {
		t.Fatalf("Save(sandbox) = %+v, %v", place, err)
	}
	wantLoad(t, s, prodKey(t), prodToken, Keychain)
	wantLoad(t, s, sandboxURL, sandboxToken, Keychain)
	if _, _, err := s.Load("https://other.example"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load of another API: %v, want ErrNotFound", err)
	}
	removed, err := s.Delete(prodKey(t))
	if err != nil || len(removed) != 1 || removed[0].Kind != Keychain {
		t.Fatalf("Delete = %+v, %v", removed, err)
	}
	if _, _, err := s.Load(prodKey(t)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete: %v, want ErrNotFound", err)
	}
	wantLoad(t, s, sandboxURL, sandboxToken, Keychain)
}

// TestFileWithoutASession: with no D-Bus session the keychain is not asked
// (nor started: no dbus-launch runs), and the token goes to the file, 0600 in
// a 0700 directory, one entry per API.
func TestFileWithoutASession(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the keychain is always there")
	}
	if _, err := os.Stat(filepath.Join("/run/user", strconv.Itoa(os.Getuid()), "bus")); err == nil {
		t.Skip("this machine has a session bus at /run/user/UID/bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	launched := filepath.Join(t.TempDir(), "launched")
	bin := t.TempDir()
	os.WriteFile(filepath.Join(bin, "dbus-launch"), []byte("#!/bin/sh\ntouch "+launched+"\nexit 1\n"), 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	dir := filepath.Join(t.TempDir(), "config")
	t.Setenv(ConfigDirVar, dir)
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if s.keyring != nil {
		t.Fatalf("keyring %T without a session bus", s.keyring)
	}
	place, err := s.Save(prodKey(t), prodToken)
	path := filepath.Join(dir, fileName)
	if err != nil || place.Kind != File || place.Path != path || place.KeychainErr == nil {
		t.Fatalf("Save = %+v, %v; want the file %s and why not the keychain", place, err, path)
	}
	if !strings.Contains(place.String(), path) {
		t.Errorf("the place says %q, not the path", place)
	}
	if _, err := s.Save(sandboxURL, sandboxToken); err != nil {
		t.Fatal(err)
	}
	wantMode(t, path, 0o600)
	wantMode(t, dir, 0o700)
	wantLoad(t, s, prodKey(t), prodToken, File)
	wantLoad(t, s, sandboxURL, sandboxToken, File)
	if removed, err := s.Delete(sandboxURL); err != nil || len(removed) != 1 || removed[0].Kind != File {
		t.Fatalf("Delete = %+v, %v", removed, err)
	}
	wantLoad(t, s, prodKey(t), prodToken, File)
	if _, err := s.Delete(prodKey(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the file outlived its last token: %v", err)
	}
	if removed, err := s.Delete(prodKey(t)); err != nil || len(removed) != 0 {
		t.Errorf("Delete of nothing = %+v, %v", removed, err)
	}
	if _, err := os.Stat(launched); err == nil {
		t.Error("dbus-launch ran: a session bus was started for the keychain")
	}
}

// TestFileWhenTheBusIsGone: a session bus address that leads nowhere is no
// keychain: the token goes to the file, and login can say why.
func TestFileWhenTheBusIsGone(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("no D-Bus")
	}
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+filepath.Join(t.TempDir(), "no-bus"))
	s, err := New(WithDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	place, err := s.Save(prodKey(t), prodToken)
	if err != nil || place.Kind != File || place.KeychainErr == nil {
		t.Fatalf("Save = %+v, %v", place, err)
	}
	if strings.Contains(place.KeychainErr.Error(), prodToken) {
		t.Error("the keychain's error holds the token")
	}
	wantLoad(t, s, prodKey(t), prodToken, File)
	removed, err := s.Delete(prodKey(t))
	if len(removed) != 1 || removed[0].Kind != File || err == nil {
		t.Errorf("Delete = %+v, %v; want the file's copy removed and the keychain's failure said", removed, err)
	}
}

// TestFileRefused: a file others may read, or one that is not a file of
// tokens, gives no token; a value that is not a token is never saved.
func TestFileRefused(t *testing.T) {
	s, err := New(WithKeyring(nil), WithDir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Save(prodKey(t), "not a token"); err == nil {
		t.Error("Save kept something that is not a token")
	}
	if _, err := s.Save(prodKey(t), prodToken); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		os.Chmod(s.path(), 0o644)
		if _, _, err := s.Load(prodKey(t)); err == nil || !strings.Contains(err.Error(), "can be read by other users") {
			t.Errorf("Load of a file others may read: %v", err)
		}
		os.Chmod(s.path(), 0o600)
	}
	os.WriteFile(s.path(), []byte(`{"`+prodKey(t)+`": "garbage"}`), 0o600)
	if _, _, err := s.Load(prodKey(t)); err == nil || errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), "garbage") {
		t.Errorf("Load of a value that is not a token: %v", err)
	}
	os.WriteFile(s.path(), []byte(`not json `+prodToken), 0o600)
	if _, _, err := s.Load(prodKey(t)); err == nil || strings.Contains(err.Error(), prodToken) {
		t.Errorf("Load of a broken file: %v", err)
	}
}

// TestKey: spellings of one API share a key; another API, the sandbox's
// included, has its own.
func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "https://api.flexslot.gg"},
		{"https://api.flexslot.gg/", "https://api.flexslot.gg"},
		{"http://127.0.0.1:8089", sandboxURL},
		{"https://staging.flexslot.gg", "https://staging.flexslot.gg"},
	}
	for _, tt := range tests {
		if got, err := Key(tt.in); err != nil || got != tt.want {
			t.Errorf("Key(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := Key("http://api.example.com"); err == nil {
		t.Error("Key accepted plain http off loopback")
	}
}

func prodKey(t *testing.T) string {
	t.Helper()
	key, err := Key("")
	if err != nil {
		t.Fatal(err)
	}
	return key
}

func wantLoad(t *testing.T, s *Store, key, token string, kind Kind) {
	t.Helper()
	got, place, err := s.Load(key)
	if err != nil || got != token || place.Kind != kind {
		t.Errorf("Load(%s) = %v, %v; want the token from the %s", key, place, err, kind)
	}
}

func wantMode(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != mode {
		t.Errorf("%s: %v %v, want mode %04o", path, info.Mode().Perm(), err, mode)
	}
}

// TestFileSavesAtOnce: saves for many APIs at once, from stores of their
// own as runs are, all land in the file: each read-change-write holds its
// lock (internal/filelock).
func TestFileSavesAtOnce(t *testing.T) {
	dir := t.TempDir()
	const n = 12
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			s, err := New(WithKeyring(nil), WithDir(dir))
			if err != nil {
				t.Error(err)
				return
			}
			key, err := Key(fmt.Sprintf("https://api%d.example", i))
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := s.Save(key, prodToken); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s, err := New(WithKeyring(nil), WithDir(dir))
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := s.readFile()
	if err != nil || len(tokens) != n {
		t.Errorf("%d tokens kept of %d (%v)", len(tokens), n, err)
	}
}
