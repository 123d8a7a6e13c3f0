//go:build unix

package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestListTSV: `list | cut -f N` reads a column. With stdout a pipe, the
// binary prints one client a line, its fields tab-separated, no header: the
// client id, name, type, status, scopes, redirect URIs, created (RFC 3339)
// and last used (empty: never).
func TestListTSV(t *testing.T) {
	need(t, "cut")
	sb := startSandbox(t)
	env := []string{"FLEXSLOT_TOKEN=" + sb.Token()}
	api := []string{"--api-url", sb.URL}
	for _, args := range [][]string{
		{"--name", "Deck Tracker", "--redirect-uri", "https://decktracker.example/cb", "--scope", "decks:read", "--scope", "guides:read", "--print-secret"},
		{"--name", "Deck CLI", "--client-type", "public", "--redirect-uri", "http://127.0.0.1/callback", "--redirect-uri", "http://[::1]/callback", "--json"},
	} {
		if code, _, stderr := script(t, env, append(api, args...)...); code != 0 {
			t.Fatalf("register %v: exit %d\n%s", args, code, stderr)
		}
	}
	clients := sb.Clients()
	created := func(i int) string { return clients[i].CreatedAt.UTC().Format(time.RFC3339) }
	tests := []struct {
		field string
		want  []string
	}{
		{"1", []string{clients[0].ClientID, clients[1].ClientID}},
		{"2", []string{"Deck Tracker", "Deck CLI"}},
		{"3,4", []string{"confidential\tactive", "public\tactive"}},
		{"5", []string{"decks:read guides:read", ""}},
		{"6", []string{"https://decktracker.example/cb", "http://127.0.0.1/callback http://[::1]/callback"}},
		{"7", []string{created(0), created(1)}},
		{"7-", []string{created(0) + "\t", created(1) + "\t"}}, // last used empty, and no ninth field
	}
	for _, tt := range tests {
		t.Run("cut -f"+tt.field, func(t *testing.T) {
			got := listThrough(t, env, append([]string{"list"}, api...), "cut", "-f", tt.field)
			if want := strings.Join(tt.want, "\n") + "\n"; got != want {
				t.Errorf("list | cut -f%s\n got %q\nwant %q", tt.field, got, want)
			}
		})
	}
}

// listThrough runs the binary with args, its stdout piped into the command
// filter, as a shell's `flexslot-register list | cut -f1` does, and returns
// what the filter printed.
func listThrough(t *testing.T, env, args []string, filter ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	list := exec.CommandContext(ctx, binary, args...)
	list.Dir = t.TempDir()
	list.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + list.Dir}, env...)
	var stderr strings.Builder
	list.Stderr = &stderr
	pipe, err := list.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	reader := exec.CommandContext(ctx, filter[0], filter[1:]...)
	reader.Stdin = pipe
	if err := list.Start(); err != nil {
		t.Fatal(err)
	}
	out, err := reader.Output()
	if waitErr := list.Wait(); waitErr != nil || err != nil {
		t.Fatalf("%v | %v: %v, %v\n%s", args, filter, waitErr, err, stderr.String())
	}
	return string(out)
}
