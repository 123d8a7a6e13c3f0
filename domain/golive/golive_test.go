package golive

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api"
)

// testCA is a certificate authority made for one test run, trusted by the
// checker under test only.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pool *x509.CertPool
}

func newCA(t testing.TB) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "golive test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &testCA{cert, key, pool}
}

// leaf is a server certificate for names, valid from notBefore to notAfter.
func (ca *testCA) leaf(t testing.TB, notBefore, notAfter time.Time, names ...string) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: names[0]},
		DNSNames: names, NotBefore: notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// tlsServer serves h over TLS on loopback with cert.
func tlsServer(t testing.TB, cert tls.Certificate, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	// A check that closes after the handshake, or gives up at its
	// deadline, is what the servers are here for: not worth a log line.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// port is the server's port.
func port(srv *httptest.Server) string {
	_, p, _ := net.SplitHostPort(srv.Listener.Addr().String())
	return p
}

// names resolves every name under .test to internetAddr, and nxdomain.test
// to nothing: the stand-in for DNS, which tests may not reach.
func names(_ context.Context, host string) ([]string, error) {
	if strings.HasSuffix(host, ".test") && host != "nxdomain.test" {
		return []string{internetAddr}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// site is a set of loopback servers: decktracker.test with a certificate
// from the trusted CA, expired.test with an expired one, stranger.test with
// one from a CA nobody trusts.
type site struct {
	ca                     *testCA
	good, expired, foreign *httptest.Server
	mu                     sync.Mutex
	seen                   []http.Header // the headers of every request the good server got
}

func newSite(t testing.TB) *site {
	s := &site{ca: newCA(t)}
	now := time.Now()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<h1>Deck Tracker</h1>")) })
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(make([]byte, 2048))
	})
	mux.HandleFunc("/logo.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html>not a logo</html>"))
	})
	mux.HandleFunc("/big.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(make([]byte, 2<<20))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "x"})
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "x"})
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	})
	record := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.seen = append(s.seen, r.Header.Clone())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	})
	s.good = tlsServer(t, s.ca.leaf(t, now.Add(-time.Hour), now.Add(time.Hour), "decktracker.test"), record)
	s.expired = tlsServer(t, s.ca.leaf(t, now.Add(-48*time.Hour), now.Add(-24*time.Hour), "expired.test"), mux)
	s.foreign = tlsServer(t, newCA(t).leaf(t, now.Add(-time.Hour), now.Add(time.Hour), "stranger.test"), mux)
	return s
}

func (s *site) url(host string, srv *httptest.Server, path string) string {
	return "https://" + host + ":" + port(srv) + path
}

// checker is a check that trusts the site's CA, on an internet of its own.
func (s *site) checker(deadline time.Duration) *Checker {
	return (&internet{}).checker(deadline, s.ca.pool)
}

