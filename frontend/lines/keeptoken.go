package lines

import (
	"strings"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/validate"
)

// offerKeep offers to keep a token typed at the token prompt, once the
// pre-flight accepted it, for the next runs against this API
// (flow.Config.KeepToken), and says where it went. Never for the token the
// run was given, and once a run. A keep that fails is said, and the run goes
// on: it is not about the token.
func (a *Prompts) offerKeep() error {
	keep := a.cfg.KeepToken
	if keep == nil || a.token == a.cfg.Token {
		return nil
	}
	a.cfg.KeepToken = nil // once a run
	base := validate.Sanitize(a.client.BaseURL())
	var yes bool
	question := huh.NewConfirm().Value(&yes).Title("Keep this token for " + base + "? " +
		"It goes to the system keychain (or a file readable by you only) and the next run uses it.")
	if err := a.prompt(question); err != nil || !yes {
		return err
	}
	// No word of the outcome holds the token.
	scrub := func(s string) string { return validate.Sanitize(strings.ReplaceAll(s, a.token, "[the token]")) }
	where, err := keep(a.token)
	if err != nil {
		a.say("The token was not kept: %s. This run goes on with it; `%s` can keep it later.", scrub(err.Error()), advice.CommandLine("login"))
		return nil
	}
	a.say("The token is kept in %s: the next run against %s uses it; `%s` removes it.", scrub(where), base, advice.CommandLine("logout"))
	return nil
}
