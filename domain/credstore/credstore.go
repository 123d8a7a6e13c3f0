// Package credstore keeps the personal access token between runs, one token
// per API (its base URL is the key, so a sandbox's token is never sent to
// production, nor production's to a sandbox): in the system keychain through
// go-keyring (Secret Service on Linux, Keychain on macOS, Credential Manager
// on Windows), or, where there is none (headless Linux without a D-Bus
// session, WSL, CI), in a file readable by its owner only in the user's
// config directory. It says which it used and where.
package credstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// ConfigDirVar names the environment variable that overrides the config
// directory, for tests and for people who keep it elsewhere.
const ConfigDirVar = "FLEXSLOT_CONFIG_DIR"

// appDir is the store's directory below the user's config directory.
const appDir = "flexslot-register"

// SandboxKey is the key of the in-process sandbox (--sandbox), whose URL
// changes from run to run.
const SandboxKey = "sandbox"

// ErrNotFound says no token is kept for the API.
var ErrNotFound = errors.New("no token is kept for this API")

// Kind is the kind of place a token is kept in.
type Kind string

// The places a token can be kept in.
const (
	Keychain Kind = "keychain"
	File     Kind = "file"
)

// Place is where a token is kept: the keychain, or a file at Path.
type Place struct {
	Kind Kind
	// Path is the file's, for File.
	Path string
	// KeychainErr is why the keychain was not used, for a token saved to
	// File.
	KeychainErr error
}

// String names the place for a person.
func (p Place) String() string {
	if p.Kind == Keychain {
		return "the system keychain (" + keychainName + ", service " + Service + ")"
	}
	return p.Path + " (readable by you only)"
}

// Key is the key of the API at baseURL (the default API when empty): its base
// URL as the client uses it, so that spellings of one URL share one token.
func Key(baseURL string) (string, error) {
	u, err := api.ParseBaseURL(baseURL)
	if err != nil {
		return "", err
	}
	return u.String(), nil
}

// Store keeps tokens in a keychain, else in a file in a directory.
type Store struct {
	keyring Keyring
	dir     string
}

// Option changes how a Store is made.
type Option func(*Store)

// WithKeyring makes the Store use k as the keychain; nil means none (every
// token goes to the file).
func WithKeyring(k Keyring) Option { return func(s *Store) { s.keyring = k } }

// WithDir makes the Store keep its file in dir instead of ConfigDir's.
func WithDir(dir string) Option { return func(s *Store) { s.dir = dir } }

// New returns the Store of this user: the system keychain when one can be
// reached without starting anything, and the file in ConfigDir.
func New(opts ...Option) (*Store, error) {
	s := &Store{keyring: systemKeyring()}
	for _, opt := range opts {
		opt(s)
	}
	if s.dir == "" {
		dir, err := ConfigDir()
		if err != nil {
			return nil, err
		}
		s.dir = dir
	}
	return s, nil
}

// ConfigDir is where the file is kept: $FLEXSLOT_CONFIG_DIR, else
// flexslot-register in the user's config directory (os.UserConfigDir).
func ConfigDir() (string, error) {
	if dir := os.Getenv(ConfigDirVar); dir != "" {
		return dir, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no config directory to keep the token in: %w", err)
	}
	return filepath.Join(base, appDir), nil
}

// Save keeps token for the API of key: in the keychain, else in the file,
// and says where. A token saved to the keychain is taken out of the file,
// so that only one copy is kept.
func (s *Store) Save(key, token string) (Place, error) {
	if err := validate.Token(token); err != nil {
		return Place{}, err
	}
	keychainErr := errNoKeychain
	if s.keyring != nil {
		keychainErr = s.keychainSet(key, token)
		if keychainErr == nil {
			if _, err := s.fileDelete(key); err != nil {
				return Place{Kind: Keychain}, fmt.Errorf("kept in the keychain, but an older copy could not be removed from %s: %w", s.path(), err)
			}
			return Place{Kind: Keychain}, nil
		}
	}
	if err := s.fileSave(key, token); err != nil {
		return Place{}, fmt.Errorf("the keychain could not keep the token (%v), nor %w", keychainErr, err)
	}
	return Place{Kind: File, Path: s.path(), KeychainErr: keychainErr}, nil
}

// Load returns the token kept for the API of key and where it was: the
// keychain first, then the file. ErrNotFound when neither has one.
func (s *Store) Load(key string) (string, Place, error) {
	if s.keyring != nil {
		token, err := s.keychainGet(key)
		if err == nil && validate.Token(token) == nil {
			return token, Place{Kind: Keychain}, nil
		}
	}
	token, err := s.fileLoad(key)
	if err != nil {
		return "", Place{}, err
	}
	return token, Place{Kind: File, Path: s.path()}, nil
}

// Delete removes the token kept for the API of key from both places and
// returns the places it was in; none is not an error.
func (s *Store) Delete(key string) ([]Place, error) {
	var removed []Place
	var errs []error
	if s.keyring != nil {
		switch err := s.keychainDelete(key); {
		case err == nil:
			removed = append(removed, Place{Kind: Keychain})
		case !errors.Is(err, ErrNotFound):
			errs = append(errs, fmt.Errorf("the keychain: %w", err))
		}
	}
	found, err := s.fileDelete(key)
	if err != nil {
		errs = append(errs, err)
	}
	if found {
		removed = append(removed, Place{Kind: File, Path: s.path()})
	}
	return removed, errors.Join(errs...)
}
