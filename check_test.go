package main

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/flexslot/flexslot-register/domain/golive"
	"github.com/flexslot/flexslot-register/internal/cli"
)

// publicAddr is where the go-live check of a test finds example.com: an
// address it counts as public, which the test dials on loopback.
const publicAddr = "11.0.0.1"

// onTheInternet makes the go-live check, for the rest of t, trust srv's
// certificate, if it has one, and find example.com (which the certificate
// names) at publicAddr, dialled on loopback at the same port;
// intranet.example is on a private network and loopback.example on
// loopback. It dials loopback as it is, so that a check that dials
// loopback reaches the server there, as the test must see, and nothing
// else. The addresses dialled are kept in the slice returned.
func onTheInternet(t *testing.T, srv *httptest.Server) *[]string {
	t.Helper()
	roots := x509.NewCertPool()
	if cert := srv.Certificate(); cert != nil {
		roots.AddCert(cert)
	}
	var (
		mu     sync.Mutex
		dialed []string
	)
	saved := goLive
	t.Cleanup(func() { goLive = saved })
	goLive = func() *golive.Checker {
		return &golive.Checker{RootCAs: roots,
			LookupHost: func(_ context.Context, host string) ([]string, error) {
				switch host {
				case "example.com":
					return []string{publicAddr}, nil
				case "intranet.example":
					return []string{"10.0.0.5"}, nil
				case "loopback.example":
					return []string{"127.0.0.1"}, nil
				}
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			},
			Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
				mu.Lock()
				dialed = append(dialed, addr)
				mu.Unlock()
				host, port, _ := net.SplitHostPort(addr)
				if host != publicAddr && host != "127.0.0.1" {
					return nil, fmt.Errorf("the test dials loopback only, not %s", addr)
				}
				return (&net.Dialer{}).DialContext(ctx, network, net.JoinHostPort("127.0.0.1", port))
			}}
	}
	return &dialed
}

