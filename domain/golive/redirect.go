package golive

import (
	"net/http"
	"net/netip"
	"net/url"
	"sync"

	"github.com/flexslot/flexslot-register/validate"
)

// maxShownURL is the longest a finding shows a URL a redirect led to, in
// bytes: a Location header is the site's text and may run to kilobytes.
const maxShownURL = 120

// plainHop is the first URL of resp's redirects that went over plain http,
// nil when there is none. Every one is a finding: a check reaches only
// public addresses, where plain http is open to everyone on the way. The
// link itself is package validate's to judge (plain http on localhost, for
// development), and one on localhost is not fetched.
func plainHop(resp *http.Response) *url.URL {
	var plain *url.URL
	// Each request after the first hangs off the redirect that led to it.
	for req := resp.Request; req != nil && req.Response != nil; req = req.Response.Request {
		if req.URL.Scheme == "http" {
			plain = req.URL
		}
	}
	return plain
}

// shown is u as a finding shows it: no user info, query or fragment,
// cleaned for a terminal and cut short.
func shown(u *url.URL) string {
	s := validate.Sanitize((&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}).String())
	if len(s) <= maxShownURL {
		return s
	}
	cut := 0
	for i := range s {
		if i > maxShownURL {
			break
		}
		cut = i
	}
	return s[:cut] + "…"
}

// hops is one link's way through its redirects, as its dialler and its
// client's CheckRedirect see it: how many redirects it may take, and where
// the last one led, for a finding to name when its address is refused.
type hops struct {
	max int // how many redirects are followed

	mu sync.Mutex
	to *url.URL // where the last redirect led; nil for the link's own request
}

// checkRedirect is the client's CheckRedirect: a few redirects, no Referer
// (where a link leads is told nothing of it), and every connection made
// from now on is a redirect's.
func (h *hops) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > h.max {
		return errTooManyRedirects
	}
	req.Header.Del("Referer")
	h.mu.Lock()
	defer h.mu.Unlock()
	h.to = req.URL
	return nil
}

// refuse is the error of not dialling host at addr, what kind of address
// it is: the link's own, or its last redirect's when there was one.
func (h *hops) refuse(host string, addr netip.Addr, what string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return &refusedError{to: h.to, host: host, addr: addr, what: what}
}
