//go:build unix

package e2e

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestSigninURLCopies: the URL to open by hand (over SSH) reaches a person
// whole. The test sign-in's URL shows in full, soft-wrapped by the
// terminal: tmux's copy of the line (capture-pane -J, which joins the rows
// the terminal wrapped) gives it unbroken, with every parameter, before and
// after the window changes size; c copies it to the X clipboard. A public
// client's authorize URL on the result screen is one line the same way.
func TestSigninURLCopies(t *testing.T) {
	t.Run("sign-in", func(t *testing.T) {
		disp := display(t)
		sb := startSandbox(t)
		tm := run(t, 80, 24, sandboxEnv(sb, "DISPLAY="+disp, "BROWSER=true"))
		tm.fillForm("Deck Tracker", false, "http://127.0.0.1/callback")
		tm.press("✓ Registered", "Enter")
		tm.press("Waiting for the sign-in", "t")
		link := tm.joinedLine("/oauth/authorize?")
		checkAuthorizeURL(t, link, "code_challenge", "state", "client_id", "redirect_uri", "scope", "response_type", "code_challenge_method")
		if rows := tm.rowsOf(link); rows < 3 {
			t.Errorf("the URL (%d characters) takes %d rows of the 80-column window, want it whole", len(link), rows)
		}

		tm.tmux("resize-window", "-t", "e2e", "-x", "60", "-y", "16")
		tm.wait("c copy URL")
		if got := tm.joinedLine("/oauth/authorize?"); got != link {
			t.Errorf("at 60x16 tmux's copy of the line is\n%q\nwant\n%q", got, link)
		}

		tm.press("Copied the URL to the system clipboard.", "c")
		if got := clipboard(t, disp); got != link {
			t.Errorf("the X clipboard holds %q, want %q", got, link)
		}
		tm.press("Cancelled", "Escape")
	})
	t.Run("public result", func(t *testing.T) {
		sb := startSandbox(t)
		tm := run(t, 80, 24, sandboxEnv(sb))
		tm.fillForm("Deck CLI", true, "http://127.0.0.1:8765/callback")
		tm.press("(public client)", "Enter")
		tm.wait("u copy URL")
		link := tm.joinedLine("/oauth/authorize?")
		if !strings.HasSuffix(link, "&code_challenge_method=S256") || strings.Count(link, "{") != 2 {
			t.Errorf("tmux's copy of the authorize URL's line is %q, want the whole template", link)
		}
	})
}

// joinedLine waits until tmux's copy of the window, with the rows the
// terminal wrapped joined (capture-pane -J), has a line holding marker, and
// returns that line from its http to its end: the URL as a copy gives it.
// The wizard tells the terminal that the rows are one line a moment after
// it draws them, so this polls.
func (tm *term) joinedLine(marker string) string {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var last string
	for time.Now().Before(deadline) {
		last = tm.tmux("capture-pane", "-p", "-J", "-t", "e2e")
		for _, line := range strings.Split(last, "\n") {
			if !strings.Contains(line, marker) {
				continue
			}
			link := strings.TrimRight(line[strings.Index(line, "http"):], " ")
			if _, err := url.Parse(link); err == nil && strings.Contains(link, "code_challenge_method=S256") {
				return link
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("no whole line with %q in tmux's copy of the window:\n%s", marker, last)
	return ""
}

// rowsOf is how many rows of the window (without -J) show link, whole:
// 0 when they do not hold it all.
func (tm *term) rowsOf(link string) int {
	tm.t.Helper()
	lines := strings.Split(tm.tmux("capture-pane", "-p", "-t", "e2e"), "\n")
	for i, line := range lines {
		at := strings.Index(line, link[:strings.Index(link, "?")+1])
		if at < 0 {
			continue
		}
		joined := strings.TrimRight(line[at:], " ")
		rows := 1
		for j := i + 1; j < len(lines) && len(joined) < len(link); j++ {
			joined += strings.TrimRight(lines[j], " ")
			rows++
		}
		if joined == link {
			return rows
		}
		tm.t.Logf("the rows join to %q", joined)
		return 0
	}
	return 0
}

// checkAuthorizeURL fails unless link is a URL with every one of params.
func checkAuthorizeURL(t *testing.T, link string, params ...string) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || strings.ContainsAny(link, " \n") {
		t.Fatalf("tmux's copy of the URL's line is not a URL: %q (%v)", link, err)
	}
	q := u.Query()
	for _, p := range params {
		if q.Get(p) == "" {
			t.Errorf("the URL lacks %s: %q", p, link)
		}
	}
	if got := len(q.Get("code_challenge")); got != 43 {
		t.Errorf("the URL's code_challenge has %d characters, want 43: %q", got, link)
	}
}
