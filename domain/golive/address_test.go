package golive

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// TestNonPublicKind: what a check never connects to, by address, with an
// IPv4 address inside an IPv6 one counting as itself.
func TestNonPublicKind(t *testing.T) {
	tests := []struct {
		addr, want string // want "" for a public address
	}{
		{internetAddr, ""},
		{"93.184.215.14", ""},
		{"2606:4700::6810:84e5", ""},
		{"127.0.0.1", "a loopback address"},
		{"127.255.0.9", "a loopback address"},
		{"::1", "a loopback address"},
		{"::ffff:127.0.0.1", "a loopback address"},
		{"0.0.0.0", "an unspecified address"},
		{"::", "an unspecified address"},
		{"169.254.169.254", "a link-local address"},
		{"fe80::1", "a link-local address"},
		{"fe80::1%eth0", "a link-local address"},
		{"10.1.2.3", "a private address"},
		{"172.16.0.1", "a private address"},
		{"172.31.255.255", "a private address"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "a private address"},
		{"fd00::1", "a private address"},
		{"fc00::1", "a private address"},
		{"100.64.0.1", "a private address"},
		{"::ffff:10.0.0.1", "a private address"},
		{"64:ff9b::a00:1", "a private address"},       // NAT64 of 10.0.0.1
		{"64:ff9b::7f00:1", "a loopback address"},     // NAT64 of 127.0.0.1
		{"64:ff9b::5db8:d70e", ""},                    // NAT64 of a public address
		{"2002:a9fe:a9fe::1", "a link-local address"}, // 6to4 of 169.254.169.254
		{"224.0.0.1", "a multicast address"},
		{"ff02::1", "a multicast address"},
		{"255.255.255.255", "a reserved address"},
		{"192.0.2.1", "a documentation address"},
		{"2001:db8::1", "a documentation address"},
		{"198.18.0.1", "a reserved address"},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			if got := nonPublicKind(netip.MustParseAddr(tt.addr)); got != tt.want {
				t.Errorf("nonPublicKind(%s) = %q, want %q", tt.addr, got, tt.want)
			}
		})
	}
}

// TestLinksStayOnTheInternet: a link, or a redirect URI's host, on
// loopback, localhost, a private network or link-local, named by its
// address or by a name that resolves there, is a finding that says so, and
// is neither fetched nor handshaken: nothing connects to the server on
// loopback, nothing but the public address is dialled. A name at a
// loopback and a public address is checked at the public one.
func TestLinksStayOnTheInternet(t *testing.T) {
	var conns atomic.Int32
	in := port(insideServer(t, "127.0.0.1:0", &conns))
	in6 := "1" // where there is no IPv6 loopback, the finding is all there is to see
	if srv := insideServer(t, "[::1]:0", &conns); srv != nil {
		in6 = port(srv)
	}
	public := port(plainServer(t, nil))
	const (
		onLoopback = "is on a loopback address: players' browsers cannot reach it"
		onPrivate  = "is on a private address: players' browsers cannot reach it"
	)
	tests := []struct {
		name  string
		req   api.CreateClientRequest
		field string
		want  string // the problem; "" for none
	}{
		{"a link on 127.0.0.1", api.CreateClientRequest{PrivacyPolicyURL: "http://127.0.0.1:" + in + "/admin/x"}, api.FieldPrivacyPolicyURL, onLoopback},
		{"a link on ::1", api.CreateClientRequest{PrivacyPolicyURL: "http://[::1]:" + in6 + "/privacy"}, api.FieldPrivacyPolicyURL, onLoopback},
		{"a link on loopback, IPv4-mapped", api.CreateClientRequest{ApplicationLogoURL: "https://[::ffff:127.0.0.1]:" + in + "/logo.png"}, api.FieldApplicationLogoURL, onLoopback},
		{"a link on localhost, never looked up", api.CreateClientRequest{ApplicationURL: "http://localhost:" + in + "/"}, api.FieldApplicationURL, onLoopback},
		{"a link through a name on loopback", api.CreateClientRequest{TOSURL: "https://inside.test:" + in + "/tos"}, api.FieldTOSURL,
			"resolves to a loopback address (127.0.0.1): players' browsers cannot reach it"},
		{"a link on 10.x", api.CreateClientRequest{PrivacyPolicyURL: "https://10.0.0.5:8443/privacy"}, api.FieldPrivacyPolicyURL, onPrivate},
		{"a link through a name on 10.x", api.CreateClientRequest{PrivacyPolicyURL: "https://private.test/privacy"}, api.FieldPrivacyPolicyURL,
			"resolves to a private address (10.0.0.5): players' browsers cannot reach it"},
		{"a link on 169.254.x", api.CreateClientRequest{ApplicationURL: "http://169.254.169.254/latest/meta-data/"}, api.FieldApplicationURL,
			"is on a link-local address: players' browsers cannot reach it"},
		{"a link through a name on 169.254.x", api.CreateClientRequest{ApplicationURL: "https://metadata.test/"}, api.FieldApplicationURL,
			"resolves to a link-local address (169.254.169.254): players' browsers cannot reach it"},
		{"a redirect host through a name on loopback", api.CreateClientRequest{RedirectURIs: []string{"https://inside.test:" + in + "/cb"}}, api.FieldRedirectURIs,
			"resolves to a loopback address (127.0.0.1): players' browsers cannot reach it"},
		{"a redirect host under localhost", api.CreateClientRequest{RedirectURIs: []string{"https://app.localhost:" + in + "/cb"}}, api.FieldRedirectURIs, onLoopback},
		{"a redirect host on 10.x", api.CreateClientRequest{RedirectURIs: []string{"https://10.0.0.5/cb"}}, api.FieldRedirectURIs, onPrivate},
		{"a redirect host through a name on 169.254.x", api.CreateClientRequest{RedirectURIs: []string{"https://metadata.test/cb"}}, api.FieldRedirectURIs,
			"resolves to a link-local address (169.254.169.254): players' browsers cannot reach it"},
		{"a link at a loopback and a public address", api.CreateClientRequest{PrivacyPolicyURL: "http://twofaced.test:" + public + "/privacy"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &internet{inside: []string{in, in6}}
			before := conns.Load()
			report := n.checker(time.Second, nil).Check(context.Background(), tt.req)
			switch {
			case report.Offline:
				t.Errorf("offline")
			case tt.want == "" && len(report.Findings) > 0:
				t.Errorf("findings: %v", report.Findings)
			case tt.want != "" && (len(report.Findings) != 1 || report.Findings[0].Field != tt.field || report.Findings[0].Problem != tt.want):
				t.Errorf("findings: %v, want one at %s: %q", report.Findings, tt.field, tt.want)
			}
			noneInside(t, n, &conns, before)
		})
	}
}

