// Package golive looks at what players will see before a client goes live:
// the application, logo, privacy policy and terms links that the consent
// page shows, and the hosts of the redirect URIs that are not loopback. Each
// problem is a Finding in words, a warning and never a block: a partner may
// register a client for a site that is not live yet.
//
// The checks run concurrently under one deadline, follow a few redirects,
// and send no token, no cookie and no Referer: a fresh HTTP client for each
// link, nothing of the API's. A check connects only to public addresses on
// the internet, judged on the address it dials: a link, a redirect URI's
// host or a redirect on loopback, link-local, a private network or any
// other address that is not public is a finding (players' browsers cannot
// reach it), and is not contacted. A manifest from a pull request must not
// turn a CI step into a scanner of the machine and the network it runs in.
package golive

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// Defaults of a Checker.
const (
	DefaultDeadline     = 5 * time.Second
	DefaultMaxRedirects = 3
	// MaxLogoBytes is the largest logo that is not a warning: 1 MiB.
	MaxLogoBytes = 1 << 20
)

// Finding is one problem found, at a field (and, for redirect URIs, an
// item of it).
type Finding struct {
	Field   string
	Index   int // the redirect URI's index; -1 for a link
	URL     string
	Problem string // in words: "answers 404 Not Found"
}

// String is the finding as a line: the field, the URL and the problem, cleaned
// for a terminal.
func (f Finding) String() string {
	return fmt.Sprintf("%s %s: %s", f.Field, validate.Sanitize(f.URL), f.Problem)
}

// Report is what a check found.
type Report struct {
	Findings []Finding
	// Checked counts the links and hosts looked at.
	Checked int
	// Offline is set when nothing could be reached because there is no
	// network (no name resolves for lack of a resolver or a route): the
	// findings are empty then, and nothing was checked.
	Offline bool
}

// Looked is how many links and hosts were looked at, in words.
func (r Report) Looked() string { return plural(r.Checked, "link or host", "links and hosts") }

// Warnings is how many findings there are, in words.
func (r Report) Warnings() string { return plural(len(r.Findings), "warning", "warnings") }

// plural is n and the noun that goes with it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Checker runs the checks. The zero value is ready: the system's resolver,
// DefaultDeadline and DefaultMaxRedirects.
type Checker struct {
	// Deadline bounds the whole check.
	Deadline time.Duration
	// MaxRedirects is how many redirects a link may take.
	MaxRedirects int
	// RootCAs are the certificate authorities trusted; the system's when nil.
	RootCAs *x509.CertPool
	// LookupHost resolves a name; net.DefaultResolver's when nil. Dialling
	// uses it too, so what it answers is where a check connects.
	LookupHost func(ctx context.Context, host string) ([]string, error)
	// Dial connects to one address a link's host is at (an IP and a port,
	// never a name, and only a public one); a net.Dialer's when nil. Tests
	// put one in that takes an address the check counts as the internet's
	// to their loopback servers.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
}

// target is one thing to look at.
type target struct {
	field string
	index int
	url   string
	logo  bool
	host  bool // a redirect URI: only the host (it resolves; https answers with a valid certificate)
}

// targets are the request's links and non-loopback redirect URIs with an
// http or https host, each once.
func targets(req api.CreateClientRequest) []target {
	var out []target
	for i, uri := range req.RedirectURIs {
		u, err := url.Parse(uri)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || validate.IsLoopbackHost(u.Hostname()) {
			continue
		}
		out = append(out, target{field: api.FieldRedirectURIs, index: i, url: uri, host: true})
	}
	for _, l := range []struct {
		field, url string
		logo       bool
	}{
		{api.FieldApplicationURL, req.ApplicationURL, false},
		{api.FieldApplicationLogoURL, req.ApplicationLogoURL, true},
		{api.FieldPrivacyPolicyURL, req.PrivacyPolicyURL, false},
		{api.FieldTOSURL, req.TOSURL, false},
	} {
		if strings.TrimSpace(l.url) != "" {
			out = append(out, target{field: l.field, index: -1, url: strings.TrimSpace(l.url), logo: l.logo})
		}
	}
	return out
}

