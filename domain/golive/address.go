package golive

import (
	"net/netip"
	"net/url"
	"strings"

	"github.com/flexslot/flexslot-register/validate"
)

// loopback is what an address on this machine is, in words.
const loopback = "a loopback address"

// nonPublic are the addresses a check never connects to, each with what it
// is in words: this machine, a network of its own, or a range that is no
// place on the internet (the special-purpose ranges of RFC 6890 and its
// successors that are not globally reachable). A player's browser cannot
// reach a site there, so a link or host there is a finding. The first that
// holds an address names it.
var nonPublic = []struct {
	prefix netip.Prefix
	what   string
}{
	{netip.MustParsePrefix("127.0.0.0/8"), loopback},
	{netip.MustParsePrefix("::1/128"), loopback},
	{netip.MustParsePrefix("0.0.0.0/8"), "an unspecified address"}, // 0.0.0.0 reaches this machine
	{netip.MustParsePrefix("::/128"), "an unspecified address"},
	{netip.MustParsePrefix("169.254.0.0/16"), "a link-local address"},
	{netip.MustParsePrefix("fe80::/10"), "a link-local address"},
	{netip.MustParsePrefix("10.0.0.0/8"), "a private address"},
	{netip.MustParsePrefix("172.16.0.0/12"), "a private address"},
	{netip.MustParsePrefix("192.168.0.0/16"), "a private address"},
	{netip.MustParsePrefix("fc00::/7"), "a private address"},
	{netip.MustParsePrefix("fec0::/10"), "a private address"},     // site-local, deprecated but routed inside some networks
	{netip.MustParsePrefix("100.64.0.0/10"), "a private address"}, // shared by carrier-grade NAT and overlay networks
	{netip.MustParsePrefix("224.0.0.0/4"), "a multicast address"},
	{netip.MustParsePrefix("ff00::/8"), "a multicast address"},
	{netip.MustParsePrefix("192.0.2.0/24"), "a documentation address"},
	{netip.MustParsePrefix("198.51.100.0/24"), "a documentation address"},
	{netip.MustParsePrefix("203.0.113.0/24"), "a documentation address"},
	{netip.MustParsePrefix("2001:db8::/32"), "a documentation address"},
	{netip.MustParsePrefix("192.0.0.0/24"), "a reserved address"},
	{netip.MustParsePrefix("198.18.0.0/15"), "a reserved address"},  // benchmarking
	{netip.MustParsePrefix("240.0.0.0/4"), "a reserved address"},    // and the broadcast address
	{netip.MustParsePrefix("::/96"), "a reserved address"},          // IPv4-compatible, deprecated
	{netip.MustParsePrefix("100::/64"), "a reserved address"},       // discard-only
	{netip.MustParsePrefix("64:ff9b:1::/48"), "a reserved address"}, // NAT64 for local use
}

// Prefixes that carry an IPv4 address inside an IPv6 one: what they reach
// is where the IPv4 address is.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// nonPublicKind is what addr is in words when it is not a public address on
// the internet, and "" when it is. An IPv4 address inside an IPv6 one
// (mapped, NAT64, 6to4) counts as itself, and a zone is ignored.
func nonPublicKind(addr netip.Addr) string {
	addr = addr.WithZone("").Unmap()
	if addr.Is6() {
		b := addr.As16()
		switch {
		case nat64.Contains(addr):
			addr = netip.AddrFrom4([4]byte(b[12:16]))
		case sixToFour.Contains(addr):
			addr = netip.AddrFrom4([4]byte(b[2:6]))
		}
	}
	for _, r := range nonPublic {
		if r.prefix.Contains(addr) {
			return r.what
		}
	}
	return ""
}

// isLocalhost reports whether host is localhost or a name under it, which
// browsers take to this machine without asking DNS (RFC 6761 §6.3): a
// check does the same, and never looks it up.
func isLocalhost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// refusedError is an address not connected to: the link's or a redirect
// URI's host, or where a redirect led.
type refusedError struct {
	to   *url.URL   // where the redirect led; nil for the link or host itself
	host string     // the host as the URL names it
	addr netip.Addr // the address it is at; invalid for localhost, never looked up
	what string     // what kind of address it is, in words
}

func (e *refusedError) Error() string { return e.problem() }

// problem is the refusal as a finding says it: where the host is (at which
// address, when the URL named a host that resolved), and that players'
// browsers cannot reach it, which is why it was not contacted.
func (e *refusedError) problem() string {
	_, err := netip.ParseAddr(e.host)
	named := err != nil && e.addr.IsValid()
	at := validate.Sanitize(e.addr.String()) // a zone is the resolver's text
	if e.to == nil {
		if named {
			return "resolves to " + e.what + " (" + at + "): " + unreachable
		}
		return "is on " + e.what + ": " + unreachable
	}
	where := shown(e.to)
	if named {
		where += " at " + at
	}
	return "redirects to " + where + ", " + e.what + ": not followed (" + unreachable + ")"
}

// unreachable is why a host on an address that is not public is a finding.
const unreachable = "players' browsers cannot reach it"
