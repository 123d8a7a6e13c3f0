//go:build unix

package e2e

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// custodyRun runs the binary without a terminal, through bash so that a
// test can set a limit first (prelude, e.g. "ulimit -f 0"), with stdout
// given (nil: a buffer). It returns the exit code, stdout (when buffered)
// and stderr.
func custodyRun(t *testing.T, prelude string, stdout *os.File, env []string, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", append([]string{"-c", prelude + `; exec "$0" "$@"`, binary}, args...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir}, env...)
	var out, errOut bytes.Buffer
	cmd.Stderr = &errOut
	if stdout != nil {
		cmd.Stdout = stdout
	} else {
		cmd.Stdout = &out
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v hung; stderr:\n%s", args, errOut.String())
	}
	code := 0
	if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) {
		code = exitErr.ExitCode() // -1 when a signal killed it
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// TestClosedStdoutAfterCreate: a consumer that went away before the JSON was
// written (`--json | head -c1`) must not kill the run by SIGPIPE: it ends 1,
// with a line naming the client and how to get a new secret, and the secret
// is not printed on stderr, which is no terminal here.
func TestClosedStdoutAfterCreate(t *testing.T) {
	sb := startSandbox(t)
	read, write, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	read.Close() // nobody will read: every write fails with EPIPE
	defer write.Close()
	code, _, stderr := custodyRun(t, "true", write, sandboxEnv(sb), "--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--json")
	clients := sb.Clients()
	if len(clients) != 1 {
		t.Fatalf("%d clients created", len(clients))
	}
	id := clients[0].ClientID
	if code != 1 || !strings.Contains(stderr, "the client "+id+" was created, but could not write the JSON to stdout") ||
		!strings.Contains(stderr, "rotate it to get a new one") {
		t.Errorf("exit %d (-1: killed by a signal), stderr:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "client secret, shown only now") {
		t.Errorf("the secret went to stderr, which is not a terminal:\n%s", stderr)
	}
}

// TestSecretFileWriteFails: with a file-size limit of 0 the secret file
// cannot be written; the run ends 1 naming the client and the rotation, and
// leaves no file (no empty one, no temporary one).
func TestSecretFileWriteFails(t *testing.T) {
	sb := startSandbox(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "client.env")
	code, stdout, stderr := custodyRun(t, "ulimit -f 0", nil, sandboxEnv(sb),
		"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--secret-file", file)
	if len(sb.Clients()) != 1 {
		t.Fatalf("%d clients created", len(sb.Clients()))
	}
	id := sb.Clients()[0].ClientID
	if code != 1 || !strings.Contains(stderr, "the client "+id+" was created, but could not write "+file) ||
		!strings.Contains(stderr, "Its secret is lost: rotate it") {
		t.Errorf("exit %d (-1: killed by a signal), stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestForceIsAtomic: --force never touches the old file when the create
// fails, and refuses a symbolic link at the target before anything is sent.
func TestForceIsAtomic(t *testing.T) {
	sb := startSandbox(t)
	dir := t.TempDir()
	old := filepath.Join(dir, "client.env")
	os.WriteFile(old, []byte("FLEXSLOT_CLIENT_ID=cli_old\nFLEXSLOT_CLIENT_SECRET=old\n"), 0o600)
	code, _, stderr := custodyRun(t, "true", nil, sandboxEnv(sb),
		"--name", "sandbox:429", "--redirect-uri", "https://decktracker.example/cb", "--secret-file", old, "--force")
	if data, _ := os.ReadFile(old); code != 1 || !strings.Contains(string(data), "cli_old") {
		t.Errorf("a failed create with --force: exit %d, the old file now %q; stderr:\n%s", code, data, stderr)
	}
	target := filepath.Join(dir, "precious")
	os.WriteFile(target, []byte("precious\n"), 0o644)
	link := filepath.Join(dir, "link.env")
	os.Symlink(target, link)
	before := sb.CreateAttempts()
	code, _, stderr = custodyRun(t, "true", nil, sandboxEnv(sb),
		"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--secret-file", link, "--force")
	info, _ := os.Stat(target)
	if data, _ := os.ReadFile(target); code != 2 || string(data) != "precious\n" || info.Mode().Perm() != 0o644 ||
		!strings.Contains(stderr, "is a symbolic link") || sb.CreateAttempts() != before {
		t.Errorf("--force through a symlink: exit %d, target %q mode %o, stderr:\n%s", code, data, info.Mode().Perm(), stderr)
	}
}

// fakeTool puts an executable script named name first on a new PATH, and
// returns that PATH.
func fakeTool(t *testing.T, name, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + ":" + os.Getenv("PATH")
}

// TestOSC52IgnoredStillGuards: where the terminal ignores OSC 52 (tmux with
// set-clipboard off) and there is no system clipboard, c sends the secret
// and says it is unconfirmed; leaving still asks, and the summary says what
// happened.
func TestOSC52IgnoredStillGuards(t *testing.T) {
	sb := startSandbox(t)
	tm := run(t, 100, 30, sandboxEnv(sb)) // no DISPLAY: the X clipboard fails
	tm.tmux("set-option", "-g", "set-clipboard", "off")
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	tm.press("(OSC 52) instead, unconfirmed", "c")
	tm.press("cannot be confirmed", "Enter")
	tm.press("", "y")
	code, after := tm.exit()
	if code != 0 || !strings.Contains(folded(after), "sent to your terminal's clipboard (OSC 52), unconfirmed") {
		t.Errorf("exit %d, terminal after:\n%s", code, after)
	}
}

// TestHangingClipboardTool: an xclip that never answers is given up after
// 3 s; the copy falls back to OSC 52, said to be unconfirmed.
func TestHangingClipboardTool(t *testing.T) {
	sb := startSandbox(t)
	path := fakeTool(t, "xclip", "sleep 60")
	tm := run(t, 100, 30, sandboxEnv(sb, "PATH="+path, "DISPLAY=:0"))
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	tm.press("did not answer within 3s", "c")
	tm.wait("(OSC 52) instead, unconfirmed")
}

// TestNoChildSeesTheToken: the clipboard tool (a fake xclip that records
// its environment) and git (a repository whose fsmonitor would record its
// environment) never see the token.
func TestNoChildSeesTheToken(t *testing.T) {
	sb := startSandbox(t)
	record := filepath.Join(t.TempDir(), "env")
	path := fakeTool(t, "xclip", `env >> `+record+`; cat > /dev/null`)
	tm := run(t, 100, 30, sandboxEnv(sb, "PATH="+path, "DISPLAY=:0"))
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", tm.dir}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	monitor, ran := filepath.Join(t.TempDir(), "fsmonitor"), filepath.Join(t.TempDir(), "fsmonitor-ran")
	os.WriteFile(monitor, []byte("#!/bin/sh\nenv > "+ran+"\n"), 0o755)
	git("config", "core.fsmonitor", monitor)
	tm.fillForm("Deck Tracker", false, "https://decktracker.example/cb")
	tm.press("✓ Registered", "Enter")
	tm.press("Sent the secret to the system clipboard", "c")
	tm.press("Save to:", "s")
	tm.press("Saved the client id and secret", "Enter")
	tm.wait("git would not ignore this file")
	data, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("the fake xclip never ran: %v", err)
	}
	if strings.Contains(string(data), "FLEXSLOT_TOKEN") || strings.Contains(string(data), sb.Token()) {
		t.Errorf("a child process saw the token:\n%s", data)
	}
	if _, err := os.Stat(ran); err == nil {
		t.Error("git ran the repository's fsmonitor")
	}
}
