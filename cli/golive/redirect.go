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

// plainHop is the first URL of resp's redirects that went over plain http
// where a player's browser would not expect it: after an https link, or on a
// host that is not loopback; nil when there is none. The link itself is
// package validate's to judge.
func plainHop(resp *http.Response, link *url.URL) *url.URL {
	var plain *url.URL
	// Each request after the first hangs off the redirect that led to it.
	for req := resp.Request; req != nil && req.Response != nil; req = req.Response.Request {
		u := req.URL
		if u.Scheme == "http" && (link.Scheme == "https" || !validate.IsLoopbackHost(u.Hostname())) {
			plain = u
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
// client's CheckRedirect see it. The link's own request goes wherever the
// link is: a partner may check a site on this machine or on their network.
// A redirect's goes to a public address, or back to where the link was.
type hops struct {
	max int // how many redirects are followed

	mu         sync.Mutex
	redirected bool       // set at the first redirect: every dial after it is a redirect's
	to         *url.URL   // where the last redirect led
	home       netip.Addr // where the link's own request connected
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
	h.redirected, h.to = true, req.URL
	return nil
}

// allow says whether addr may be dialled: always for the link's own
// request; for a redirect's, when addr is public or where the link was.
func (h *hops) allow(addr netip.Addr) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.redirected || samePlace(addr, h.home) {
		return nil
	}
	if what := nonPublicKind(addr); what != "" {
		return &refusedError{to: h.to, addr: addr, what: what}
	}
	return nil
}

// arrived notes that addr was connected to: the link's home, if it is the
// link's own request.
func (h *hops) arrived(addr netip.Addr) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.redirected && !h.home.IsValid() {
		h.home = addr
	}
}

// samePlace reports whether addr is the link's home: the same address, or
// both on this machine.
func samePlace(addr, home netip.Addr) bool {
	addr, home = addr.Unmap(), home.Unmap()
	return home.IsValid() && (addr == home || addr.IsLoopback() && home.IsLoopback())
}

// refusedError is a redirect not followed: where it led, the address that
// is at, and what kind of address it is.
type refusedError struct {
	to   *url.URL
	addr netip.Addr
	what string
}

func (e *refusedError) Error() string {
	return "a redirect to " + e.addr.String() + ", " + e.what + ", was not followed"
}

// problem is the refusal as a finding says it: where the redirect led (and
// at which address, when it named a host), and why it was not followed.
func (e *refusedError) problem() string {
	where := shown(e.to)
	if _, err := netip.ParseAddr(e.to.Hostname()); err != nil {
		where += " at " + validate.Sanitize(e.addr.String())
	}
	return "redirects to " + where + ", " + e.what + ": not followed (a redirect is followed only to a public address, or back to where the link is)"
}