func TestCheck(t *testing.T) {
	s := newSite(t)
	good := func(path string) string { return s.url("decktracker.test", s.good, path) }
	tests := []struct {
		name  string
		req   api.CreateClientRequest
		field string
		want  string // the problem; "" for none
	}{
		{"a page that answers", api.CreateClientRequest{ApplicationURL: good("/ok")}, "", ""},
		{"a redirect to a page that answers", api.CreateClientRequest{TOSURL: good("/moved")}, "", ""},
		{"an image logo", api.CreateClientRequest{ApplicationLogoURL: good("/logo.png")}, "", ""},
		{"a 404", api.CreateClientRequest{PrivacyPolicyURL: good("/missing")}, api.FieldPrivacyPolicyURL, "answers 404 Not Found"},
		{"an HTML logo", api.CreateClientRequest{ApplicationLogoURL: good("/logo.html")}, api.FieldApplicationLogoURL, "is not an image (text/html)"},
		{"a 2 MiB logo", api.CreateClientRequest{ApplicationLogoURL: good("/big.png")}, api.FieldApplicationLogoURL, "larger than 1 MiB"},
		{"a slow server", api.CreateClientRequest{TOSURL: good("/slow")}, api.FieldTOSURL, "did not answer within the check's time"},
		{"a redirect loop", api.CreateClientRequest{ApplicationURL: good("/loop")}, api.FieldApplicationURL, "redirects too many times"},
		{"an expired certificate", api.CreateClientRequest{PrivacyPolicyURL: s.url("expired.test", s.expired, "/ok")}, api.FieldPrivacyPolicyURL, "certificate has expired"},
		{"an untrusted certificate", api.CreateClientRequest{ApplicationURL: s.url("stranger.test", s.foreign, "/ok")}, api.FieldApplicationURL, "not signed by a trusted authority"},
		{"a certificate for another name", api.CreateClientRequest{ApplicationURL: s.url("other.test", s.good, "/ok")}, api.FieldApplicationURL, "certificate is for another name"},
		{"a name that does not resolve", api.CreateClientRequest{ApplicationURL: "https://nxdomain.test/"}, api.FieldApplicationURL, "the host nxdomain.test does not resolve"},
		{"a redirect host that answers", api.CreateClientRequest{RedirectURIs: []string{good("/callback")}}, "", ""},
		{"a redirect host with an expired certificate", api.CreateClientRequest{RedirectURIs: []string{"http://127.0.0.1/cb", s.url("expired.test", s.expired, "/cb")}},
			api.FieldRedirectURIs, "certificate has expired"},
		{"a redirect host that does not resolve", api.CreateClientRequest{RedirectURIs: []string{"https://nxdomain.test/cb"}}, api.FieldRedirectURIs, "does not resolve"},
		{"loopback and custom schemes are not looked at", api.CreateClientRequest{RedirectURIs: []string{"http://127.0.0.1:1/cb", "http://[::1]:1/cb", "com.decktracker.app:/cb"}}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			report := s.checker(time.Second).Check(context.Background(), tt.req)
			if report.Offline {
				t.Fatal("offline")
			}
			switch {
			case tt.want == "" && len(report.Findings) > 0:
				t.Errorf("findings: %v", report.Findings)
			case tt.want != "" && (len(report.Findings) != 1 || report.Findings[0].Field != tt.field || !strings.Contains(report.Findings[0].Problem, tt.want)):
				t.Errorf("findings: %v, want one at %s: %q", report.Findings, tt.field, tt.want)
			}
		})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) == 0 {
		t.Fatal("the server saw no request")
	}
	for _, h := range s.seen {
		if h.Get("Authorization") != "" || h.Get("Cookie") != "" {
			t.Errorf("a check sent credentials: %v", h)
		}
	}
}

// TestCheckKeepsItsDeadline: with every link hanging, the check returns at
// its deadline with a finding for each, not when the servers give up.
func TestCheckKeepsItsDeadline(t *testing.T) {
	s := newSite(t)
	slow := s.url("decktracker.test", s.good, "/slow")
	req := api.CreateClientRequest{ApplicationURL: slow, ApplicationLogoURL: slow, PrivacyPolicyURL: slow, TOSURL: slow}
	start := time.Now()
	report := s.checker(200*time.Millisecond).Check(context.Background(), req)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the check took %s with a deadline of 200ms", took)
	}
	if len(report.Findings) != 4 || report.Checked != 4 {
		t.Errorf("report: %+v", report)
	}
}

// TestCheckOffline: where no name can be looked up for lack of a network,
// the report says so once, with no findings.
func TestCheckOffline(t *testing.T) {
	c := &Checker{Deadline: time.Second, LookupHost: func(context.Context, string) ([]string, error) {
		return nil, &net.DNSError{Err: "dial udp: connect: network is unreachable", Name: "x", IsTemporary: true}
	}}
	report := c.Check(context.Background(), api.CreateClientRequest{ApplicationURL: "https://decktracker.example/", TOSURL: "https://decktracker.example/tos"})
	if !report.Offline || len(report.Findings) != 0 {
		t.Errorf("report: %+v", report)
	}
	// One name unreachable among resolvable ones is a finding, not offline.
	c.LookupHost = func(ctx context.Context, host string) ([]string, error) {
		if host == "flaky.test" {
			return nil, errors.New("server misbehaving")
		}
		return names(ctx, host)
	}
	report = c.Check(context.Background(), api.CreateClientRequest{ApplicationURL: "https://flaky.test/", TOSURL: "https://nxdomain.test/"})
	if report.Offline || len(report.Findings) != 2 {
		t.Errorf("report: %+v", report)
	}
}

