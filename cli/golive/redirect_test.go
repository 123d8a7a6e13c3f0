package golive

import (
	"context"
	"net/url"
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
