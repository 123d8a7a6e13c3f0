package golive

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
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

// plainServer is a loopback server over plain http with /ok, and
// /redirect?to=URL, which redirects there.
func plainServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<h1>Deck Tracker</h1>")) })
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestRedirectToPlainHTTP: an https link that a redirect takes over plain
// http, at the end or on the way, is a finding that says where; a loopback
// http link (allowed for development) may redirect on loopback.
func TestRedirectToPlainHTTP(t *testing.T) {
	s := newSite(t)
	plain := plainServer(t)
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
		{"loopback http to loopback http", via("127.0.0.1", plain, "http", "http://127.0.0.1:"+port(plain)+"/privacy"), "", ""},
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
