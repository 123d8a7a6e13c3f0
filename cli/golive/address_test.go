package golive

import (
	"net/netip"
	"testing"
)

// TestNonPublicKind: what a redirect may not lead into, by address, with
// an IPv4 address inside an IPv6 one counting as itself.
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
