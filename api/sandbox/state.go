package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
)

// A sandbox with Config.StatePath keeps what it registers in that file, for
// every run that names it: each request reads it first (a running sandbox
// sees what a --sandbox run registered), and each request that changes it
// reads, changes and writes it under the file's lock (lock.go), so
// that two runs at once both land. Without a StatePath nothing of this
// happens: the sandbox lives in memory, as every test's does.

// stateStore is a sandbox's state file.
type stateStore struct {
	path    string
	notices io.Writer
}

// open loads the state file into a new Server before it serves, under the
// lock: the file's token when it has one, else Config.Token or a new one,
// written back at once, so that runs started together agree on one token
// and a partner's .env for the sandbox keeps working from run to run.
func (s *Server) open() error {
	unlock, err := lockState(s.store.path)
	if err != nil {
		return fmt.Errorf("locking the sandbox's state: %w", err)
	}
	defer unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.store.read(true)
	if err != nil {
		return fmt.Errorf("reading the sandbox's state: %w", err)
	}
	switch {
	case st.Token != "":
		s.cfg.Token = st.Token
	case s.cfg.Token == "":
		s.cfg.Token = newToken()
	}
	s.adopt(st)
	if err := writeState(s.store.path, s.snapshot()); err != nil {
		return fmt.Errorf("writing the sandbox's state: %w", err)
	}
	return nil
}

// Remembers reports whether the sandbox keeps its state in a file: false
// without Config.StatePath, or when the file could not be used (New).
func (s *Server) Remembers() bool { return s.store != nil }

// change runs fn with s.mu held on the latest state: with a state file,
// under its lock, the file read before fn and written after. An error means
// the change is not kept (the next request reads the file again).
func (s *Server) change(fn func()) error {
	if s.store == nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		fn()
		return nil
	}
	unlock, err := lockState(s.store.path)
	if err != nil {
		return fmt.Errorf("locking the sandbox's state: %w", err)
	}
	defer unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.store.read(true)
	if err != nil {
		return fmt.Errorf("reading the sandbox's state: %w", err)
	}
	s.adopt(st)
	fn()
	if err := writeState(s.store.path, s.snapshot()); err != nil {
		return fmt.Errorf("writing the sandbox's state: %w", err)
	}
	return nil
}

// refresh reads the state file, when there is one, before a request: what
// another run registered meanwhile is seen. It needs no lock, since a write
// replaces the file whole. A damaged file is set aside under the lock; a
// file that cannot be read leaves the state as it was.
func (s *Server) refresh() {
	if s.store == nil {
		return
	}
	st, err := s.store.read(false)
	if errors.Is(err, errDamaged) {
		s.change(func() {})
		return
	}
	if err != nil {
		return
	}
	s.mu.Lock()
	s.adopt(st)
	s.mu.Unlock()
}

// read reads the state file. With setAside (the lock held), a damaged file
// is renamed out of the way, with a notice, and reads as a fresh state.
func (st *stateStore) read(setAsideDamaged bool) (savedState, error) {
	saved, err := readState(st.path)
	if !errors.Is(err, errDamaged) || !setAsideDamaged {
		return saved, err
	}
	aside, renameErr := setAside(st.path)
	if renameErr != nil {
		return savedState{}, fmt.Errorf("%v, and could not be set aside: %w", err, renameErr)
	}
	if st.notices != nil {
		fmt.Fprintf(st.notices, "flexslot sandbox: the state file %s could not be read (%v).\nIt was set aside as %s; the sandbox starts afresh.\n",
			st.path, err, aside)
	}
	return savedState{}, nil
}

// adopt makes a state read from the file the sandbox's; s.mu must be held.
// The token is not taken here: it is the Server's from New on (open).
func (s *Server) adopt(st savedState) {
	s.clients = st.Clients
	s.secrets = make(map[string][sha256.Size]byte, len(st.SecretHashes))
	for id, sum := range st.SecretHashes {
		var h [sha256.Size]byte
		if b, err := hex.DecodeString(sum); err == nil && len(b) == sha256.Size {
			copy(h[:], b)
			s.secrets[id] = h
		}
	}
	s.scopeRequests = st.ScopeRequests
	tokens := make(map[string]*issued, len(st.Tokens))
	for key, t := range st.Tokens {
		tokens[key] = &issued{clientID: t.ClientID, scope: t.Scope, grant: t.Grant, refresh: t.Refresh,
			expires: t.Expires, revoked: t.Revoked, jkt: t.JKT}
	}
	s.oauth().tokens = tokens
}

// snapshot is the sandbox's state to write; s.mu must be held. Tokens past
// their expiry are left out: nothing accepts them any more.
func (s *Server) snapshot() savedState {
	st := savedState{
		Token:         s.cfg.Token,
		Clients:       slices.Clone(s.clients),
		SecretHashes:  make(map[string]string, len(s.secrets)),
		Tokens:        map[string]savedToken{},
		ScopeRequests: slices.Clone(s.scopeRequests),
	}
	for id, sum := range s.secrets {
		st.SecretHashes[id] = hex.EncodeToString(sum[:])
	}
	at := time.Now()
	for key, t := range s.oauth().tokens {
		if at.After(t.expires) {
			continue
		}
		st.Tokens[key] = savedToken{ClientID: t.clientID, Scope: t.scope, Grant: t.grant, Refresh: t.refresh,
			Expires: t.expires, Revoked: t.revoked, JKT: t.jkt}
	}
	return st
}

// tokenKey is how the sandbox files an issued token: its SHA-256, so that
// the state file holds no token a thief could use.
func tokenKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Reset starts the sandbox of the state file at path afresh: its clients,
// secrets, issued tokens and scope requests are forgotten. The partner's
// token stays, as a real account's stays when its clients go, so a .env
// that holds it keeps working; remove the file for a new one. A damaged
// file is set aside, with a notice on notices. A sandbox running on the
// file sees the change at its next request.
func Reset(path string, notices io.Writer) error {
	if path == "" {
		return errors.New("no state file: the sandbox keeps nothing to reset")
	}
	store := &stateStore{path: path, notices: notices}
	unlock, err := lockState(path)
	if err != nil {
		return fmt.Errorf("locking the sandbox's state: %w", err)
	}
	defer unlock()
	saved, err := store.read(true)
	if err != nil {
		return fmt.Errorf("reading the sandbox's state: %w", err)
	}
	if saved.Token == "" {
		saved.Token = newToken()
	}
	return writeState(path, savedState{Token: saved.Token})
}

// writeStateError answers 500 for a change the state file did not take.
func writeStateError(w http.ResponseWriter, err error) {
	writeDetail(w, http.StatusInternalServerError, "The sandbox could not keep this change: "+err.Error())
}
