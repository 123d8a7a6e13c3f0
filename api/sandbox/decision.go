package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// consentLifetime is how long a consent page may be answered: long enough to
// read it, short enough that a page left open does not stay good for ever.
const consentLifetime = 10 * time.Minute

// consentTokenField names the hidden field of the consent page's form that
// carries the page's one-time token.
const consentTokenField = "consent_token"

// authorizeParams are the parameters of an authorize request, which the
// consent page's form carries back with the decision.
var authorizeParams = []string{"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"}

// consentTicket is what a consent page's token stands for: the authorize
// request the page showed, until it expires. A ticket is taken once.
type consentTicket struct {
	params  url.Values // the authorizeParams, as the page's form holds them
	expires time.Time
}

// newConsentToken files a ticket for the consent page of the authorize
// request params and returns its token, for the page's form. Expired
// tickets are swept out on the way.
func (s *Server) newConsentToken(params url.Values) string {
	token := randomString(32)
	ticket := &consentTicket{params: url.Values{}, expires: now().Add(consentLifetime)}
	for _, name := range authorizeParams {
		ticket.params.Set(name, params.Get(name))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	at := now()
	for t, c := range s.oauth().consents {
		if at.After(c.expires) {
			delete(s.oauth().consents, t)
		}
	}
	s.oauth().consents[token] = ticket
	return token
}

// takeConsentToken takes the ticket of the form's token, whatever follows: a
// page is answered once. It says why the decision may not be taken, or ""
// when the form is the one of a page shown, unexpired, for these very
// authorize parameters.
func (s *Server) takeConsentToken(form url.Values) string {
	token := form.Get(consentTokenField)
	if token == "" {
		return "This decision carries no " + consentTokenField + ": it is taken only from the consent page's own form. Start the sign-in again from the app."
	}
	s.mu.Lock()
	ticket, ok := s.oauth().consents[token]
	delete(s.oauth().consents, token)
	s.mu.Unlock()
	switch {
	case !ok:
		return "This consent page was answered already, or never shown. Start the sign-in again from the app."
	case now().After(ticket.expires):
		return "This consent page expired: it may be answered for " + strconv.Itoa(int(consentLifetime/time.Minute)) + " minutes. Start the sign-in again from the app."
	}
	for _, name := range authorizeParams {
		if form.Get(name) != ticket.params.Get(name) {
			return "This decision is not for the sign-in request the consent page showed (its " + name + " differs). Start the sign-in again from the app."
		}
	}
	return ""
}

// foreignPost says why a POST of the consent decision did not come from a
// page of the sandbox's own origin, or "" when it did. A browser says where
// a form was sent from (Origin; Sec-Fetch-Site too); a request that says
// neither is no browser's, and no user's decision can be forged by it. The
// origin is the issuer's, never the Host header's (which the sender chose).
func (s *Server) foreignPost(r *http.Request) string {
	own := s.issuer(r)
	if u, err := url.Parse(own); err == nil {
		own = u.Scheme + "://" + u.Host
	}
	if origin := r.Header.Get("Origin"); origin != "" && !strings.EqualFold(origin, own) {
		return "This decision was sent from " + origin + ", not from the consent page at " + own +
			": a page of another origin may not answer for the user. Open the sign-in at " + own + "."
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return "This decision was sent from another origin (Sec-Fetch-Site: " + site + "), not from the consent page at " + own + "."
	}
	return ""
}
