package field

import (
	"strings"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/validate"
)

// ChoiceOptions are a choice field's options as its page and its line
// prompt list them: "Confidential: runs on a server you control; …".
func ChoiceOptions(f api.Field) []huh.Option[string] {
	options := make([]huh.Option[string], len(f.Options))
	for i, o := range f.Options {
		options[i] = huh.NewOption(strings.ToUpper(o.Value[:1])+o.Value[1:]+": "+o.Help, o.Value)
	}
	return options
}

// RedirectHelp says what redirect URIs fit the client type chosen; the
// editor and the line prompts each say how to type them.
func RedirectHelp(f api.Field, r *api.CreateClientRequest) func() string {
	return func() string {
		if r.ClientType == validate.ClientPublic {
			return "Native apps and CLIs use a loopback redirect, e.g. " + validate.LoopbackRedirectExample + " (any port)."
		}
		return "Where users return after signing in, e.g. " + f.Example + "; https, or http on localhost."
	}
}

// KeepOnEmpty lets an empty answer through when the field already holds a
// value: huh's accessible prompts validate the raw answer before an empty one
// falls back to the current value. In the full-screen form the bound value is
// the typed text, so nothing changes there.
func KeepOnEmpty(value *string, rule func(string) error) func(string) error {
	return func(s string) error {
		if s == "" && *value != "" {
			return nil
		}
		return rule(s)
	}
}
