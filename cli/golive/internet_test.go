package golive

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// internetAddr is where the internet of a test puts every name under
// .test: an address in no special-purpose range, so a public one to the
// check, and one the test never connects to.
const internetAddr = "11.0.0.1"

// internet is how a test puts its loopback servers on the internet as a
// check sees it. Its resolver finds names under .test at internetAddr,
// inside.test on loopback, and twofaced.test at both; its dialler takes
// internetAddr to loopback at the same port, dials loopback as it is, and
// nothing else. Every address it is asked to dial is kept.
type internet struct {
	mu     sync.Mutex
	dialed []string
}

// checker is a check on n that trusts roots.
func (n *internet) checker(deadline time.Duration, roots *x509.CertPool) *Checker {
	return &Checker{Deadline: deadline, RootCAs: roots, LookupHost: n.lookup, Dial: n.dial}
}

func (n *internet) lookup(ctx context.Context, host string) ([]string, error) {
	switch host {
	case "inside.test":
		return []string{"127.0.0.1"}, nil
	case "twofaced.test":
		return []string{"127.0.0.1", internetAddr}, nil
	}
	return names(ctx, host)
}

func (n *internet) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	n.mu.Lock()
	n.dialed = append(n.dialed, addr)
	n.mu.Unlock()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ip, err := netip.ParseAddr(host)
	switch {
	case err != nil:
		return nil, fmt.Errorf("the test dials addresses, not %s", addr)
	case ip.String() == internetAddr:
		addr = net.JoinHostPort("127.0.0.1", port)
	case !ip.Unmap().IsLoopback():
		return nil, fmt.Errorf("the test dials loopback only, not %s", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// hosts are the hosts dialled since the first n dials.
func (n *internet) hosts(from int) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for _, addr := range n.dialed[from:] {
		host, _, _ := net.SplitHostPort(addr)
		out = append(out, host)
	}
	return out
}