// BenchmarkReviewCheck is what the go-live check adds to the review: four
// links on loopback servers, every one answering (goal: under 1 s).
func BenchmarkReviewCheck(b *testing.B) {
	s := newSite(b)
	good := func(path string) string { return s.url("decktracker.test", s.good, path) }
	req := api.CreateClientRequest{ApplicationURL: good("/ok"), ApplicationLogoURL: good("/logo.png"),
		PrivacyPolicyURL: good("/ok"), TOSURL: good("/moved"), RedirectURIs: []string{good("/callback")}}
	c := s.checker(DefaultDeadline)
	for b.Loop() {
		if r := c.Check(context.Background(), req); len(r.Findings) != 0 {
			b.Fatal(r.Findings)
		}
	}
}

// BenchmarkReviewCheckHanging is the same four links with every one hanging:
// the check must take its deadline (here 300 ms), never more.
func BenchmarkReviewCheckHanging(b *testing.B) {
	s := newSite(b)
	slow := s.url("decktracker.test", s.good, "/slow")
	req := api.CreateClientRequest{ApplicationURL: slow, ApplicationLogoURL: slow, PrivacyPolicyURL: slow, TOSURL: slow}
	c := s.checker(300 * time.Millisecond)
	for b.Loop() {
		if r := c.Check(context.Background(), req); len(r.Findings) != 4 {
			b.Fatal(r.Findings)
		}
	}
}

// TestCheckLooksEachNameUpOnce: the dialler's lookup is the only one; a
// check does not ask the resolver again before it connects.
func TestCheckLooksEachNameUpOnce(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	lookups := map[string]int{}
	c := s.checker(time.Second)
	c.LookupHost = func(ctx context.Context, host string) ([]string, error) {
		mu.Lock()
		lookups[host]++
		mu.Unlock()
		return names(ctx, host)
	}
	report := c.Check(context.Background(), api.CreateClientRequest{
		PrivacyPolicyURL: s.url("decktracker.test", s.good, "/ok"), ApplicationURL: "https://nxdomain.test/"})
	if len(report.Findings) != 1 || !strings.Contains(report.Findings[0].Problem, "nxdomain.test does not resolve") {
		t.Errorf("findings: %v", report.Findings)
	}
	if lookups["decktracker.test"] != 1 || lookups["nxdomain.test"] != 1 {
		t.Errorf("lookups: %v, want one a name", lookups)
	}
}

// TestFindingsAreCleaned: a site's reason phrase is its own text, hostile
// until cleaned, like everything from a server.
func TestFindingsAreCleaned(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			buf := make([]byte, 4096)
			conn.Read(buf)
			conn.Write([]byte("HTTP/1.1 404 Not \x1b]0;pwned\x07Found\u202e\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			conn.Close()
		}
	}()
	_, p, _ := net.SplitHostPort(ln.Addr().String())
	report := (&internet{}).checker(time.Second, nil).Check(context.Background(), api.CreateClientRequest{TOSURL: "http://decktracker.test:" + p + "/tos"})
	if len(report.Findings) != 1 || !strings.HasPrefix(report.Findings[0].Problem, "answers 404 Not") {
		t.Fatalf("findings: %v", report.Findings)
	}
	if p := report.Findings[0].Problem; strings.ContainsAny(p, "\x1b\x07\u202e") {
		t.Errorf("the finding carries the site's controls: %q", p)
	}
}

// TestFailureTellsNoNetwork: what counts as "no network" for Report.Offline:
// a lookup's temporary failure, or no route out; a name that does not
// exist, or a refused connection, is a finding about the link.
func TestFailureTellsNoNetwork(t *testing.T) {
	dial := func(err error) error { return &net.OpError{Op: "dial", Net: "tcp", Err: err} }
	tests := []struct {
		name    string
		err     error
		offline bool
	}{
		{"no route", dial(os.NewSyscallError("connect", syscall.ENETUNREACH)), true},
		{"a temporary lookup failure", dial(&net.DNSError{Err: "server misbehaving", Name: "decktracker.example", IsTemporary: true}), true},
		{"a name that does not exist", dial(&net.DNSError{Err: "no such host", Name: "decktracker.example", IsNotFound: true}), false},
		{"a refused connection", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := failure(context.Background(), tt.err)
			if r.offline != tt.offline || r.problem == "" {
				t.Errorf("failure(%v) = %+v, want offline %v with a problem in words", tt.err, r, tt.offline)
			}
		})
	}
}
