package lines

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/huh/v2"

	"github.com/flexslot/flexslot-register/api"
	"github.com/flexslot/flexslot-register/domain/advice"
	"github.com/flexslot/flexslot-register/domain/recovery"
	"github.com/flexslot/flexslot-register/domain/signin"
	"github.com/flexslot/flexslot-register/flow"
	"github.com/flexslot/flexslot-register/validate"
)

// The line prompts' choices of the recovery and the rotation.
const (
	choiceRotate = "rotate"
	choiceCheck  = "check"
)

// recoverLost finds out whether a create whose answer was lost went through,
// says which, and offers what fits: retry, rotate the secret of the client
// found, or check again. It never sends the create again by itself.
func (a *Prompts) recoverLost(ctx context.Context, started time.Time, lost error) (done bool, err error) {
	for {
		a.say("Checking whether it was created…")
		finding := recovery.Check(ctx, a.client, *a.req, started)
		headline, next := advice.Found(finding, a.req.ApplicationName)
		a.say("%s %s", headline, next)
		var choice string
		switch finding.Verdict {
		case recovery.Created:
			choice, err = a.choose("What now?", choiceRotate, "Rotate its secret now", choiceQuit, "Quit")
		case recovery.NotCreated:
			choice, err = a.choose("What now?", choiceRetry, "Retry", choiceEdit, "Edit the answers", choiceQuit, "Quit")
		default:
			choice, err = a.choose("What now?", choiceCheck, "Check again", choiceRetry, "Retry", choiceQuit, "Quit")
		}
		switch {
		case err != nil:
			return true, err
		case choice == choiceCheck:
			continue
		case choice == choiceRotate:
			return true, a.rotate(ctx, finding.Client)
		case choice == choiceEdit:
			return false, a.ask(nil)
		case choice == choiceRetry:
			return a.submit(ctx)
		}
		return true, lost
	}
}

// rotateFlow gives a confidential client a new secret: the one Config.ClientID
// names, or one picked from a numbered list; after a confirmation.
func (a *Prompts) rotateFlow(ctx context.Context) error {
	clients, err := a.client.ListOAuth2Clients(ctx)
	if err != nil {
		return explain(err)
	}
	var pick []api.OAuth2Client
	for _, c := range clients {
		switch {
		case a.cfg.ClientID != "" && c.ClientID == a.cfg.ClientID && c.ClientType != validate.ClientConfidential:
			return fmt.Errorf("%s", advice.PublicNoSecret(c.ClientID))
		case a.cfg.ClientID != "" && c.ClientID == a.cfg.ClientID:
			pick = []api.OAuth2Client{c}
		case a.cfg.ClientID == "" && c.ClientType == validate.ClientConfidential:
			pick = append(pick, c)
		}
	}
	switch {
	case a.cfg.ClientID != "" && len(pick) == 0:
		return fmt.Errorf("%s", advice.NotOurs(a.cfg.ClientID))
	case len(pick) == 0:
		a.say("You have no confidential clients: only they have a secret to rotate.")
		return nil
	}
	client := pick[0]
	if len(pick) > 1 {
		pairs := make([]string, 0, 2*len(pick))
		for _, c := range pick {
			pairs = append(pairs, c.ClientID, validate.Sanitize(c.ApplicationName)+" ("+c.ClientID+")")
		}
		id, err := a.choose("Which client gets a new secret?", pairs...)
		if err != nil {
			return err
		}
		for _, c := range pick {
			if c.ClientID == id {
				client = c
			}
		}
	}
	a.say("%s", advice.RotationEffect)
	ok := false
	question := fmt.Sprintf("Give %q (%s) a new secret?", validate.Sanitize(client.ApplicationName), client.ClientID)
	if err := a.prompt(huh.NewConfirm().Title(question).Value(&ok)); err != nil || !ok {
		return err
	}
	return a.rotate(ctx, client)
}

// rotate sends the rotation and shows the new secret as a create's.
func (a *Prompts) rotate(ctx context.Context, client api.OAuth2Client) error {
	a.say("Getting a new secret for %q…", validate.Sanitize(client.ApplicationName))
	resp, err := a.client.RotateSecret(ctx, client.ClientID)
	if err != nil {
		return fmt.Errorf("%s", strings.Join(advice.Of(err).Lines(), " "))
	}
	a.created = resp
	a.update(func(r *flow.Result) { r.Created, r.Outcome, r.Rotated = resp, flow.OutcomeRegistered, true })
	return a.showResult(ctx)
}

// offerSignin offers a test sign-in with the client, where one can run from
// here, and says what it proved as plain lines.
func (a *Prompts) offerSignin(ctx context.Context) error {
	c, secret := a.created.Client, a.created.PlaintextClientSecret.Reveal()
	_, loopback := signin.LoopbackRedirect(c)
	if !loopback || len(c.AllowedScopes) == 0 || !advice.CredentialsValid(c.ClientID, secret) ||
		(c.ClientType == validate.ClientConfidential && secret == "") {
		return nil
	}
	try := false
	if err := a.prompt(huh.NewConfirm().Title("Try a test sign-in with this client now? It opens your browser.").Value(&try)); err != nil || !try {
		return err
	}
	flow, err := signin.Start(signin.Options{BaseURL: a.client.BaseURL(), Client: c, Secret: secret, Open: a.cfg.OpenBrowser})
	if err == nil {
		defer flow.Close()
		err = flow.Precheck(ctx)
	}
	if err == nil {
		a.say("Sign in in your browser. Where it does not open, open this URL by hand:\n%s\nWaiting, up to 5 minutes…", flow.URL())
		var out signin.Outcome
		if out, err = flow.Wait(ctx, signin.DefaultTimeout); err == nil {
			a.say("%s", advice.SignedIn(out))
			return nil
		}
	}
	problem, next := advice.SignInFailed(err)
	a.say("%s %s", problem, next)
	return nil
}
