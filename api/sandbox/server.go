// Package sandbox is an in-process flexslot partner API: the documented
// endpoints the wizard uses, with the server's validation and error shapes,
// clients kept in memory or in a state file that every run shares (state.go),
// and triggers that reach every failure on purpose.
//
// It is a product feature, not a test double: newcomers try the wizard against
// it (--sandbox), and partners point their own tests at
// `flexslot-register sandbox`. It only ever listens on a loopback address.
package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// DefaultSlowDelay is how long the sandbox:slow trigger waits before answering:
// long enough to watch the spinner, short enough not to bore.
const DefaultSlowDelay = 3 * time.Second

// maxRequestBytes is the largest request body the sandbox reads (413 beyond).
const maxRequestBytes = 1 << 20

// Config describes the partner account the sandbox pretends the token belongs to.
// The zero value is an active standard-tier partner with a fresh random token.
type Config struct {
	// Token is the personal access token the sandbox accepts; a random
	// flx_pat_sandbox_... token when empty.
	Token string
	// PartnerName names the partner; "Sandbox Partner" when empty.
	PartnerName string
	// PartnerStatus is active (default), suspended or revoked; only an active
	// partner may create, list or rotate clients.
	PartnerStatus string
	// RateLimitTier is standard (default) or premium.
	RateLimitTier string
	// PartnerScopes are the scopes the partner account has, which its
	// clients may ask for; every scope when nil. A create that asks for
	// another is refused at allowed_scopes, and a scope request
	// (POST /me/partner/scope-requests) is the way to get it.
	PartnerScopes []string
	// SlowDelay is the wait of the sandbox:slow trigger; DefaultSlowDelay when 0.
	SlowDelay time.Duration
	// Issuer is the OAuth issuer named in callbacks (iss, RFC 9207): the
	// sandbox's base URL. When empty, the base URL of the address each
	// request came in on; never the request's Host header.
	Issuer string
	// DPoPBound makes every client the sandbox registers DPoP-bound, as
	// dpop_bound_access_tokens: true in the partner admin does: its token
	// requests need a DPoP proof, and its tokens are bound to the proof's
	// key (RFC 9449 §5). Any client may send a proof without it.
	DPoPBound bool
	// DPoPNonce makes the token endpoint ask for a nonce of its own in each
	// proof (RFC 9449 §8): a proof without one gets 400 use_dpop_nonce and a
	// DPoP-Nonce header, and every token answer a fresh nonce.
	DPoPNonce bool
	// StatePath is the file the sandbox keeps its partner's token, clients,
	// secrets' hashes, issued tokens' hashes and scope requests in, shared
	// with every sandbox that names it, in this process or another (state.go):
	// what `--sandbox` runs and `flexslot-register sandbox` give
	// (StatePath()). Empty, the default, keeps everything in memory until
	// the sandbox goes, as every test wants.
	StatePath string
	// Notices is where the sandbox tells a person what became of its state
	// file: a damaged one set aside, one it could not use. Discarded when nil.
	Notices io.Writer
}

// Server is the sandbox API as an http.Handler. It is safe for concurrent use.
type Server struct {
	cfg     Config
	mux     *http.ServeMux
	started time.Time
	done    chan struct{}

	mu       sync.Mutex
	clients  []api.OAuth2Client
	received [][]byte // nil where a request was refused
	attempts int
	// secrets holds the SHA-256 of each confidential client's current
	// secret, never the secret itself.
	secrets map[string][sha256.Size]byte
	// oauthState is what the OAuth endpoints issued; see oauth.go.
	oauthState *oauthState
	// scopeRequests are the scope requests accepted, oldest first.
	scopeRequests []api.ScopeRequest
	closed        bool
	// dpop is what DPoP remembers: proofs taken, nonces given (dpop_state.go).
	dpop dpopState
	// store is the state file, or nil for a sandbox in memory.
	store *stateStore
}

// New returns a sandbox with no clients yet, or with those of its state
// file (Config.StatePath). A state file it cannot use is said on
// Config.Notices, and the sandbox keeps to memory: it never fails to start.
func New(cfg Config) *Server {
	if cfg.PartnerName == "" {
		cfg.PartnerName = "Sandbox Partner"
	}
	if cfg.PartnerStatus == "" {
		cfg.PartnerStatus = api.StatusActive
	}
	if cfg.RateLimitTier == "" {
		cfg.RateLimitTier = "standard"
	}
	if cfg.PartnerScopes == nil {
		cfg.PartnerScopes = validate.Scopes
	}
	if cfg.SlowDelay == 0 {
		cfg.SlowDelay = DefaultSlowDelay
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), started: now(), done: make(chan struct{})}
	if cfg.StatePath != "" {
		s.store = &stateStore{path: cfg.StatePath, notices: cfg.Notices}
		if err := s.open(); err != nil {
			if cfg.Notices != nil {
				fmt.Fprintf(cfg.Notices, "flexslot sandbox: %v.\nThis sandbox keeps nothing after it stops.\n", err)
			}
			s.store = nil
		}
	}
	if s.cfg.Token == "" {
		s.cfg.Token = newToken()
	}
	const base = api.APIPrefix
	s.mux.HandleFunc(base+"/me/access-tokens/{$}", s.authed(false, s.accessToken))
	s.mux.HandleFunc(base+"/me/partner", s.authed(false, s.partner))
	s.mux.HandleFunc(base+api.ClientsPath, s.authed(true, s.clientsCollection))
	s.mux.HandleFunc(base+api.ClientsPath+"/{client_id}/rotate-secret", s.authed(true, s.rotateSecret))
	s.mux.HandleFunc(base+api.ScopeRequestsPath, s.authed(true, s.requestScopes))
	s.mux.HandleFunc(base+api.AuthorizePath, s.authorize)
	s.mux.HandleFunc(base+api.TokenPath, s.token)
	s.mux.HandleFunc(base+api.RevokePath, s.revoke)
	s.mux.HandleFunc(base+api.IntrospectPath, s.introspect)
	s.mux.HandleFunc(base+api.DecksPath, s.decks)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeDetail(w, http.StatusNotFound, "Not found.")
	})
	return s
}

