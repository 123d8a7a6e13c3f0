package signin

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/flexslot/flexslot-register/validate"
)

// callback is the browser's return with our state: the code, or why the
// sign-in cannot go on.
type callback struct {
	code string
	err  error
}

// serveCallback answers the listener's requests. Only the redirect URI's
// path is served, compared byte for byte in its escaped form as the server
// matches the URI (RFC 6749 §3.1.2, RFC 8252 §7.3); never through a
// ServeMux pattern, which a path such as /cb/{x} would turn into a wildcard.
// Only a request with our state ends the wait: anything else on the loopback
// (another program, a web page's <img>) could send one without it.
func (f *Flow) serveCallback(w http.ResponseWriter, r *http.Request) {
	if r.URL.EscapedPath() != f.callbackPath {
		http.NotFound(w, r)
		return
	}
	q := r.URL.Query()
	if !f.ours(q.Get("state")) {
		writePage(w, http.StatusBadRequest, "Not this sign-in",
			"This request does not carry the state of the sign-in flexslot-register is waiting for: it was ignored, and the terminal is still waiting.")
		return
	}
	cb := f.judge(q)
	select {
	case f.callbacks <- cb:
	default: // a second visit: the first one counts
	}
	var e *Error
	switch {
	case errors.As(cb.err, &e) && e.Kind == KindOAuth:
		writePage(w, http.StatusOK, "Sign-in did not complete",
			"flexslot-register got the answer ("+e.Code+"): you can close this tab and go back to the terminal.")
	case cb.err != nil:
		writePage(w, http.StatusOK, "Sign-in refused",
			"flexslot-register refused this answer (it does not name the issuer expected): you can close this tab and go back to the terminal.")
	default:
		writePage(w, http.StatusOK, "Signed in",
			"flexslot-register got the sign-in: you can close this tab and go back to the terminal.")
	}
}

// ours reports whether state is this sign-in's, in constant time so that
// how long a refusal takes says nothing of the state.
func (f *Flow) ours(state string) bool {
	return state != "" && subtle.ConstantTimeCompare([]byte(state), []byte(f.state)) == 1
}

// judge reads a callback with our state: its issuer first, which must be
// the API's (RFC 9207: checked before an error is believed), then the
// server's error or the code.
func (f *Flow) judge(q url.Values) callback {
	iss := q.Get("iss")
	switch {
	case iss == "":
		return callback{err: &Error{Kind: KindNoIssuer, Step: "authorize", Err: fmt.Errorf("the callback names no issuer (iss); %s always sends one", f.base)}}
	case iss != f.base: // RFC 9207 §2.4: a simple string comparison
		return callback{err: &Error{Kind: KindWrongState, Step: "authorize", Err: fmt.Errorf("the issuer is %s, not %s", validate.Sanitize(iss), f.base)}}
	case q.Get("error") != "":
		return callback{err: &Error{Kind: KindOAuth, Step: "authorize", Code: q.Get("error"), Description: q.Get("error_description")}}
	}
	return callback{code: q.Get("code")}
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
