package golive

import (
	"net/http"
	"net/url"

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
