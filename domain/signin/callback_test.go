package signin

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/flexslot/flexslot-register/api/sandbox/sandboxtest"
)

// visit is a request some other program makes to the listener before the
// browser comes back: its path and query (where OURS stands for our state,
// OURS+x for it with one more character, OURS-1 for it less its first, and
// ISS for the API's issuer), and the status it must get.
type visit struct {
	path, query string
	status      int
}

// meddler plays the user's browser as browser does, but first sends each
// of visits to the listener, over loopback, and checks its status. done
// ends when the browser has its last page.
func meddler(t *testing.T, visits []visit) (open func(string) error, done *sync.WaitGroup) {
	done = new(sync.WaitGroup)
	return func(authorize string) error {
		done.Add(1)
		go func() {
			defer done.Done()
			a, err := url.Parse(authorize)
			if err != nil {
				t.Error(err)
				return
			}
			redirect, err := url.Parse(a.Query().Get("redirect_uri"))
			if err != nil {
				t.Error(err)
				return
			}
			iss := a.Scheme + "://" + a.Host
			for _, v := range visits {
				query := url.Values{}
				for k, vs := range parseQuery(t, v.query) {
					for _, s := range vs {
						switch s {
						case "OURS":
							s = a.Query().Get("state")
						case "OURS+x":
							s = a.Query().Get("state") + "x"
						case "OURS-1":
							s = a.Query().Get("state")[1:]
						case "ISS":
							s = iss
						}
						query.Add(k, s)
					}
				}
				target := "http://" + redirect.Host + v.path + "?" + query.Encode()
				if status := get(t, target); status != v.status {
					t.Errorf("GET %s answered %d, want %d", v.path+"?"+v.query, status, v.status)
				}
			}
			callback, err := sandboxtest.Consent(authorize, "allow")
			if err != nil {
				t.Error(err)
				return
			}
			if status := get(t, callback.String()); status != http.StatusOK {
				t.Errorf("the callback %s answered %d", callback.Path, status)
			}
		}()
		return nil
	}, done
}

func parseQuery(t *testing.T, query string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// get sends a GET over loopback and returns its status (0 when it failed).
func get(t *testing.T, target string) int {
	t.Helper()
	resp, err := http.Get(target)
	if err != nil {
		t.Errorf("GET %s: %v", target, err)
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// signIn starts a sign-in with the public client of w and the redirect URI
// uri, in a browser that first makes visits, and waits for it. A panic in
// Start is a failure of its own, so that the other cases still run.
func signIn(t *testing.T, w world, uri string, visits []visit) (out Outcome, err error) {
	t.Helper()
	client := w.public.Client
	client.RedirectURIs = []string{uri}
	open, browsing := meddler(t, visits)
	var flow *Flow
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("Start panicked: %v", p)
			}
		}()
		flow, err = Start(Options{BaseURL: w.base, Client: client, Open: open})
	}()
	if err != nil {
		t.Fatal(err)
	}
	defer flow.Close()
	if err := flow.Precheck(context.Background()); err != nil {
		t.Errorf("precheck: %v", err) // and on: what the listener answers is worth seeing too
	}
	defer browsing.Wait()
	return flow.Wait(context.Background(), 5*time.Second)
}

// TestCallbackPath: every redirect URI the form accepts signs in, served by
// its exact path; a request on another path gets 404, even with our state,
// and the sign-in goes on.
func TestCallbackPath(t *testing.T) {
	tests := []struct {
		name, uri string
		others    []string
	}{
		{"a path", "http://127.0.0.1/callback", []string{"/callback/", "/CALLBACK", "/callback/x", "/"}},
		{"no path", "http://127.0.0.1", []string{"/callback", "/favicon.ico"}},
		{"the root", "http://127.0.0.1/", []string{"/callback"}},
		{"an escaped space", "http://127.0.0.1/a%20b", []string{"/a+b", "/a%2520b", "/a"}},
		{"an escaped slash", "http://127.0.0.1/a%2Fb", []string{"/a/b"}},
		{"an escaped brace", "http://127.0.0.1/cb/%7Bx", []string{"/cb/x", "/cb/"}},
		{"a pattern's wildcard in the middle", "http://127.0.0.1/cb/{x...}/y", []string{"/cb/a/b/y", "/cb/x/y"}},
		{"a pattern's wildcard", "http://127.0.0.1/cb/{x}", []string{"/cb/other", "/cb/x"}},
		{"a query", "http://127.0.0.1/cb?tenant=1", []string{"/cb/"}},
		{"IPv6", "http://[::1]/cb", []string{"/cb/"}},
	}
	w := newWorld(t)
	var uris []string
	for _, tt := range tests {
		uris = append(uris, tt.uri)
	}
	w.public = w.register(t, "Deck paths", "public", uris...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var visits []visit
			for _, p := range tt.others {
				visits = append(visits, visit{p, "state=OURS&iss=ISS&code=forged", http.StatusNotFound})
			}
			out, err := signIn(t, w, tt.uri, visits)
			if err != nil || !out.Revoked || out.Status != http.StatusOK {
				t.Errorf("got %+v, %v; want a sign-in", out, err)
			}
		})
	}
}

// TestForeignCallbacksIgnored: a request to the callback without our state
// (another program's, or a web page's through an <img>) gets 400 and does
// not end the wait: the browser's return that follows signs in.
func TestForeignCallbacksIgnored(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name  string
		query string
	}{
		{"another state", "state=forged&iss=ISS&code=forged"},
		{"no state", "iss=ISS&code=forged"},
		{"an empty state", "state=&iss=ISS&code=forged"},
		{"an error without state", "error=access_denied&iss=ISS"},
		{"an error with another state", "state=forged&error=access_denied&iss=ISS"},
		{"our state and one more character", "state=OURS%2Bx&iss=ISS&code=forged"},
		{"our state less its first character", "state=OURS-1&iss=ISS&code=forged"},
		{"another state first, then ours", "state=forged&state=OURS&iss=ISS&code=forged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			visits := []visit{{"/callback", tt.query, http.StatusBadRequest}, {"/callback", tt.query, http.StatusBadRequest}}
			out, err := signIn(t, w, "http://127.0.0.1/callback", visits)
			if err != nil || !out.Revoked || out.Status != http.StatusOK {
				var e *Error
				errors.As(err, &e)
				t.Errorf("got %+v, %#v; want a sign-in", out, e)
			}
		})
	}
}