// TestCheckCommand: check against a site on the internet (as the check sees
// it): a link that answers, a 404, a logo that is a page, from flags and
// from a manifest; --offline; and a request with nothing to look at.
func TestCheckCommand(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("/logo", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("<html></html>")) })
	srv := httptest.NewTLSServer(mux)
	t.Cleanup(srv.Close)
	onTheInternet(t, srv)
	site := fmt.Sprintf("https://example.com:%d", srv.Listener.Addr().(*net.TCPAddr).Port)
	manifest := filepath.Join(t.TempDir(), "flexslot-client.json")
	if err := os.WriteFile(manifest, []byte(`{"application_name":"Deck Tracker","privacy_policy_url":"`+site+`/privacy"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		args         []string
		code         int
		stdout, errs string
	}{
		{"all answer", []string{"check", "--app-url", site + "/ok", "--tos-url", site + "/ok"}, 0, "", "Checked 2 links and hosts: nothing to warn about."},
		{"a 404 and a page for a logo", []string{"check", "--app-url", site + "/missing", "--logo-url", site + "/logo"}, cli.ExitFailed,
			"warning: application_url " + site + "/missing: answers 404 Not Found\n", "checked 2 links and hosts: 2 warnings"},
		{"from a manifest", []string{"check", "--from", manifest}, cli.ExitFailed,
			"warning: privacy_policy_url " + site + "/privacy: answers 404 Not Found\n", "checked 1 link or host: 1 warning"},
		{"offline", []string{"check", "--offline", "--app-url", site + "/missing"}, 0, "", "Skipped the go-live check (--offline)"},
		{"nothing to check", []string{"check", "--redirect-uri", "http://127.0.0.1/cb"}, 0, "", "Nothing to check"},
		{"a bad URL", []string{"check", "--app-url", "ftp://x"}, cli.ExitUsage, "", "--app-url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runWith(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
		})
	}
}

// TestCheckStaysOutside: a manifest, say from a pull request, whose links
// and redirect URIs are on this machine or a private network, by address
// or by name, gets a warning for each that players' browsers cannot reach
// it, and exit 1; check connects to none of them: the server on loopback,
// which would answer 200, gets no connection, and nothing is dialled.
func TestCheckStaysOutside(t *testing.T) {
	var conns atomic.Int32
	local := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("admin")) }))
	local.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	local.Start()
	t.Cleanup(local.Close)
	dialed := onTheInternet(t, local)
	p := local.Listener.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name, manifest, stdout, stderr string
	}{
		{"a privacy link on 127.0.0.1", `{"application_name":"Deck Tracker","privacy_policy_url":"http://127.0.0.1:%[1]d/admin/x"}`,
			"warning: privacy_policy_url http://127.0.0.1:%[1]d/admin/x: is on a loopback address: players' browsers cannot reach it\n",
			"checked 1 link or host: 1 warning"},
		{"every field, by address and by name", `{"application_name":"Deck Tracker","redirect_uris":["https://loopback.example:%[1]d/cb"],` +
			`"application_url":"https://intranet.example:%[1]d/","privacy_policy_url":"http://127.0.0.1:%[1]d/admin/x","tos_url":"http://localhost:%[1]d/tos"}`,
			`warning: redirect_uris https://loopback.example:%[1]d/cb: resolves to a loopback address (127.0.0.1): players' browsers cannot reach it
warning: application_url https://intranet.example:%[1]d/: resolves to a private address (10.0.0.5): players' browsers cannot reach it
warning: privacy_policy_url http://127.0.0.1:%[1]d/admin/x: is on a loopback address: players' browsers cannot reach it
warning: tos_url http://localhost:%[1]d/tos: is on a loopback address: players' browsers cannot reach it
`, "checked 4 links and hosts: 4 warnings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			manifest := filepath.Join(t.TempDir(), "flexslot-client.json")
			if err := os.WriteFile(manifest, fmt.Appendf(nil, tt.manifest, p), 0o600); err != nil {
				t.Fatal(err)
			}
			before, dials := conns.Load(), len(*dialed)
			code, stdout, stderr := runWith(t, "", "check", "--from", manifest)
			if want := fmt.Sprintf(tt.stdout, p); code != cli.ExitFailed || stdout != want || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d\nstdout %q\nwant   %q\nstderr %q", code, stdout, want, stderr)
			}
			if n := conns.Load() - before; n != 0 {
				t.Errorf("check made %d connections to the server on loopback", n)
			}
			if len(*dialed) != dials {
				t.Errorf("check dialled %v", (*dialed)[dials:])
			}
		})
	}
}

// TestCheckWithoutNetwork: where no name resolves for want of a network (the
// resolver's temporary failure, as with no DNS server to ask), check says
// that nothing was checked and fails, rather than warn of each link; where
// a name does not exist, that is a warning about the link.
func TestCheckWithoutNetwork(t *testing.T) {
	tests := []struct {
		name      string
		temporary bool
		stdout    string
		errs      string
	}{
		{"no network", true, "", "no network here: no link or host could be looked at, so nothing was checked"},
		{"a name that does not exist", false, "warning: application_url https://decktracker.example/: ", "checked 2 links and hosts: 2 warnings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := goLive
			t.Cleanup(func() { goLive = saved })
			goLive = func() *golive.Checker {
				return &golive.Checker{LookupHost: func(_ context.Context, host string) ([]string, error) {
					return nil, &net.DNSError{Err: "no answer", Name: host, IsTemporary: tt.temporary, IsNotFound: !tt.temporary}
				}}
			}
			code, stdout, stderr := runWith(t, "", "check", "--app-url", "https://decktracker.example/", "--redirect-uri", "https://decktracker.example/cb")
			if code != cli.ExitFailed || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.errs) {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if tt.temporary && strings.Contains(stdout, "warning") {
				t.Errorf("warnings without a network:\n%s", stdout)
			}
		})
	}
}

// TestCheckRedirects: an https privacy link on the internet whose redirect
// leads into this machine is a warning that says where and that it was not
// followed, and nothing there is asked; one whose redirect leads to plain
// http is a warning too. Exit 1 either way.
func TestCheckRedirects(t *testing.T) {
	var asked atomic.Int32
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		asked.Add(1)
		w.Write([]byte("admin"))
	}))
	t.Cleanup(local.Close)
	site := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	t.Cleanup(site.Close)
	onTheInternet(t, site)
	sitePort, localPort := site.Listener.Addr().(*net.TCPAddr).Port, local.Listener.Addr().(*net.TCPAddr).Port
	link := func(to string) string {
		return fmt.Sprintf("https://example.com:%d/privacy?to=%s", sitePort, url.QueryEscape(to))
	}
	tests := []struct {
		name, link, stdout string
		followed           bool // the local server is asked
	}{
		{"into loopback", link(local.URL + "/admin"),
			"warning: privacy_policy_url " + link(local.URL+"/admin") + ": redirects to " + local.URL + "/admin, a loopback address: not followed (players' browsers cannot reach it)\n", false},
		{"to plain http", link(fmt.Sprintf("http://example.com:%d/privacy", localPort)),
			fmt.Sprintf(": redirects to plain http (http://example.com:%d/privacy), which is not encrypted\n", localPort), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := asked.Load()
			code, stdout, stderr := runWith(t, "", "check", "--privacy-url", tt.link)
			if code != cli.ExitFailed || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, "checked 1 link or host: 1 warning") {
				t.Errorf("exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
			}
			if followed := asked.Load() != before; followed != tt.followed {
				t.Errorf("the local server asked: %v, want %v", followed, tt.followed)
			}
		})
	}
}