// Check looks at the request's links and redirect hosts, all at once, and
// returns within the deadline whatever answers.
func (c *Checker) Check(ctx context.Context, req api.CreateClientRequest) Report {
	deadline := c.Deadline
	if deadline <= 0 {
		deadline = DefaultDeadline
	}
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()
	list := targets(req)
	results := make([]result, len(list))
	var wg sync.WaitGroup
	for i, t := range list {
		wg.Go(func() { results[i] = c.check(ctx, t) })
	}
	wg.Wait()
	report := Report{Checked: len(list)}
	offline := len(list) > 0
	for i, r := range results {
		offline = offline && r.offline
		if r.problem != "" {
			report.Findings = append(report.Findings, Finding{Field: list[i].field, Index: list[i].index, URL: list[i].url, Problem: r.problem})
		}
	}
	if offline {
		return Report{Offline: true}
	}
	return report
}

// result is one target's outcome.
type result struct {
	problem string // "" when all is well
	offline bool   // its name did not resolve for lack of a network
}

func (c *Checker) lookup(ctx context.Context, host string) ([]string, error) {
	if c.LookupHost != nil {
		return c.LookupHost(ctx, host)
	}
	return net.DefaultResolver.LookupHost(ctx, host)
}

// maxRedirects is MaxRedirects, or DefaultMaxRedirects when it is not set.
func (c *Checker) maxRedirects() int {
	if c.MaxRedirects <= 0 {
		return DefaultMaxRedirects
	}
	return c.MaxRedirects
}

// httpClient is a client of its own for one link: no cookie jar, no proxy,
// no credentials, no connection shared with another link; dialling public
// addresses only; h's few redirects at most.
func (c *Checker) httpClient(h *hops) *http.Client {
	transport := &http.Transport{
		Proxy:           nil,
		TLSClientConfig: &tls.Config{RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return c.dial(ctx, h, network, addr)
		},
		MaxResponseHeaderBytes: 64 << 10,
		ForceAttemptHTTP2:      true,
	}
	return &http.Client{Transport: transport, CheckRedirect: h.checkRedirect}
}

// dial connects to addr's host at the first of its addresses that is public
// and answers. A name is looked up here, once, and the address judged is the
// address dialled: a name that answers otherwise the next time (DNS
// rebinding) cannot lead a check inside. localhost is not looked up: it is
// this machine.
func (c *Checker) dial(ctx context.Context, h *hops, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if isLocalhost(host) {
		return nil, h.refuse(host, netip.Addr{}, loopback)
	}
	addrs := []string{host}
	if _, err := netip.ParseAddr(host); err != nil {
		if addrs, err = c.lookup(ctx, host); err != nil {
			return nil, err
		}
	}
	connect := c.Dial
	if connect == nil {
		connect = (&net.Dialer{}).DialContext
	}
	var refused, last error
	for _, a := range addrs {
		ip, err := netip.ParseAddr(a)
		if err != nil {
			last = &net.AddrError{Err: "the resolver answered something that is not an address", Addr: a}
			continue
		}
		if what := nonPublicKind(ip); what != "" {
			if refused == nil {
				refused = h.refuse(host, ip, what)
			}
			continue
		}
		conn, err := connect(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		last = err
	}
	if last == nil {
		last = refused
	}
	if last == nil {
		last = &net.DNSError{Err: "no address", Name: host, IsNotFound: true}
	}
	return nil, last
}

var errTooManyRedirects = errors.New("too many redirects")

// check looks at one target.
func (c *Checker) check(ctx context.Context, t target) result {
	u, err := url.Parse(t.url)
	if err != nil || u.Hostname() == "" {
		return result{} // syntax is package validate's
	}
	if t.host {
		return c.checkHost(ctx, u)
	}
	client := c.httpClient(&hops{max: c.maxRedirects()})
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
	if err != nil {
		return result{}
	}
	req.Header.Set("User-Agent", "flexslot-register go-live check")
	resp, err := client.Do(req)
	if err != nil {
		return failure(ctx, err)
	}
	defer resp.Body.Close()
	if plain := plainHop(resp); plain != nil {
		return result{problem: "redirects to plain http (" + shown(plain) + "), which is not encrypted"}
	}
	if resp.StatusCode >= 400 {
		return result{problem: "answers " + validate.Sanitize(resp.Status)}
	}
	if resp.StatusCode >= 300 {
		return result{problem: fmt.Sprintf("answers %s without a Location to follow", validate.Sanitize(resp.Status))}
	}
	if !t.logo {
		return result{}
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if !strings.HasPrefix(mediaType, "image/") {
		if mediaType == "" {
			mediaType = "no Content-Type"
		}
		return result{problem: "is not an image (" + validate.Sanitize(mediaType) + ")"}
	}
	if resp.ContentLength > MaxLogoBytes {
		return result{problem: fmt.Sprintf("is %s: a logo should be under 1 MiB", size(resp.ContentLength))}
	}
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, MaxLogoBytes+1))
	switch {
	case n > MaxLogoBytes:
		return result{problem: "is larger than 1 MiB: a logo should be under 1 MiB"}
	case err != nil:
		return result{problem: fetchProblem(ctx, err)}
	}
	return result{}
}

