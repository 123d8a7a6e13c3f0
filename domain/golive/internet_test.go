package golive

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// internetAddr is where the internet of a test puts every name under
// .test: an address in no special-purpose range, so a public one to the
// check, and one the test never connects to.
const internetAddr = "11.0.0.1"

// internet is how a test puts its loopback servers on the internet as a
// check sees it. Its resolver finds names under .test at internetAddr but
// for a few: inside.test on loopback, private.test on a private network,
// metadata.test at the cloud's metadata address, twofaced.test at
// loopback and internetAddr, rebind.test at internetAddr the first time and
// on loopback after (DNS rebinding); localhost is on loopback, as
// /etc/hosts has it. Its dialler takes internetAddr to loopback at the same
// port, but for the ports of inside servers (on this machine only: nothing
// answers there on the internet); it dials loopback as it is, so that a
// check that dials loopback reaches the server there, as a test must see;
// and nothing else. Every address it is asked to dial is kept.
type internet struct {
	inside []string // the ports of servers on this machine only

	mu      sync.Mutex
	dialed  []string
	rebound bool // rebind.test has answered once
}

// checker is a check on n that trusts roots.
func (n *internet) checker(deadline time.Duration, roots *x509.CertPool) *Checker {
	return &Checker{Deadline: deadline, RootCAs: roots, LookupHost: n.lookup, Dial: n.dial}
}

func (n *internet) lookup(ctx context.Context, host string) ([]string, error) {
	switch host {
	case "localhost":
		return []string{"127.0.0.1", "::1"}, nil
	case "inside.test":
		return []string{"127.0.0.1"}, nil
	case "private.test":
		return []string{"10.0.0.5"}, nil
	case "metadata.test":
		return []string{"169.254.169.254"}, nil
	case "twofaced.test":
		return []string{"127.0.0.1", internetAddr}, nil
	case "rebind.test":
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.rebound {
			return []string{"127.0.0.1"}, nil
		}
		n.rebound = true
		return []string{internetAddr}, nil
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
	case ip.String() == internetAddr && slices.Contains(n.inside, port):
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
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

// insideServer is a server on this machine only, listening at address
// (127.0.0.1:0, [::1]:0), that counts in conns every connection made to it
// whether or not a request follows (a TLS handshake to it is one); nil
// where address cannot be listened on.
func insideServer(t *testing.T, address string, conns *atomic.Int32) *httptest.Server {
	t.Helper()
	ln, err := net.Listen("tcp", address)
	if err != nil {
		return nil
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("admin")) }))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}
