package golive

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// TestRedirectsSendNoReferer: Go's client names the page a redirect leaves
// in a Referer header; a check tells where a link leads nothing of it.
func TestRedirectsSendNoReferer(t *testing.T) {
	s := newSite(t)
	to := s.url("decktracker.test", s.good, "/ok")
	link := s.url("decktracker.test", s.good, "/redirect?to="+url.QueryEscape(to))
	report := s.checker(time.Second).Check(context.Background(), api.CreateClientRequest{PrivacyPolicyURL: link})
	if len(report.Findings) != 0 {
		t.Fatalf("findings: %v", report.Findings)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) != 2 {
		t.Fatalf("the server saw %d requests, want the link's and its redirect's", len(s.seen))
	}
	for _, h := range s.seen {
		if ref := h.Get("Referer"); ref != "" {
			t.Errorf("a check sent Referer: %s", ref)
		}
	}
}

// plainServer is a loopback server over plain http with a page at every
// path but /redirect?to=URL, which redirects there; seen, when not nil, is
// told of every request.
func plainServer(t *testing.T, seen func(*http.Request)) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<h1>Deck Tracker</h1>")) })
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen != nil {
			seen(r)
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRedirectToPlainHTTP: a link that a redirect takes over plain http, at
// the end or on the way, is a finding that says where. (A plain http link is
// allowed on loopback only, for development, and is never fetched.)
func TestRedirectToPlainHTTP(t *testing.T) {
	s := newSite(t)
	plain := plainServer(t, nil)
	via := func(host string, srv *httptest.Server, scheme, to string) string {
		return scheme + "://" + host + ":" + port(srv) + "/redirect?to=" + url.QueryEscape(to)
	}
	secure := s.url("decktracker.test", s.good, "/ok")
	insecure := "http://decktracker.test:" + port(plain)
	tests := []struct {
		name, link string
		want       string // in the problem; "" for no finding
		notShown   string // what the problem must not show
	}{
		{"https to https", via("decktracker.test", s.good, "https", secure), "", ""},
		{"https to plain http", via("decktracker.test", s.good, "https", insecure+"/privacy"),
			"redirects to plain http (" + insecure + "/privacy), which is not encrypted", ""},
		{"https through plain http back to https", via("decktracker.test", s.good, "https", via("decktracker.test", plain, "http", secure)),
			"redirects to plain http (" + insecure + "/redirect)", ""},
		{"no user info or query shown", via("decktracker.test", s.good, "https", "http://deck:hunter2@decktracker.test:"+port(plain)+"/privacy?session=s3cr3t#top"),
			"redirects to plain http (" + insecure + "/privacy)", "hunter2"},
		{"a long Location cut short", via("decktracker.test", s.good, "https", insecure+"/"+strings.Repeat("a", 5000)),
			"redirects to plain http (" + insecure + "/aaa", strings.Repeat("a", 200)},
		{"plain http to plain http", via("decktracker.test", plain, "http", insecure+"/privacy"),
			"redirects to plain http (" + insecure + "/privacy)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report := s.checker(time.Second).Check(context.Background(), api.CreateClientRequest{PrivacyPolicyURL: tt.link})
			switch {
			case tt.want == "" && len(report.Findings) > 0:
				t.Errorf("findings: %v", report.Findings)
			case tt.want != "" && (len(report.Findings) != 1 || !strings.Contains(report.Findings[0].Problem, tt.want)):
				t.Errorf("findings: %v, want one: %q", report.Findings, tt.want)
			case tt.notShown != "" && strings.Contains(report.Findings[0].Problem, tt.notShown):
				t.Errorf("the finding shows %q: %s", tt.notShown, report.Findings[0].Problem)
			}
		})
	}
}

// TestRedirectsStayOnTheInternet: a link on the internet whose redirect
// leads to loopback, link-local, a private network, the unspecified address
// or any other address that is not public is not followed, whether the
// redirect names the address or a host that resolves to it; the finding
// says where it led and why not. The address judged is the one dialled,
// and nothing inside is connected to.
func TestRedirectsStayOnTheInternet(t *testing.T) {
	s := newSite(t)
	var conns atomic.Int32
	inside := insideServer(t, "127.0.0.1:0", &conns)
	in := port(inside)
	plain := plainServer(t, nil)
	n := &internet{inside: []string{in}}
	c := n.checker(time.Second, s.ca.pool)
	public := func(to string) string {
		return s.url("decktracker.test", s.good, "/redirect?to="+url.QueryEscape(to))
	}
	const notFollowed = ": not followed (players' browsers cannot reach it)"
	tests := []struct {
		name, link string
		want       string // in the problem; "" for no finding
	}{
		{"to a public page", public(s.url("decktracker.test", s.good, "/ok")), ""},
		{"into loopback", public("http://127.0.0.1:" + in + "/admin"),
			"redirects to http://127.0.0.1:" + in + "/admin, a loopback address" + notFollowed},
		{"into IPv6 loopback", public("http://[::1]:" + in + "/admin"), "http://[::1]:" + in + "/admin, a loopback address" + notFollowed},
		{"into loopback, IPv4-mapped", public("http://[::ffff:127.0.0.1]:" + in + "/"), "a loopback address" + notFollowed},
		{"into loopback through a name", public("http://inside.test:" + in + "/admin"),
			"redirects to http://inside.test:" + in + "/admin at 127.0.0.1, a loopback address" + notFollowed},
		{"into localhost, never looked up", public("http://localhost:" + in + "/admin"),
			"redirects to http://localhost:" + in + "/admin, a loopback address" + notFollowed},
		{"into the unspecified address", public("http://0.0.0.0:" + in + "/"), "an unspecified address" + notFollowed},
		{"into link-local", public("http://169.254.169.254/latest/meta-data/"),
			"redirects to http://169.254.169.254/latest/meta-data/, a link-local address" + notFollowed},
		{"into a private network", public("http://10.0.0.1:8080/"), "a private address" + notFollowed},
		{"into a private IPv6 network", public("https://[fd00::1]/"), "a private address" + notFollowed},
		{"through a public redirect into loopback", public(public("http://127.0.0.1:" + in + "/admin")), "a loopback address" + notFollowed},
		// Followed, to its public address: the finding is the plain http.
		{"to a name at a loopback and a public address", public("http://twofaced.test:" + port(plain) + "/ok"), "redirects to plain http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, dialed := conns.Load(), len(n.hosts(0))
			report := c.Check(context.Background(), api.CreateClientRequest{PrivacyPolicyURL: tt.link})
			switch {
			case tt.want == "" && len(report.Findings) > 0:
				t.Errorf("findings: %v", report.Findings)
			case tt.want != "" && (len(report.Findings) != 1 || !strings.Contains(report.Findings[0].Problem, tt.want)):
				t.Errorf("findings: %v, want one: %q", report.Findings, tt.want)
			}
			if conns.Load() != before {
				t.Errorf("the check connected to the server on loopback")
			}
			for _, host := range n.hosts(dialed) {
				if host != internetAddr {
					t.Errorf("dialled %s; only %s was to be", host, internetAddr)
				}
			}
		})
	}
}
