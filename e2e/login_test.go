//go:build linux

package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api/sandbox"
)

// secretServiceScript runs a D-Bus session's gnome-keyring-daemon with an
// unlocked login keyring, waits until it owns the Secret Service's name,
// writes the session's address to the file $1 and waits to be stopped.
const secretServiceScript = `printf test | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
for i in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true" && break
  sleep 0.05
done
echo "$DBUS_SESSION_BUS_ADDRESS" > "$1"
wait`

// secretService starts a private D-Bus session with a Secret Service for one
// test, under a home of its own, and returns its DBUS_SESSION_BUS_ADDRESS.
func secretService(t *testing.T) string {
	t.Helper()
	need(t, "dbus-run-session", "dbus-send", "gnome-keyring-daemon")
	home := t.TempDir()
	address := filepath.Join(home, "address")
	cmd := exec.Command("dbus-run-session", "--", "sh", "-c", secretServiceScript, "sh", address)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) // the session, its bus and its daemon
		cmd.Wait()
	})
	for deadline := time.Now().Add(waitTimeout); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if data, err := os.ReadFile(address); err == nil && strings.HasSuffix(string(data), "\n") {
			return strings.TrimSpace(string(data))
		}
	}
	t.Fatal("the Secret Service did not start")
	return ""
}

// heldAPI is a sandbox whose token check can be held, to look at a process
// while it holds the token.
type heldAPI struct {
	*httptest.Server
	sb      *sandbox.Server
	hold    chan struct{} // closed to release; nil: no hold
	arrived chan struct{}
}

func startHeldAPI(t *testing.T) *heldAPI {
	t.Helper()
	h := &heldAPI{sb: sandbox.New(sandbox.Config{})}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hold := h.hold; hold != nil && strings.HasSuffix(r.URL.Path, "/me/access-tokens/") {
			h.arrived <- struct{}{}
			<-hold
		}
		h.sb.ServeHTTP(w, r)
	}))
	t.Cleanup(h.Server.Close)
	return h
}

// command runs the binary with env only (and PATH), stdin given.
func command(t *testing.T, env []string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8"}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = waitTimeout
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// TestLoginStatusLogout: login keeps the token in the Secret Service when
// there is a D-Bus session, and in a 0600 file when there is none (without
// starting a bus: no dbus-launch); status and a later run use it; logout
// removes it. The token is in no output.
func TestLoginStatusLogout(t *testing.T) {
	tests := []struct {
		name     string
		keychain bool
		place    string
	}{
		{"the Secret Service", true, "the system keychain (Secret Service, service flexslot-register)"},
		{"no D-Bus session: the file", false, "CONFIG/tokens.json (readable by you only)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := startSandbox(t)
			dir := t.TempDir()
			config := filepath.Join(dir, "config")
			launched := filepath.Join(dir, "dbus-launched")
			path := fakeTool(t, "dbus-launch", "touch "+launched+"; exit 1")
			env := []string{"PATH=" + path, "HOME=" + dir, "FLEXSLOT_CONFIG_DIR=" + config, "FLEXSLOT_API_URL=" + sb.URL}
			if tt.keychain {
				env = append(env, "DBUS_SESSION_BUS_ADDRESS="+secretService(t))
			}
			place := strings.Replace(tt.place, "CONFIG", config, 1)
			check := func(what string, code, want int, output, contains string) {
				t.Helper()
				if code != want || !strings.Contains(output, contains) || strings.Contains(output, sb.Token()) {
					t.Fatalf("%s: exit %d, want %d and %q:\n%s", what, code, want, contains, output)
				}
			}
			code, out, errOut := command(t, env, sb.Token()+"\n", "login", "--token-stdin")
			check("login", code, 0, out+errOut, "kept in "+place)
			if !tt.keychain {
				check("login", code, 0, errOut, "No system keychain (no D-Bus session to reach a Secret Service in)")
				if info, err := os.Stat(filepath.Join(config, "tokens.json")); err != nil || info.Mode().Perm() != 0o600 {
					t.Errorf("the file: %v %v, want mode 0600", info, err)
				}
			} else if _, err := os.Stat(filepath.Join(config, "tokens.json")); err == nil {
				t.Error("the Secret Service kept the token, and a file too")
			}
			code, out, errOut = command(t, env, "", "status")
			check("status", code, 0, out+errOut, "from "+place)
			code, out, errOut = command(t, env, "", "list", "--json")
			check("list with the kept token", code, 0, out+errOut, "[]")
			code, out, errOut = command(t, env, "", "logout")
			check("logout", code, 0, out+errOut, "Removed the token for "+sb.URL+" from "+place)
			code, out, errOut = command(t, env, "", "status")
			check("status after logout", code, 1, out+errOut, "no token for "+sb.URL)
			if _, err := os.Stat(launched); err == nil {
				t.Error("dbus-launch ran: a bus was started for the keychain")
			}
		})
	}
}

// TestKeptTokenInNoArgvOrChildEnv: while login and a run that uses the kept
// token hold it (waiting for the API), neither its command line nor its
// environment, nor any of its children's, holds it: with the Secret Service
// and with the file.
func TestKeptTokenInNoArgvOrChildEnv(t *testing.T) {
	for _, keychain := range []bool{true, false} {
		t.Run("keychain "+strconv.FormatBool(keychain), func(t *testing.T) {
			api := startHeldAPI(t)
			dir := t.TempDir()
			env := []string{"HOME=" + dir, "FLEXSLOT_CONFIG_DIR=" + filepath.Join(dir, "config"), "FLEXSLOT_API_URL=" + api.URL}
			if keychain {
				env = append(env, "DBUS_SESSION_BUS_ADDRESS="+secretService(t))
			}
			for _, args := range [][]string{{"login", "--token-stdin"}, {"status"}} {
				api.hold, api.arrived = make(chan struct{}), make(chan struct{}, 1)
				cmd := exec.Command(binary, args...)
				cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
				cmd.Stdin = strings.NewReader(api.sb.Token() + "\n")
				var out strings.Builder
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				select {
				case <-api.arrived:
				case <-time.After(waitTimeout):
					t.Fatalf("%v never asked the API", args)
				}
				pids := withDescendants(cmd.Process.Pid)
				for _, pid := range pids {
					for _, file := range []string{"cmdline", "environ"} {
						data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), file))
						if err != nil {
							t.Errorf("%v: /proc/%d/%s: %v", args, pid, file, err)
						}
						if strings.Contains(string(data), api.sb.Token()) {
							t.Errorf("%v: /proc/%d/%s holds the token", args, pid, file)
						}
					}
				}
				close(api.hold)
				api.hold = nil
				if err := cmd.Wait(); err != nil {
					t.Fatalf("%v: %v\n%s", args, err, out.String())
				}
				t.Logf("%v: looked at %d processes", args, len(pids))
			}
		})
	}
}

// withDescendants is pid and every process below it.
func withDescendants(pid int) []int {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The fields after the command's ")" are: state, ppid, ...
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) > 1 {
			ppid, _ := strconv.Atoi(fields[1])
			children[ppid] = append(children[ppid], p)
		}
	}
	all := []int{pid}
	for i := 0; i < len(all); i++ {
		all = append(all, children[all[i]]...)
	}
	return all
}