// checkHost looks at a redirect URI's host: an https one must answer a TLS
// handshake with a valid certificate for its name. Nothing is requested
// from it: the callback path is the app's, to be called by a browser.
func (c *Checker) checkHost(ctx context.Context, u *url.URL) result {
	if u.Scheme != "https" {
		return result{}
	}
	port := u.Port()
	if port == "" {
		port = "443"
	}
	raw, err := c.dial(ctx, &hops{}, "tcp", net.JoinHostPort(u.Hostname(), port))
	if err != nil {
		return failure(ctx, err)
	}
	defer raw.Close()
	conn := tls.Client(raw, &tls.Config{ServerName: u.Hostname(), RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12})
	if err := conn.HandshakeContext(ctx); err != nil {
		return result{problem: fetchProblem(ctx, err)}
	}
	return result{}
}

// failure is a check that could not fetch or connect: an address not
// public (the link's, its host's or a redirect's), a name that did not
// resolve (the dialler looks names up, so the name may be a redirect's), a
// network that cannot be reached, or another problem in words.
func failure(ctx context.Context, err error) result {
	var refused *refusedError
	if errors.As(err, &refused) {
		return result{problem: refused.problem()}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return lookupResult(ctx, dnsErr.Name, dnsErr)
	}
	if errors.Is(err, syscall.ENETUNREACH) {
		// A name resolved (a cache, /etc/hosts) but no route leaves here.
		return result{offline: true, problem: "could not be reached: no route to the network (no network?)"}
	}
	return result{problem: fetchProblem(ctx, err)}
}

// lookupResult says why a name did not resolve: it does not exist, or there
// is no network to ask.
func lookupResult(ctx context.Context, host string, dnsErr *net.DNSError) result {
	switch {
	case ctx.Err() != nil:
		return result{problem: "did not answer within the check's time (" + host + " did not resolve in time)"}
	case dnsErr.IsNotFound:
		return result{problem: "the host " + validate.Sanitize(host) + " does not resolve: is the name right?"}
	}
	return result{offline: true, problem: "the host " + validate.Sanitize(host) + " could not be looked up (no network?)"}
}

// fetchProblem says in words why a request failed.
func fetchProblem(ctx context.Context, err error) string {
	var (
		invalid   x509.CertificateInvalidError
		unknown   x509.UnknownAuthorityError
		hostname  x509.HostnameError
		verifyErr *tls.CertificateVerificationError
	)
	switch {
	case errors.Is(err, errTooManyRedirects):
		return "redirects too many times (a loop?)"
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return "did not answer within the check's time"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "its certificate has expired or is not valid yet"
	case errors.As(err, &unknown):
		return "its certificate is not signed by a trusted authority"
	case errors.As(err, &hostname):
		return "its certificate is for another name"
	case errors.As(err, &invalid):
		return "its certificate is not valid"
	case errors.As(err, &verifyErr):
		return "its certificate is not valid"
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return "does not accept connections"
	}
	return "could not be fetched"
}

// size is n bytes in words.
func size(n int64) string {
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
