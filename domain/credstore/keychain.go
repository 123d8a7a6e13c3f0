package credstore

import (
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keychain's service name of every token kept; the API's key
// is the account (user) name.
const Service = "flexslot-register"

// keychainTimeout bounds one keychain call: a keychain that waits for an
// unlock nobody can give (a prompt on no screen) must not hold the command
// for ever.
const keychainTimeout = 30 * time.Second

// errNoKeychain is why the file is used when no keychain can be reached.
var errNoKeychain = errors.New("no D-Bus session to reach a Secret Service in")

// Keyring is the part of go-keyring the Store uses; tests give one of their
// own.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// goKeyring is the system keychain, through go-keyring.
type goKeyring struct{}

func (goKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (goKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}
func (goKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// systemKeyring is the system keychain, or nil where none can be reached
// without starting one (keychainReachable).
func systemKeyring() Keyring {
	if !keychainReachable() {
		return nil
	}
	return goKeyring{}
}

func (s *Store) keychainSet(key, token string) error {
	return withTimeout(func() error { return s.keyring.Set(Service, key, token) })
}

func (s *Store) keychainGet(key string) (string, error) {
	var token string
	err := withTimeout(func() (err error) {
		token, err = s.keyring.Get(Service, key)
		return err
	})
	return token, err
}

func (s *Store) keychainDelete(key string) error {
	return withTimeout(func() error { return s.keyring.Delete(Service, key) })
}

// withTimeout runs a keychain call for at most keychainTimeout, and maps
// go-keyring's not-found to ErrNotFound. A call that times out goes on in
// its goroutine; its answer is dropped.
func withTimeout(call func() error) error {
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		if errors.Is(err, keyring.ErrNotFound) {
			return ErrNotFound
		}
		return err
	case <-time.After(keychainTimeout):
		return fmt.Errorf("the keychain did not answer within %s (locked, waiting for an unlock?)", keychainTimeout)
	}
}
