package main

import (
	"errors"
	"strings"
)

// keepToken keeps a token typed at the wizard's or the line prompts' token
// prompt for the next runs against this API, where login keeps it (the same
// store and key, storeKey), and says where it went. nil under --sandbox,
// whose token is the sandbox's own: nothing is offered then.
func (o apiOptions) keepToken() func(token string) (where string, err error) {
	if o.sandbox {
		return nil
	}
	return func(token string) (string, error) {
		key, err := o.storeKey()
		if err != nil {
			return "", err
		}
		store, err := openStore()
		if err != nil {
			return "", err
		}
		place, err := store.Save(key, token)
		if err != nil {
			// No message repeats the token, whatever the keychain said.
			return "", errors.New(strings.ReplaceAll(err.Error(), token, "[the token]"))
		}
		return place.String(), nil
	}
}
