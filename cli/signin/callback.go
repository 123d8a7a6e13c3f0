package signin

import (
	"fmt"
	"net/http"
	"strings"
)

// serveCallback answers the listener's requests. Only the redirect URI's
// path is served, compared byte for byte in its escaped form as the server
// matches the URI (RFC 6749 §3.1.2, RFC 8252 §7.3); never through a
// ServeMux pattern, which a path such as /cb/{x} would turn into a wildcard.
// The browser's return is taken once; the tab is told it may close.
func (f *Flow) serveCallback(w http.ResponseWriter, r *http.Request) {
	if r.URL.EscapedPath() != f.callbackPath {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	select {
	case f.callbacks <- q:
	default: // a second visit: the first one counts
	}
	if q.Get("error") != "" {
		writePage(w, http.StatusOK, "Sign-in did not complete",
			"flexslot-register got the answer ("+q.Get("error")+"): you can close this tab and go back to the terminal.")
		return
	}
	writePage(w, http.StatusOK, "Signed in",
		"flexslot-register got the sign-in: you can close this tab and go back to the terminal.")
}

// writePage answers the browser with a small page that loads nothing.
func writePage(w http.ResponseWriter, status int, title, words string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head>`+
		`<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 3rem auto"><h1>%s</h1><p>%s</p></body></html>`,
		htmlEscape(title), htmlEscape(title), htmlEscape(words))
}

// htmlEscape escapes text for the callback page.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