// noneInside fails t if the check on n dialled anything but the public
// address, or connected to a server on loopback since it counted before.
func noneInside(t *testing.T, n *internet, conns *atomic.Int32, before int32) {
	t.Helper()
	if got := conns.Load(); got != before {
		t.Errorf("the check made %d connections to a server on loopback", got-before)
	}
	for _, host := range n.hosts(0) {
		if host != internetAddr {
			t.Errorf("dialled %s; only %s was to be", host, internetAddr)
		}
	}
}

// TestRebindingStaysOutside: a name that answers a public address the first
// time and loopback after (DNS rebinding) leads no later connection of the
// check inside: each dial judges the address it looked up, whether for
// another link on the name, a redirect URI's host or a redirect back to it.
func TestRebindingStaysOutside(t *testing.T) {
	var conns atomic.Int32
	in := port(insideServer(t, "127.0.0.1:0", &conns))
	public := port(plainServer(t, nil))
	const rebound = "resolves to a loopback address (127.0.0.1): players' browsers cannot reach it"
	tests := []struct {
		name string
		req  api.CreateClientRequest
		want string // in one of the findings
	}{
		{"two links on the name", api.CreateClientRequest{PrivacyPolicyURL: "http://rebind.test:" + in + "/privacy", TOSURL: "http://rebind.test:" + in + "/tos"}, rebound},
		{"a link and a redirect host on the name", api.CreateClientRequest{PrivacyPolicyURL: "http://rebind.test:" + in + "/privacy",
			RedirectURIs: []string{"https://rebind.test:" + in + "/cb"}}, rebound},
		{"a redirect back to the name", api.CreateClientRequest{PrivacyPolicyURL: "http://rebind.test:" + public + "/redirect?to=http://rebind.test:" + in + "/admin"},
			"redirects to http://rebind.test:" + in + "/admin at 127.0.0.1, a loopback address: not followed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &internet{inside: []string{in}}
			before := conns.Load()
			report := n.checker(time.Second, nil).Check(context.Background(), tt.req)
			if !strings.Contains(fmt.Sprint(report.Findings), tt.want) {
				t.Errorf("findings: %v, want one: %q", report.Findings, tt.want)
			}
			noneInside(t, n, &conns, before)
		})
	}
}