// Token returns the personal access token the sandbox accepts.
func (s *Server) Token() string { return s.cfg.Token }

// ServeHTTP answers one API request.
// ServeHTTP answers one API request, on the state file's latest state when
// there is one.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.refresh()
	s.mux.ServeHTTP(w, r)
}

// Clients returns a copy of the clients created so far, oldest first.
func (s *Server) Clients() []api.OAuth2Client {
	s.refresh()
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.clients)
}

// CreateRequests returns the bodies of the create requests received and not
// refused (a 4xx or 5xx answer), oldest first, those still being answered
// included: what a test checks to know exactly what was sent. The sandbox
// keeps no refused body.
func (s *Server) CreateRequests() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out [][]byte
	for _, body := range s.received {
		if body != nil {
			out = append(out, slices.Clone(body))
		}
	}
	return out
}

// SecretIsCurrent reports whether secret is the current secret of the client
// clientID: what a test checks after a rotation, and what the token endpoint
// would accept.
func (s *Server) SecretIsCurrent(clientID, secret string) bool {
	s.refresh()
	return s.secretIsCurrent(clientID, secret)
}

// secretIsCurrent is SecretIsCurrent on the state read for the request.
func (s *Server) secretIsCurrent(clientID, secret string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	want, ok := s.secrets[clientID]
	got := sha256.Sum256([]byte(secret))
	return ok && subtle.ConstantTimeCompare(want[:], got[:]) == 1
}

// setSecret makes secret the client's current one; s.mu must be held.
func (s *Server) setSecret(clientID, secret string) {
	if s.secrets == nil {
		s.secrets = map[string][sha256.Size]byte{}
	}
	s.secrets[clientID] = sha256.Sum256([]byte(secret))
}

// CreateAttempts counts the create requests received, refused ones included.
func (s *Server) CreateAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Close releases requests held by the sandbox:hang and sandbox:slow triggers.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// authed wraps a handler with the token check every endpoint makes, and, for
// client management, the check that the partner is active.
func (s *Server) authed(needsActivePartner bool, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		if auth == "" {
			writeUnauthorized(w, "Authentication credentials were not provided.")
			return
		}
		token, ok := bearerToken(auth)
		if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.cfg.Token)) != 1 {
			writeUnauthorized(w, "Invalid token.")
			return
		}
		if needsActivePartner && s.cfg.PartnerStatus != api.StatusActive {
			writeDetail(w, http.StatusForbidden, "Your partner account is "+s.cfg.PartnerStatus+"; it may not manage OAuth2 clients.")
			return
		}
		next(w, r)
	}
}

// bearerToken is the token of an Authorization header in the Bearer scheme,
// whose name is case-insensitive (RFC 7235 §2.1); ok is false when the header
// holds no bearer token.
func bearerToken(header string) (token string, ok bool) {
	scheme, token, _ := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	return token, strings.EqualFold(scheme, "Bearer") && token != ""
}

// allow answers 405 unless the request uses method.
func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, method := range methods {
		if r.Method == method || (method == http.MethodGet && r.Method == http.MethodHead) {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", ")+", OPTIONS")
	writeDetail(w, http.StatusMethodNotAllowed, `Method "`+r.Method+`" not allowed.`)
	return false
}

func (s *Server) accessToken(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet) {
		return
	}
	used := now()
	writeJSON(w, http.StatusOK, api.AccessToken{
		ID:          "1",
		Name:        "sandbox",
		TokenPrefix: s.cfg.Token[:min(len(s.cfg.Token), len(validate.TokenPrefix)+4)],
		Scopes:      []string{"partner:manage"},
		CreatedAt:   s.started,
		LastUsedAt:  &used,
	})
}

func (s *Server) partner(w http.ResponseWriter, r *http.Request) {
	if !allow(w, r, http.MethodGet) {
		return
	}
	writeJSON(w, http.StatusOK, api.Partner{
		ID:             "1",
		Slug:           "sandbox-partner",
		Name:           s.cfg.PartnerName,
		Scopes:         slices.Clone(s.cfg.PartnerScopes),
		GameScopes:     []string{},
		AllowedOrigins: []string{},
		RateLimitTier:  s.cfg.RateLimitTier,
		Status:         s.cfg.PartnerStatus,
	})
}

func (s *Server) clientsCollection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		writeJSON(w, http.StatusOK, s.Clients())
	case http.MethodPost:
		s.create(w, r)
	default:
		w.Header().Set("Allow", "GET, POST, HEAD, OPTIONS")
		writeDetail(w, http.StatusMethodNotAllowed, `Method "`+r.Method+`" not allowed.`)
	}
}

// now is the sandbox's clock, in UTC and to the microsecond as the server
// (Django) stores times.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
